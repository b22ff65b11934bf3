package dev.sockit.core.stream;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.sockit.core.foreign.Libc;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.channels.Channel;

/**
 * Zero-copy transfers with Linux {@code splice(2)}, called through the foreign-function API (Java
 * 22+). Bytes move between a file descriptor and a socket inside the kernel: straight through when
 * one side is a pipe (e.g. stdin from {@code head -c ... |}), through a private 1 MiB pipe
 * otherwise. Needs Linux, native access, and {@code --add-opens java.base/sun.nio.ch} and {@code
 * java.base/java.io} to find descriptor numbers; without them {@link #available()} is false and
 * {@link Pump} copies through a buffer instead.
 */
final class ZeroCopy {
  private static final int CHUNK = 1 << 20;

  /** Returned when neither splice route works for these descriptors and no byte has moved. */
  static final long UNSUPPORTED = -1;

  private static final int SPLICE_F_MOVE = 1;
  private static final int SPLICE_F_NONBLOCK = 2;
  private static final int SPLICE_F_MORE = 4;

  /**
   * Never block inside splice: wait in poll() instead. A blocking splice from a socket may wait to
   * fill the whole request on some kernels (seen under gVisor), holding back bytes that arrived.
   */
  private static final int FLAGS = SPLICE_F_MOVE | SPLICE_F_MORE | SPLICE_F_NONBLOCK;

  /**
   * A relay between two sockets sends at once: {@code SPLICE_F_MORE} would hold back the last
   * partial segment of each message (as {@code MSG_MORE} does), adding delay to every round trip.
   */
  private static final int RELAY_FLAGS = SPLICE_F_MOVE | SPLICE_F_NONBLOCK;

  private static final int O_CLOEXEC = 0x80000;
  private static final int O_NONBLOCK = 0x800;
  private static final int F_GETFL = 3;
  private static final int F_SETFL = 4;
  private static final int F_SETPIPE_SZ = 1031;
  private static final int EINTR = 4;
  private static final int EAGAIN = 11;
  private static final int EINVAL = 22;
  private static final int EPIPE = 32;
  private static final int ECONNRESET = 104;
  private static final int ETIMEDOUT = 110;
  private static final short POLLIN = 1;
  private static final short POLLOUT = 4;

  private static final MethodHandle SPLICE;
  private static final MethodHandle PIPE2;
  private static final MethodHandle FCNTL;
  private static final MethodHandle CLOSE;
  private static final MethodHandle POLL;
  private static final boolean AVAILABLE;

