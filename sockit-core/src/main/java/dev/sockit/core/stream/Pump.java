package dev.sockit.core.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Moves bytes between a connection and a channel (a file, stdin, stdout) until end-of-stream.
 *
 * <p>On Linux with Java 22 or later, when the channel is a {@link java.nio.channels.FileChannel}
 * (a file, or stdin/stdout opened from {@link java.io.FileDescriptor}) and nobody asked for
 * payload copies, bytes move inside the kernel with {@code splice(2)} and never enter Java.
 * Otherwise one 1 MiB direct buffer carries them, with no per-byte work.
 */
public final class Pump {
  /** The buffer size: large enough that a system call moves a lot per trip. */
  public static final int BUFFER_SIZE = 1 << 20;

  private Pump() {}

  /**
   * Copies from {@code in} to the connection until {@code in} ends. Does not half-close.
   *
   * @param in the source, e.g. stdin
   * @param out the connection
   * @return bytes copied
   * @throws IOException if reading or writing fails
   */
  public static long toConnection(ReadableByteChannel in, Connection out) throws IOException {
    int fd = zeroCopyFd(in, out);
    if (fd >= 0) {
      long n = ZeroCopy.toConnection(fd, out);
      if (n != ZeroCopy.UNSUPPORTED) {
        return n;
      }
    }
    return copy(in::read, out::write);
  }

  /**
   * Copies from the connection to {@code out} until the peer ends its side.
   *
   * @param in the connection
   * @param out the destination, e.g. stdout
   * @return bytes copied
   * @throws IOException if reading or writing fails
   */
  public static long fromConnection(Connection in, WritableByteChannel out) throws IOException {
    int fd = zeroCopyFd(out, in);
    if (fd >= 0) {
      long n = ZeroCopy.fromConnection(in, fd);
      if (n != ZeroCopy.UNSUPPORTED) {
        return n;
      }
    }
    return copy(in::read, buffer -> {
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    });
  }

  /** Whether zero-copy transfers are used in this runtime (Linux, Java 22+, descriptors reachable). */
  public static boolean zeroCopy() {
    return ZeroCopy.available();
  }

  private static int zeroCopyFd(java.nio.channels.Channel channel, Connection connection) {
    if (!ZeroCopy.available() || connection.wantsPayload()) {
      return -1;
    }
    return ZeroCopy.fd(channel);
  }

  /** The buffered path: one direct buffer, each read handed whole to {@code sink}. */
  private static long copy(Source source, Sink sink) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
    long total = 0;
    while (source.read(buffer.clear()) >= 0) {
      buffer.flip();
      total += buffer.remaining();
      sink.write(buffer);
    }
    return total;
  }

  @FunctionalInterface
  private interface Source {
    int read(ByteBuffer into) throws IOException;
  }

  @FunctionalInterface
  private interface Sink {
    /** Writes all remaining bytes of {@code from}. */
    void write(ByteBuffer from) throws IOException;
  }
}
