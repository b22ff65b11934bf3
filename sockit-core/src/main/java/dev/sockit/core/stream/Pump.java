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

  private static final int NOT_STARTED = 0;
  private static final int LINKING = 1;
  private static final int LINKED = 2;
  /** Whether {@link #prepare} is linking the zero-copy calls on another thread, or has. */
  private static volatile int linking = NOT_STARTED;

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
    Source source = in::read;
    Sink sink = out::write;
    long early = 0;
    if (linking == LINKING) {
      early = copyWhileLinking(source, sink);
      if (early < 0) {
        return -early - 1; // the stream ended before the linking did
      }
    }
    int fd = zeroCopyFd(in, out);
    if (fd >= 0) {
      long n = ZeroCopy.toConnection(fd, out);
      if (n != ZeroCopy.UNSUPPORTED) {
        return early + n;
      }
    }
    return early + copy(source, sink);
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
    Source source = in::read;
    Sink sink = buffer -> {
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    };
    long early = 0;
    if (linking == LINKING) {
      early = copyWhileLinking(source, sink);
      if (early < 0) {
        return -early - 1;
      }
    }
    int fd = zeroCopyFd(out, in);
    if (fd >= 0) {
      long n = ZeroCopy.fromConnection(in, fd);
      if (n != ZeroCopy.UNSUPPORTED) {
        return early + n;
      }
    }
    return early + copy(source, sink);
  }

  /**
   * Links the zero-copy calls now (the first transfer would otherwise do it: 25-30 ms for the
   * generated call stubs). A command line can call this on another thread while it parses its
   * arguments; transfers that start before the linking is done copy through a buffer meanwhile and
   * switch to zero-copy when it is, instead of waiting for it.
   *
   * @return whether zero-copy transfers are available
   */
  public static boolean prepare() {
    linking = LINKING;
    try {
      return ZeroCopy.available();
    } finally {
      linking = LINKED;
    }
  }

  /** Tests: pretend another thread is linking ({@code true}) or has finished ({@code false}). */
  static void linkingForTest(boolean inProgress) {
    linking = inProgress ? LINKING : LINKED;
  }

  /**
   * The buffered copy, while another thread links the zero-copy calls: returns the bytes copied
   * once the linking is done, or {@code -(bytes + 1)} if the stream ended first.
   */
  private static long copyWhileLinking(Source source, Sink sink) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
    long total = 0;
    while (linking == LINKING) {
      if (source.read(buffer.clear()) < 0) {
        return -total - 1;
      }
      buffer.flip();
      total += buffer.remaining();
      sink.write(buffer);
    }
    return total;
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
