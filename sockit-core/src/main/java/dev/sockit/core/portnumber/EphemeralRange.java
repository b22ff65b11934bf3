package dev.sockit.core.portnumber;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The local ports this host's kernel hands out for outgoing connections and port-0 binds. Linux
 * keeps it in {@code /proc/sys/net/ipv4/ip_local_port_range} (it applies to IPv6 too); other
 * systems have no such file, and then the range is unknown rather than guessed.
 *
 * @param first the first port
 * @param last the last port
 */
public record EphemeralRange(int first, int last) {

  /** Linux's file. */
  public static final Path LINUX_FILE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  /** Checks the bounds. */
  public EphemeralRange {
    if (first < 0 || last > 65535 || first > last) {
      throw new IllegalArgumentException("bad ephemeral port range " + first + "-" + last);
    }
  }

  /**
   * Reads the range from a file in Linux's format: two numbers separated by white space.
   *
   * @param file the file, usually {@link #LINUX_FILE}
   * @return the range, or empty when the file does not exist (not Linux)
   * @throws IOException if the file exists but cannot be read
   * @throws IllegalArgumentException if its content is not two ports
   */
  public static Optional<EphemeralRange> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    // Read as a stream: /proc files report size 0, and gVisor then truncates Files.readString.
    try (java.io.InputStream in = Files.newInputStream(file)) {
      return Optional.of(
          parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)));
    }
  }

  static EphemeralRange parse(String text) {
    String[] parts = text.strip().split("\\s+");
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected two port numbers, got '" + text.strip() + "'");
    }
    try {
      return new EphemeralRange(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected two port numbers, got '" + text.strip() + "'", e);
    }
  }

  /**
   * Whether the port is in the range.
   *
   * @param port the port
   * @return {@code true} if inside
   */
  public boolean contains(int port) {
    return port >= first && port <= last;
  }
}