  static {
    MethodHandle splice = null;
    MethodHandle pipe2 = null;
    MethodHandle fcntl = null;
    MethodHandle close = null;
    MethodHandle poll = null;
    boolean ok = false;
    if ("Linux".equals(System.getProperty("os.name"))) {
      try {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        Linker.Option errno = Linker.Option.captureCallState("errno");
        splice =
            linker.downcallHandle(
                libc.find("splice").orElseThrow(),
                FunctionDescriptor.of(
                    JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT),
                errno);
        pipe2 =
            linker.downcallHandle(
                libc.find("pipe2").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT),
                errno);
        fcntl =
            linker.downcallHandle(
                libc.find("fcntl").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
                Linker.Option.firstVariadicArg(2));
        close =
            linker.downcallHandle(
                libc.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        poll =
            linker.downcallHandle(
                libc.find("poll").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT),
                errno);
        ok = Libc.descriptorsReadable();
      } catch (RuntimeException | LinkageError e) {
        // No native access (e.g. --enable-native-access not given and denied): buffered copies.
        ok = false;
      }
    }
    SPLICE = splice;
    PIPE2 = pipe2;
    FCNTL = fcntl;
    CLOSE = close;
    POLL = poll;
    AVAILABLE = ok && !Boolean.getBoolean("sockit.noSplice");
  }

  private ZeroCopy() {}

  static boolean available() {
    return AVAILABLE;
  }

  static int fd(Channel channel) {
    return Libc.fd(channel);
  }

  static long toConnection(int in, Connection out) throws IOException {
    int sock = fd(out.channel());
    if (sock < 0) {
      throw new IOException("no descriptor for " + out);
    }
    return transfer(in, sock, out, false);
  }

  static long fromConnection(Connection in, int out) throws IOException {
    if (isPipe(out)) {
      // Bytes spliced into a pipe that another program reads with a large read() were seen held
      // back until the writer closed (gVisor). Writing into a pipe through a buffer costs one
      // copy; files and /dev/null keep the zero-copy path.
      return UNSUPPORTED;
    }
    int sock = fd(in.channel());
    if (sock < 0) {
      throw new IOException("no descriptor for " + in);
    }
    long n = transfer(sock, out, in, true);
    if (n != UNSUPPORTED) {
      in.recordRead(null, 0, -1);
    }
    return n;
  }

  /**
   * Copies from one socket to another through a private pipe until {@code in} ends; sends no FIN.
   * Both descriptors are made non-blocking (the JDK's channels cope: their blocking reads and
   * writes wait for readiness themselves). When a splice finds nothing to move, a virtual thread
   * parks in the JDK's poller ({@link Connection#awaitReady}) and a platform thread waits in {@code
   * poll}.
   */
  static long between(Connection in, Connection out) throws IOException {
    boolean virtual = Thread.currentThread().isVirtual();
    if (virtual && !ReadinessWait.available()) {
      return UNSUPPORTED;
    }
    int from = fd(in.channel());
    int to = fd(out.channel());
    if (from < 0 || to < 0) {
      return UNSUPPORTED;
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.CAPTURE);
      nonBlocking(from);
      nonBlocking(to);
      MemorySegment fds = arena.allocate(JAVA_INT, 2);
      try {
        if ((int) PIPE2.invokeExact(state, fds, O_CLOEXEC) != 0) {
          return UNSUPPORTED; // out of descriptors for a pipe: the buffer still works
        }
      } catch (Throwable t) {
        throw new IOException("pipe2 failed", t);
      }
      int pr = fds.getAtIndex(JAVA_INT, 0);
      int pw = fds.getAtIndex(JAVA_INT, 1);
      try {
        growPipe(pw);
        return pump(state, in, from, out, to, pr, pw, virtual);
      } finally {
        closeFd(pr);
        closeFd(pw);
      }
    }
  }

  private static long pump(
      MemorySegment state,
      Connection in,
      int from,
      Connection out,
      int to,
      int pr,
      int pw,
      boolean virtual)
      throws IOException {
    long total = 0;
    while (true) {
      long n = spliceOnce(state, from, pw, CHUNK);
      if (n == AGAIN) {
        waitFor(state, in, from, ReadinessWait.READABLE, virtual);
        continue;
      }
      if (n < 0) {
        if (total == 0 && errno(state) == EINVAL) {
          return UNSUPPORTED;
        }
        throw closedOr(in, failure(errno(state)));
      }
      if (n == 0) {
        return total;
      }
      in.recordRead(null, 0, (int) n);
      long moved = 0;
      while (moved < n) {
        long m = spliceOnce(state, pr, to, n - moved);
        if (m == AGAIN) {
          waitFor(state, out, to, ReadinessWait.WRITABLE, virtual);
          continue;
        }
        if (m <= 0) {
          IOException e =
              m == 0
                  ? new IOException("splice: the relay pipe ended early")
                  : failure(errno(state));
          throw new WriteFailedException(closedOr(out, e));
        }
        moved += m;
        out.recordWrite(null, 0, (int) m);
      }
      total += n;
    }
  }

  /** A marker from {@link #spliceOnce}: nothing could move without waiting. */
  static final long AGAIN = -2;

  /** One non-blocking splice: bytes moved, 0 at end of stream, {@link #AGAIN}, or -1 (errno). */
  static long spliceOnce(MemorySegment state, int in, int out, long len) throws IOException {
    while (true) {
      long n;
      try {
        n =
            (long)
                SPLICE.invokeExact(
                    state, in, MemorySegment.NULL, out, MemorySegment.NULL, len, RELAY_FLAGS);
      } catch (Throwable t) {
        throw new IOException("splice failed", t);
      }
      if (n >= 0) {
        return n;
      }
      int e = errno(state);
      if (e == EINTR) {
        continue;
      }
      return e == EAGAIN ? AGAIN : -1;
    }
  }

  private static void waitFor(
      MemorySegment state, Connection conn, int fd, int event, boolean virtual) throws IOException {
    if (virtual) {
      conn.awaitReady(fd, event);
      return;
    }
    if (!conn.isOpen()) {
      throw new java.nio.channels.ClosedChannelException();
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pfd = arena.allocate(8);
      pfd.set(JAVA_INT, 0, fd);
      pfd.set(JAVA_SHORT, 4, event == ReadinessWait.READABLE ? POLLIN : POLLOUT);
      poll(state, pfd, 1, 1000);
    }
  }

  /** The failure, or the close that caused it when the connection was closed meanwhile. */
  private static IOException closedOr(Connection conn, IOException failure) {
    if (!conn.isOpen()) {
      var closed = new java.nio.channels.AsynchronousCloseException();
      closed.addSuppressed(failure);
      return closed;
    }
    return failure;
  }

  /**
   * A new pipe ({@code O_CLOEXEC}, grown to 1 MiB where the system allows) as {@code {read end,
   * write end}}.
   *
   * @throws IOException naming the error (e.g. too many open files)
   */
  static int[] newPipe(MemorySegment state) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment fds = arena.allocate(JAVA_INT, 2);
      int r;
      try {
        r = (int) PIPE2.invokeExact(state, fds, O_CLOEXEC);
      } catch (Throwable t) {
        throw new IOException("pipe2 failed", t);
      }
      if (r != 0) {
        int e = errno(state);
        throw new IOException("cannot make a pipe: " + strerror(e) + " (errno " + e + ")");
      }
      int[] pipe = {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
      growPipe(pipe[1]);
      return pipe;
    }
  }

  private static void nonBlocking(int fd) throws IOException {
    try {
      int flags = (int) FCNTL.invokeExact(fd, F_GETFL, 0);
      if (flags < 0) {
        throw new IOException("fcntl(F_GETFL) failed on descriptor " + fd);
      }
      if ((flags & O_NONBLOCK) == 0
          && (int) FCNTL.invokeExact(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        throw new IOException("fcntl(F_SETFL, O_NONBLOCK) failed on descriptor " + fd);
      }
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("fcntl failed", t);
    }
  }

  /**
   * Moves bytes from {@code in} to {@code out} until end-of-stream; accounts them on {@code conn}.
   * Returns {@link #UNSUPPORTED} when the kernel cannot splice these descriptors (e.g. /dev/null as
   * a source) before any byte has moved.
   */
  private static long transfer(int in, int out, Connection conn, boolean receiving)
      throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.CAPTURE);
      long total = 0;
      // A pipe on either side (stdin from `head ... |`) moves at most its size per call: grow it.
      // On anything but a pipe this fails harmlessly.
      growPipe(in);
      growPipe(out);
      // First try directly: works when either side is a pipe.
      while (true) {
        long n = splice(state, in, out, CHUNK, conn);
        if (n > 0) {
          total += n;
          account(conn, receiving, n);
          continue;
        }
        if (n == 0) {
          return total;
        }
        if (errno(state) == EINVAL && total == 0) {
          break;
        }
        throw failure(errno(state));
      }
      return throughPipe(arena, state, in, out, conn, receiving);
    }
  }

  private static long throughPipe(
      Arena arena, MemorySegment state, int in, int out, Connection conn, boolean receiving)
      throws IOException {
    MemorySegment fds = arena.allocate(JAVA_INT, 2);
    try {
      if ((int) PIPE2.invokeExact(state, fds, O_CLOEXEC) != 0) {
        throw new IOException("pipe2 failed: errno " + errno(state));
      }
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("pipe2 failed", t);
    }
    int pr = fds.getAtIndex(JAVA_INT, 0);
    int pw = fds.getAtIndex(JAVA_INT, 1);
    try {
      growPipe(pw);
      long total = 0;
      while (true) {
        long n = splice(state, in, pw, CHUNK, conn);
        if (n < 0 && total == 0 && errno(state) == EINVAL) {
          return UNSUPPORTED;
        }
        if (n < 0) {
          throw failure(errno(state));
        }
        if (n == 0) {
          return total;
        }
        long moved = 0;
        while (moved < n) {
          long m = splice(state, pr, out, n - moved, conn);
          if (m < 0) {
            throw failure(errno(state));
          }
          if (m == 0) {
            throw new IOException("splice: the transfer pipe ended early");
          }
          moved += m;
        }
        total += n;
        account(conn, receiving, n);
      }
    } finally {
      closeFd(pr);
      closeFd(pw);
    }
  }

  /**
   * One splice call, retrying on EINTR and waiting with poll() on EAGAIN; -1 with errno set on
   * failure.
   */
  private static long splice(MemorySegment state, int in, int out, long len, Connection conn)
      throws IOException {
    while (true) {
      long n;
      try {
        n =
            (long)
                SPLICE.invokeExact(
                    state, in, MemorySegment.NULL, out, MemorySegment.NULL, len, FLAGS);
      } catch (Throwable t) {
        throw new IOException("splice failed", t);
      }
      if (n >= 0) {
        return n;
      }
      int e = errno(state);
      if (e == EINTR) {
        continue;
      }
      if (e == EAGAIN) {
        await(state, in, out);
        continue;
      }
      if (!conn.isOpen()) {
        throw new java.nio.channels.ClosedChannelException();
      }
      return -1;
    }
  }

  /**
   * Waits until the side that made splice return EAGAIN is ready. Polling both sides together would
   * spin: the side that is not blocked (a pipe with data, /dev/null) is always ready.
   */
  private static void await(MemorySegment state, int in, int out) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pfds = arena.allocate(16);
      pfds.set(JAVA_INT, 0, in);
      pfds.set(JAVA_SHORT, 4, POLLIN);
      pfds.set(JAVA_INT, 8, out);
      pfds.set(JAVA_SHORT, 12, POLLOUT);
      poll(state, pfds, 2, 0);
      boolean inReady = pfds.get(JAVA_SHORT, 6) != 0;
      boolean outReady = pfds.get(JAVA_SHORT, 14) != 0;
      if (inReady && outReady) {
        return;
      }
      MemorySegment one = inReady ? pfds.asSlice(8, 8) : pfds.asSlice(0, 8);
      poll(state, one, 1, 1000);
    }
  }

  private static void poll(MemorySegment state, MemorySegment pfds, long count, int timeoutMillis)
      throws IOException {
    try {
      int r = (int) POLL.invokeExact(state, pfds, count, timeoutMillis);
      if (r < 0 && errno(state) != EINTR) {
        throw new IOException("poll failed: errno " + errno(state));
      }
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("poll failed", t);
    }
  }

  private static boolean isPipe(int fd) {
    try {
      return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/" + fd))
          .toString()
          .startsWith("pipe:");
    } catch (IOException | RuntimeException e) {
      return true; // cannot tell: take the safe, buffered path
    }
  }

  static void growPipe(int fd) {
    try {
      int ignored = (int) FCNTL.invokeExact(fd, F_SETPIPE_SZ, CHUNK);
    } catch (Throwable t) {
      // The default 64 KiB pipe still works, only with more system calls.
      System.getLogger(ZeroCopy.class.getName())
          .log(System.Logger.Level.DEBUG, "F_SETPIPE_SZ failed", t);
    }
  }

  private static void account(Connection conn, boolean receiving, long n) {
    if (receiving) {
      conn.recordRead(null, 0, (int) n);
    } else {
      conn.recordWrite(null, 0, (int) n);
    }
  }

  /** An exception like the JDK's own for the same error, so callers and users see familiar text. */
  static IOException failure(int errno) {
    return switch (errno) {
      case ECONNRESET -> new java.net.SocketException("Connection reset");
      case EPIPE -> new java.net.SocketException("Broken pipe (the peer closed the connection)");
      case ETIMEDOUT -> new java.net.SocketException("Connection timed out");
      default -> new IOException("splice failed: " + strerror(errno) + " (errno " + errno + ")");
    };
  }

  private static String strerror(int errno) {
    return Libc.strerror(errno);
  }

  static int errno(MemorySegment state) {
    return Libc.errno(state);
  }

  static void closeFd(int fd) {
    try {
      int ignored = (int) CLOSE.invokeExact(fd);
    } catch (Throwable t) {
      System.getLogger(ZeroCopy.class.getName()).log(System.Logger.Level.DEBUG, "close failed", t);
    }
  }

  /** Finds descriptor numbers behind JDK channels (needs the two --add-opens). */
}
