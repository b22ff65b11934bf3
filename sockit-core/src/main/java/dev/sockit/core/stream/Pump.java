package dev.sockit.core.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Moves bytes between a connection and a channel (a file, stdin, stdout) until end-of-stream.
 *
 * <p>On Linux with Java 22 or later, when the channel is a {@link java.nio.channels.FileChannel} (a
 * file, or stdin/stdout opened from {@link java.io.FileDescriptor}) and nobody asked for payload
 * copies, bytes move inside the kernel with {@code splice(2)} and never enter Java. Otherwise one 1
 * MiB direct buffer carries them, with no per-byte work. A TLS connection's bytes must pass through
 * Java to be encrypted: one 1 MiB heap buffer carries them.
 *
 * <p>The {@code splice} calls are linked only once a relay has carried {@link #LINK_AFTER} bytes
 * through its buffer, on another thread while the copying goes on: linking them takes tens of
 * milliseconds of CPU, which a short session (a request and its answer, {@code echo hi | sockit tcp
 * connect ...}) would pay on a machine with few cores for nothing.
 */
public final class Pump {
  /** The buffer size: large enough that a system call moves a lot per trip. */
  public static final int BUFFER_SIZE = 1 << 20;

  /**
   * The buffer of a copy between two connections: smaller than {@link #BUFFER_SIZE}, as a relay
   * server may carry thousands of connections at once, and such copies use it only until splice is
   * linked, or when splice cannot serve them.
   */
  static final int BETWEEN_BUFFER_SIZE = 64 * 1024;

  /** Bytes a relay copies through its buffer before the zero-copy calls are linked. */
  static final long LINK_AFTER = 1 << 20;

  private static final int NOT_STARTED = 0;
  private static final int LINKING = 1;
  private static final int LINKED = 2;

  /** Whether {@link #prepare} is linking the zero-copy calls on another thread, or has. */
  private static volatile int linking = NOT_STARTED;

  private static final java.util.concurrent.atomic.AtomicBoolean LINK_STARTED =
      new java.util.concurrent.atomic.AtomicBoolean();
  private static volatile long linkAfter = LINK_AFTER;

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
    return transfer(
        in::read,
        out::write,
        out.isSecured(),
        mayZeroCopy(in, out),
        () -> {
          int fd = zeroCopyFd(in, out);
          return fd < 0 ? ZeroCopy.UNSUPPORTED : ZeroCopy.toConnection(fd, out);
        });
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
    Sink sink =
        buffer -> {
          while (buffer.hasRemaining()) {
            out.write(buffer);
          }
        };
    return transfer(
        in::read,
        sink,
        in.isSecured(),
        mayZeroCopy(out, in),
        () -> {
          int fd = zeroCopyFd(out, in);
          return fd < 0 ? ZeroCopy.UNSUPPORTED : ZeroCopy.fromConnection(in, fd);
        });
  }

  /**
   * Copies from one connection to another until {@code in} ends (the peer's FIN), as a relay does;
   * does not half-close {@code out}. Socket to socket through a private pipe with {@code splice(2)}
   * when nobody asked for payload copies (on a virtual thread, the waits park it in the JDK's own
   * poller, so waiting relays hold no carrier thread); otherwise through a 64 KiB buffer. The bytes
   * are counted on both connections ({@link Connection#bytesReceived()} of {@code in}, {@link
   * Connection#bytesSent()} of {@code out}).
   *
   * @param in where bytes come from
   * @param out where they go
   * @return bytes copied
   * @throws WriteFailedException if writing to {@code out} failed (the cause says how)
   * @throws IOException if reading {@code in} failed
   */
  public static long between(Connection in, Connection out) throws IOException {
    java.util.Objects.requireNonNull(in, "in");
    java.util.Objects.requireNonNull(out, "out");
    Sink sink =
        buffer -> {
          try {
            out.write(buffer);
          } catch (IOException e) {
            throw new WriteFailedException(e);
          }
        };
    boolean secured = in.isSecured() || out.isSecured();
    return transfer(
        in::read,
        sink,
        secured,
        !in.wantsPayload() && !out.wantsPayload() && !secured,
        BETWEEN_BUFFER_SIZE,
        () -> ZeroCopy.available() ? ZeroCopy.between(in, out) : ZeroCopy.UNSUPPORTED);
  }

  /**
   * Starts relaying both ways between two connections inside the kernel, on one of the process's
   * splice loops ({@link KernelRelay}): the way to join two sockets with the least CPU and the
   * least added delay per message. Possible on Linux with Java 22+ once the zero-copy calls are
   * linked ({@link #prepare()}), when nobody asked for payload copies.
   *
   * @param a one connection
   * @param b the other
   * @return the running relay, or {@code null} when it cannot be done here (then copy each
   *     direction with {@link #between} on a thread of its own)
   * @throws IOException if the connections cannot be switched to non-blocking mode
   */
  public static KernelRelay relayInKernel(Connection a, Connection b) throws IOException {
    java.util.Objects.requireNonNull(a, "a");
    java.util.Objects.requireNonNull(b, "b");
    if (linking != LINKED
        || a.wantsPayload()
        || b.wantsPayload()
        || a.isSecured()
        || b.isSecured()) {
      return null; // TLS bytes must pass through Java to be decrypted and encrypted
    }
    return SpliceLoop.start(a, b);
  }

  /**
   * Both directions: through the buffer while another thread links the zero-copy calls, then
   * zero-copy where {@code zeroCopy} can, else through the buffer to the end.
   */
  private static long transfer(
      Source source, Sink sink, boolean secured, boolean mayZeroCopy, ZeroCopyRoute zeroCopy)
      throws IOException {
    return transfer(source, sink, secured, mayZeroCopy, BUFFER_SIZE, zeroCopy);
  }

  private static long transfer(
      Source source,
      Sink sink,
      boolean secured,
      boolean mayZeroCopy,
      int bufferSize,
      ZeroCopyRoute zeroCopy)
      throws IOException {
    // Made on first use: a transfer that splices at once needs none.
    ByteBuffer[] buffer = new ByteBuffer[1];
    if (secured) {
      // TLS encrypts and decrypts heap arrays about twice as fast as direct buffers (JSSE's
      // AES-GCM works on arrays); the buffer is made here so copy() keeps it.
      buffer[0] = ByteBuffer.allocate(bufferSize);
    }
    if (!mayZeroCopy) {
      return -copy(source, sink, buffer, bufferSize, copied -> true)
          - 1; // nothing to link for: a buffer to the end
    }
    long early = 0;
    if (linking == NOT_STARTED) {
      long limit = linkAfter;
      long r =
          copy(
              source, sink, buffer, bufferSize, copied -> linking == NOT_STARTED && copied < limit);
      if (r < 0) {
        return -r - 1; // a short stream: it ended before it was worth linking
      }
      early = r;
      startLinking();
    }
    if (linking == LINKING) {
      long r = copy(source, sink, buffer, bufferSize, copied -> linking == LINKING);
      if (r < 0) {
        return early + (-r - 1); // the stream ended before the linking did
      }
      early += r;
    }
    long n = zeroCopy.move();
    if (n != ZeroCopy.UNSUPPORTED) {
      return early + n;
    }
    return early - copy(source, sink, buffer, bufferSize, copied -> true) - 1;
  }

  /**
   * Links the zero-copy calls now, on this thread (25-30 ms for the generated call stubs), rather
   * than once a transfer has carried {@link #LINK_AFTER} bytes; transfers under way copy through
   * their buffers meanwhile and switch to zero-copy when it is done.
   *
   * @return whether zero-copy transfers are available
   */
  public static boolean prepare() {
    LINK_STARTED.set(true);
    linking = LINKING;
    try {
      return ZeroCopy.available();
    } finally {
      linking = LINKED;
    }
  }

  /** Links on another thread, once per process; transfers go on through their buffers meanwhile. */
  private static void startLinking() {
    if (LINK_STARTED.compareAndSet(false, true)) {
      linking = LINKING;
      Thread.ofPlatform().daemon().name("sockit-link").start(Pump::prepare);
    }
  }

  /**
   * Tests: forget that linking started (the calls stay linked once they are; this only rewinds the
   * state).
   */
  static void unlinkedForTest() {
    linking = NOT_STARTED;
    LINK_STARTED.set(false);
  }

  /** Tests: whether linking has been started (by {@link #prepare} or by a transfer). */
  static boolean linkingStarted() {
    return LINK_STARTED.get();
  }

  /** Tests: link after {@code bytes} instead of {@link #LINK_AFTER} (0: at the first transfer). */
  static void linkAfterForTest(long bytes) {
    linkAfter = bytes;
  }

  /** Tests: pretend another thread is linking ({@code true}) or has finished ({@code false}). */
  static void linkingForTest(boolean inProgress) {
    linking = inProgress ? LINKING : LINKED;
  }

  /**
   * Whether zero-copy transfers are used in this runtime (Linux, Java 22+, descriptors reachable).
   */
  public static boolean zeroCopy() {
    return ZeroCopy.available();
  }

  /**
   * Whether a zero-copy route could serve this transfer at all (a file channel, no payload copies
   * asked for): else the calls are not linked for it.
   */
  private static boolean mayZeroCopy(java.nio.channels.Channel channel, Connection connection) {
    return channel instanceof java.nio.channels.FileChannel
        && !connection.wantsPayload()
        && !connection.isSecured();
  }

  private static int zeroCopyFd(java.nio.channels.Channel channel, Connection connection) {
    if (!mayZeroCopy(channel, connection) || !ZeroCopy.available()) {
      return -1;
    }
    return ZeroCopy.fd(channel);
  }

  /**
   * The buffered path: one direct buffer ({@code made[0]}, made on first use and kept for the
   * transfer's later phases), each read handed whole to {@code sink}, for as long as {@code more}
   * says: returns the bytes copied, or {@code -(bytes + 1)} when the source ended.
   */
  private static long copy(
      Source source,
      Sink sink,
      ByteBuffer[] made,
      int bufferSize,
      java.util.function.LongPredicate more)
      throws IOException {
    long total = 0;
    while (more.test(total)) {
      if (made[0] == null) {
        made[0] = ByteBuffer.allocateDirect(bufferSize);
      }
      ByteBuffer buffer = made[0];
      if (source.read(buffer.clear()) < 0) {
        return -total - 1;
      }
      buffer.flip();
      total += buffer.remaining();
      sink.write(buffer);
    }
    return total;
  }

  /** A zero-copy transfer to the end, or {@link ZeroCopy#UNSUPPORTED} when it cannot be made. */
  @FunctionalInterface
  private interface ZeroCopyRoute {
    long move() throws IOException;
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
