package dev.sockit.core.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads kernel pseudo-files. They report a size of 0, and some kernels (gVisor) then return a
 * truncated result from {@code Files.readString}, so they are read as a stream to the end.
 */
final class LinuxFiles {
  private LinuxFiles() {}

  static String read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
