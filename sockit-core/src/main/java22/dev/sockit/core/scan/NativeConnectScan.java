package dev.sockit.core.scan;

import dev.sockit.core.foreign.Libc;
import dev.sockit.core.net.Transport;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * A TCP connect scan that makes the system calls itself ({@code socket}, {@code connect}, {@code
 * getsockopt}, {@code ppoll}, {@code close}, through libc's {@code syscall} and the
 * foreign-function API: one call shape, linked and warmed up once), on one thread, up to {@code
 * concurrency} sockets at a time: the same probes as {@link TcpConnectScan}, without the JDK's
 * per-socket objects and without an exception per refused port (the JDK throws one from native code
 * for every {@code ECONNREFUSED}, which cost most of a loopback scan's CPU). Used when banners are
 * not asked for; needs Linux on x86-64 or AArch64 and native access.
 *
 * <p>A socket whose connect was refused is used again for the next port (Linux disconnects it when
 * it reports the refusal). On a loopback target each probe is a blocking connect() with a 20 ms
 * SO_SNDTIMEO (or the probe timeout, if shorter): the kernel answers a loopback SYN within the call
 * (RST or SYN-ACK), so a closed port costs one system call. A SYN that the kernel drops (a listener
 * whose queue is full, a firewall rule on lo) returns EINPROGRESS when the timeout expires; that
 * probe is polled like any other, and the rest of the scan uses non-blocking sockets. Other targets
 * get non-blocking sockets from the start, at most {@code concurrency} in flight ({@code
 * -Dsockit.nonblockingScan=true} uses them for loopback too).
 */
final class NativeConnectScan {
  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;
  private static final int SOCK_STREAM = 1;
  private static final int SOCK_NONBLOCK = 0x800;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int SOL_SOCKET = 1;
  private static final int SO_ERROR = 4;
  private static final int EINTR = 4;
  private static final int EBADF = 9;
  private static final int ENFILE = 23;
  private static final int EMFILE = 24;
  private static final int ECONNREFUSED = 111;
  private static final int EINPROGRESS = 115;
  private static final int EALREADY = 114;
  private static final int EISCONN = 106;
  private static final short POLLOUT = 4;

  private static final int SO_SNDTIMEO = 21;
  private static final long BLOCKING_CONNECT_MICROS = 20_000;
  private static final MethodHandle SYSCALL;
  private static final boolean AVAILABLE;
  private static final java.util.concurrent.atomic.AtomicLong SOCKETS_OPENED =
      new java.util.concurrent.atomic.AtomicLong();

  static {
    MethodHandle syscall = null;
    boolean ok = false;
    if (Libc.supported()) {
      try {
        syscall = Libc.syscall();
        ok = true;
      } catch (RuntimeException | LinkageError e) {
        ok = false; // no native access: the NIO scan does the work
      }
    }
    SYSCALL = syscall;
    AVAILABLE = ok && !Boolean.getBoolean("sockit.nioScan") && warmedUp();
  }

  /**
   * Makes each kind of call the scan loop makes once, on this thread, without touching the network:
   * the JDK generates the method-handle forms of a call site and of each kind of memory access on
   * first use (a few milliseconds in all), which would otherwise happen on the scanning threads
   * while they race each other. False if the calls do not work here.
   */
  private static boolean warmedUp() {
    NativeConnectScan scan;
    try {
      // not getLoopbackAddress(), which sets up NetworkInterface (~2 ms on the linking thread)
      scan =
          new NativeConnectScan(
              InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
              new int[0],
              ScanOptions.tcpDefaults(),
              n -> {},
              new AtomicBoolean());
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError("four bytes make an IPv4 address", e);
    }
    try {
      return scan.call(Libc.Sys.CLOSE, -1, 0, 0, 0, 0) == -1 && scan.errno() == EBADF;
    } catch (Throwable t) {
      return false;
    } finally {
      scan.arena.close();
    }
  }

  private final InetAddress target;
  private final int[] ports;
  private final ScanOptions options;
  private final IntConsumer progress;
  private final PortResult[] results;
  // The C structs the calls read and write, in one native block read and written through a
  // ByteBuffer view: a MemorySegment's own accessors are VarHandles, whose method-handle forms the
  // JDK generates at run time (about 20 ms of start-up for the handful this class needs).
  private static final long STATE = 0; // errno, captured after each call
  private static final long ADDRESS = 16; // the target: sockaddr_in or sockaddr_in6 (28 bytes)
  private static final long LOCAL = 48; // getsockname's answer (up to 32 bytes)
  private static final long LENGTH = 80; // socklen_t
  private static final long ERROR = 84; // SO_ERROR
  private static final long TIMEVAL = 88; // SO_SNDTIMEO: seconds, microseconds
  private static final long TIMESPEC = 104; // ppoll's timeout: seconds, nanoseconds
  private static final long POLLFDS =
      128; // struct pollfd {int fd; short events; short revents;}[slots]
  private final Arena arena = Arena.ofConfined();
  private final MemorySegment block;
  private final ByteBuffer mem;
  private final long base;
  private final MemorySegment state;
  private final int addressLength;
  private final int family;
  // Loopback: blocking connects with SO_SNDTIMEO.
  private boolean blocking;
  private final AtomicBoolean dropped;
  // Probes waiting for an answer, [0, count) in start order, so the first has the nearest deadline.
  private final int[] fd;
  private final int[] index;
  private final long[] started;
  private int count;
  private int finished;
  // A socket whose last connect was refused: Linux has disconnected it, so it can connect again.
  private int spare = -1;

  private NativeConnectScan(
      InetAddress target,
      int[] ports,
      ScanOptions options,
      IntConsumer progress,
      AtomicBoolean dropped) {
    this.target = target;
    this.ports = ports;
    this.options = options;
    this.progress = progress;
    this.results = new PortResult[ports.length];
    int slots = options.concurrency();
    this.fd = new int[slots];
    Arrays.fill(fd, -1); // -1: no socket in this slot (every slot from count on)
    this.index = new int[slots];
    this.started = new long[slots];
    this.block = arena.allocate(POLLFDS + 8L * slots, 8);
    this.mem = block.asByteBuffer().order(ByteOrder.nativeOrder());
    this.base = block.address();
    this.state = block.asSlice(STATE, Libc.CAPTURE.byteSize());
    this.blocking = blocking(target) && !dropped.get();
    this.dropped = dropped;
    mem.putLong(
        (int) TIMEVAL + 8,
        Math.min(BLOCKING_CONNECT_MICROS, Math.max(1, options.timeout().toNanos() / 1000)));
    if (target instanceof Inet4Address) {
      family = AF_INET;
      addressLength = 16;
      mem.putShort((int) ADDRESS, (short) AF_INET);
      mem.put((int) ADDRESS + 4, target.getAddress());
    } else {
      family = AF_INET6;
      addressLength = 28;
      mem.putShort((int) ADDRESS, (short) AF_INET6);
      mem.put((int) ADDRESS + 8, target.getAddress());
      mem.putInt((int) ADDRESS + 24, ((Inet6Address) target).getScopeId());
    }
  }

  static boolean available() {
    return AVAILABLE;
  }

  /**
   * Sockets opened by native scans in this JVM so far (tests check that refused ones are reused).
   */
  static long socketsOpened() {
    return SOCKETS_OPENED.get();
  }

  /** Whether a scan of {@code target} connects with blocking sockets (see the class comment). */
  static boolean blocking(InetAddress target) {
    return target.isLoopbackAddress() && !Boolean.getBoolean("sockit.nonblockingScan");
  }

  static List<PortResult> run(
      InetAddress target, int[] ports, ScanOptions options, IntConsumer progress)
      throws IOException {
    return run(target, ports, options, progress, new AtomicBoolean());
  }

  /**
   * A scan that is one part of a larger scan of the same target: once a part has seen a dropped SYN
   * ({@code dropped} set), the parts after it use non-blocking sockets from the start.
   */
  static List<PortResult> run(
      InetAddress target,
      int[] ports,
      ScanOptions options,
      IntConsumer progress,
      AtomicBoolean dropped)
      throws IOException {
    NativeConnectScan scan = new NativeConnectScan(target, ports, options, progress, dropped);
    try {
      scan.loop();
      scan.closeSpare();
    } catch (IOException | RuntimeException | Error e) {
      scan.closeAll();
      throw e;
    } catch (Throwable t) {
      scan.closeAll();
      throw new IOException("scan failed: " + t, t);
    } finally {
      scan.arena.close();
    }
    return Arrays.asList(scan.results);
  }

  private void loop() throws Throwable {
    int next = 0;
    while (finished < ports.length) {
      while (count < fd.length && next < ports.length) {
        if (!start(next)) {
          break; // out of descriptors: wait for probes in flight to end
        }
        next++;
      }
      if (count > 0) {
        waitForAnswers();
      }
    }
  }

  /**
   * Connects a socket (a fresh one, or the spare a refused probe left) to port {@code i}; false
   * when no descriptor is left and probes are in flight.
   *
   * <p>A second connect() on a socket whose connect is in progress reports how it went, as
   * getsockopt(SO_ERROR) would, and on ECONNREFUSED it also resets the socket so that it can
   * connect again (after getsockopt it would stay "connecting", and its next connect would fail
   * with ECONNABORTED without sending anything). A closed port therefore costs two connect calls
   * (one on loopback) instead of socket+connect+getsockopt+close, which nearly halves the kernel's
   * work on a loopback scan.
   */
  private boolean start(int i) throws Throwable {
    long t0 = System.nanoTime();
    int s = spare;
    spare = -1;
    if (s < 0) {
      s = openSocket();
    }
    if (s < 0) {
      int e = errno();
      if ((e == EMFILE || e == ENFILE) && count > 0) {
        return false;
      }
      throw new IOException("cannot open a socket to scan port " + ports[i] + ": " + message(e));
    }
    mem.putShort((int) ADDRESS + 2, networkOrder(ports[i]));
    int e = connect(s);
    if (blocking
        && (e == EINPROGRESS || e == EINTR)) { // every socket is blocking while `blocking` holds
      // The send timeout expired (or a signal came): the SYN was dropped, which loopback does only
      // for a listener whose queue is full or a firewall rule. Poll this probe with the others;
      // asking connect() again would wait another full timeout. Later probes of this target get
      // non-blocking sockets, so that dropped SYNs are waited for together, not one by one.
      blocking = false;
      dropped.set(true);
      waitFor(s, i, t0);
      return true;
    }
    if (e == EINPROGRESS) {
      // loopback and nearby hosts have usually answered already
      e = connect(s);
      if (e == EALREADY) {
        waitFor(s, i, t0);
        return true;
      }
      if (e == EISCONN) {
        e = 0;
      }
    }
    if (e == ECONNREFUSED) {
      spare = s;
      finish(i, PortStatus.CLOSED, "conn-refused", t0);
      return true;
    }
    done(s, i, t0, e);
    return true;
  }

  /** Adds a probe whose connect is in progress to those {@link #waitForAnswers} polls. */
  private void waitFor(int s, int i, long t0) {
    fd[count] = s;
    index[count] = i;
    started[count] = t0;
    count++;
  }

  /**
   * A new socket: blocking with a 20 ms connect timeout for a loopback target (see the class
   * comment), non-blocking otherwise; negative with errno set when none can be opened.
   */
  private int openSocket() throws Throwable {
    SOCKETS_OPENED.incrementAndGet();
    if (blocking) {
      int s = (int) call(Libc.Sys.SOCKET, family, SOCK_STREAM | SOCK_CLOEXEC, 0, 0, 0);
      if (s < 0 || call(Libc.Sys.SETSOCKOPT, s, SOL_SOCKET, SO_SNDTIMEO, base + TIMEVAL, 16) == 0) {
        return s;
      }
      close(s); // no timeout, no blocking connect: a dropped SYN would hold it for a minute
      blocking = false;
    }
    return (int) call(Libc.Sys.SOCKET, family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, 0, 0);
  }

  /**
   * Polls the waiting sockets until the first deadline, then settles the answered and the expired.
   */
  private void waitForAnswers() throws Throwable {
    long now = System.nanoTime();
    long deadline = started[0] + options.timeout().toNanos();
    int timeout =
        (int) Math.max(0, Math.min(Integer.MAX_VALUE, (deadline - now + 999_999) / 1_000_000));
    for (int k = 0; k < count; k++) {
      int at = (int) POLLFDS + 8 * k;
      mem.putInt(at, fd[k]);
      mem.putShort(at + 4, POLLOUT);
      mem.putShort(at + 6, (short) 0);
    }
    mem.putLong((int) TIMESPEC, timeout / 1000);
    mem.putLong((int) TIMESPEC + 8, timeout % 1000 * 1_000_000L);
    int n = (int) call(Libc.Sys.PPOLL, base + POLLFDS, count, base + TIMESPEC, 0, 0);
    if (n < 0 && errno() != EINTR) {
      throw new IOException("poll failed: " + message(errno()));
    }
    now = System.nanoTime();
    long limit = options.timeout().toNanos();
    int kept = 0;
    int size = count;
    for (int k = 0; k < size; k++) {
      short revents = n > 0 ? mem.getShort((int) POLLFDS + 8 * k + 6) : 0;
      if (revents != 0) {
        int s = fd[k];
        fd[k] = -1; // closed by done(), whatever happens there
        done(s, index[k], started[k], soError(s));
      } else if (now - started[k] >= limit) {
        int s = fd[k];
        fd[k] = -1;
        close(s);
        finish(index[k], PortStatus.FILTERED, "no-response", started[k]);
      } else {
        fd[kept] = fd[k]; // keep the start order
        if (kept != k) {
          fd[k] = -1;
        }
        index[kept] = index[k];
        started[kept] = started[k];
        kept++;
      }
    }
    count = kept;
  }

  /** Settles a probe from its connect result (0: connected) and closes its socket. */
  private void done(int s, int i, long t0, int e) throws Throwable {
    boolean self = false;
    try {
      self = e == 0 && selfConnected(s, ports[i]);
    } finally {
      close(s);
    }
    if (e == 0) {
      finish(i, self ? PortStatus.CLOSED : PortStatus.OPEN, self ? "self-connect" : "syn-ack", t0);
    } else if (e == ECONNREFUSED) {
      finish(i, PortStatus.CLOSED, "conn-refused", t0);
    } else {
      finish(i, PortStatus.FILTERED, message(e).toLowerCase(Locale.ROOT), t0);
    }
  }

  /** TCP simultaneous open: the kernel chose the scanned port as our own source port. */
  private boolean selfConnected(int s, int port) throws Throwable {
    mem.putInt((int) LENGTH, 32);
    if (call(Libc.Sys.GETSOCKNAME, s, base + LOCAL, base + LENGTH, 0, 0) != 0) {
      return false;
    }
    if (mem.getShort((int) LOCAL + 2) != networkOrder(port)) {
      return false;
    }
    int at = family == AF_INET ? 4 : 8;
    int size = family == AF_INET ? 4 : 16;
    return mem.slice((int) LOCAL + at, size).equals(mem.slice((int) ADDRESS + at, size));
  }

  /** The socket's pending error: 0 connected (or still connecting), else an errno. */
  private int soError(int s) throws Throwable {
    mem.putInt((int) ERROR, 0);
    mem.putInt((int) LENGTH, 4);
    long r = call(Libc.Sys.GETSOCKOPT, s, SOL_SOCKET, SO_ERROR, base + ERROR, base + LENGTH);
    return r == 0 ? mem.getInt((int) ERROR) : errno();
  }

  private void finish(int i, PortStatus status, String reason, long t0) {
    results[i] =
        new PortResult(
            ports[i],
            Transport.TCP,
            status,
            reason,
            Duration.ofNanos(System.nanoTime() - t0),
            NO_BANNER);
    finished++;
    progress.accept(finished);
  }

  private void close(int s) throws Throwable {
    call(Libc.Sys.CLOSE, s, 0, 0, 0, 0);
  }

  /** connect() of socket {@code s} to the target's address as it stands: 0 or an errno. */
  private int connect(int s) throws Throwable {
    return call(Libc.Sys.CONNECT, s, base + ADDRESS, addressLength, 0, 0) == 0 ? 0 : errno();
  }

  /** A system call; -1 with errno in {@link #state} when it fails. */
  private long call(long number, long a, long b, long c, long d, long e) throws Throwable {
    return (long) SYSCALL.invokeExact(state, number, a, b, c, d, e);
  }

  private void closeAll() {
    closeSpare();
    for (int k = 0; k < fd.length; k++) {
      if (fd[k] < 0) {
        continue;
      }
      try {
        close(fd[k]);
        fd[k] = -1;
      } catch (Throwable t) {
        // closing on the way out of a failure: the first failure is the one to report
      }
    }
    count = 0;
  }

  private void closeSpare() {
    if (spare >= 0) {
      try {
        close(spare);
      } catch (Throwable t) {
        // nothing more to do with it
      }
      spare = -1;
    }
  }

  private int errno() {
    return mem.getInt((int) (STATE + Libc.ERRNO_OFFSET));
  }

  /** A port as the sockaddr holds it: big-endian, whatever this machine's order. */
  private static short networkOrder(int port) {
    return ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN
        ? (short) port
        : Short.reverseBytes((short) port);
  }

  private static String message(int errno) {
    return Libc.strerror(errno);
  }

  private static final byte[] NO_BANNER = new byte[0];
}
