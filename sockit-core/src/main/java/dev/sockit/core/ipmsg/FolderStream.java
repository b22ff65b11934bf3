package dev.sockit.core.ipmsg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.Charset;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder as the answer to {@code GETDIRFILES}: a header for the folder, then for each entry (in
 * name order, so that the stream is the same every time the folder is unchanged) a header and a
 * file's bytes, or a sub-folder the same way; each folder ends with a {@link Attachment#RETPARENT}
 * header. Symbolic links and special files are left out.
 *
 * <p>{@code skip} starts the stream that many bytes in: sockit's resume of an interrupted folder
 * download (the request's third field; iptux and IPMsg send 0 there).
 */
final class FolderStream {
  static final int MAX_DEPTH = 64;

  private final WritableByteChannel out;
  private final Charset charset;
  private final Stall stall;
  private final long skip;
  private long position;
  private long sent;
  private int files;

  FolderStream(WritableByteChannel out, Charset charset, Stall stall, long skip) {
    this.out = out;
    this.charset = charset;
    this.stall = stall;
    this.skip = skip;
  }

  /** Bytes written to the connection. */
  long sent() {
    return sent;
  }

  /** Files whose bytes were (at least partly) sent. */
  int files() {
    return files;
  }

  /** Writes the folder {@code root}. */
  void write(Path root) throws IOException {
    folder(root, root.getFileName().toString(), 0);
  }

  private void folder(Path dir, String name, int depth) throws IOException {
    if (depth >= MAX_DEPTH) {
      return;
    }
    BasicFileAttributes da =
        Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    header(new FolderHeader(name, 0, Attachment.FOLDER, seconds(da)));
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(children::add);
    }
    children.sort(null);
    for (Path child : children) {
      BasicFileAttributes a =
          Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      String childName = child.getFileName().toString();
      if (a.isDirectory()) {
        folder(child, childName, depth + 1);
      } else if (a.isRegularFile()) {
        header(new FolderHeader(childName, a.size(), Attachment.REGULAR, seconds(a)));
        content(child, a.size());
      }
    }
    header(new FolderHeader(".", 0, Attachment.RETPARENT, 0));
  }

  private static long seconds(BasicFileAttributes a) {
    return Math.max(0, a.lastModifiedTime().toMillis() / 1000);
  }

  private void header(FolderHeader h) throws IOException {
    byte[] bytes = h.encode(charset);
    long start = position;
    position += bytes.length;
    if (position <= skip) {
      return;
    }
    int from = (int) Math.max(0, skip - start);
    ByteBuffer buf = ByteBuffer.wrap(bytes, from, bytes.length - from);
    while (buf.hasRemaining()) {
      sent += out.write(buf);
      stall.moved();
    }
  }

  private void content(Path file, long size) throws IOException {
    long start = position;
    position += size;
    if (position <= skip) {
      return;
    }
    files++;
    long from = Math.max(0, skip - start);
    try (FileChannel fc =
        FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long pos = from;
      while (pos < size) {
        long n = fc.transferTo(pos, size - pos, out);
        if (n <= 0 && fc.size() <= pos) {
          throw new IOException(file + " became shorter while it was being sent");
        }
        pos += n;
        sent += n;
        stall.moved();
      }
    }
  }
}
