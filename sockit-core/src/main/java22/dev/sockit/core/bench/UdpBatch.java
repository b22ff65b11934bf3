package dev.sockit.core.bench;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.sockit.core.foreign.Libc;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.time.Instant;

/**
 * Datagrams {@value #COUNT} messages at a time through Linux {@code sendmmsg(2)} and {@code
 * recvmmsg(2)}, called through the foreign-function API: one system call per batch instead of one
 * per datagram, which is most of the cost of a small datagram. The receiver asks the kernel for
 * each datagram's arrival time ({@code SO_TIMESTAMPNS}), so jitter stays per datagram although they
 * are read in batches. Needs Linux on x86-64 or AArch64, native access, and {@code --add-opens
 * java.base/sun.nio.ch} to find the channel's descriptor; without them {@link #available()} is
 * false and the bench uses one call per datagram.
 */
final class UdpBatch implements AutoCloseable {
  static final int COUNT = 64;
  private static final int SLOT = 65_536;
  private static final int CONTROL = 64;
  private static final int MMSGHDR = 64;
  private static final int IOVEC = 16;
  private static final int SOL_SOCKET = 1;
  private static final int SO_TIMESTAMPNS = 35;
  private static final int IPPROTO_UDP = 17;
  private static final int UDP_SEGMENT = 103;

  /** The most datagrams one UDP_SEGMENT send may carry (the kernel's UDP_MAX_SEGMENTS). */
  private static final int MAX_SEGMENTS = 64;

  /** GSO messages per sendmmsg: 16 of up to 64 KiB each. */
  private static final int GSO_MESSAGES = 16;

  private static final int EINVAL = 22;
  private static final int EIO = 5;
  private static final int EMSGSIZE = 90;
  private static final int MSG_DONTWAIT = 0x40;
  private static final int EINTR = 4;
  private static final int EAGAIN = 11;
  private static final short POLLIN = 1;
  private static final short POLLOUT = 4;
  // Unaligned: a datagram of any size (1401 bytes, say) puts the next one at an odd offset of the
  // buffer.
  private static final ValueLayout.OfLong BIG_LONG =
      java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private static final MethodHandle SENDMMSG;
  private static final MethodHandle RECVMMSG;
  private static final MethodHandle POLL;
  private static final MethodHandle SETSOCKOPT;
  private static final boolean AVAILABLE;

  static {
    MethodHandle sendmmsg = null;
    MethodHandle recvmmsg = null;
    MethodHandle poll = null;
    MethodHandle setsockopt = null;
    boolean ok = false;
    if (Libc.supported()) {
      try {
        sendmmsg =
            Libc.downcall(
                "sendmmsg",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
                true);
        recvmmsg =
            Libc.downcall(
                "recvmmsg",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS),
                true);
        poll =
            Libc.downcall(
                "poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), true);
        setsockopt =
            Libc.downcall(
                "setsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT),
                true);
        ok = Libc.socketDescriptorsReadable();
      } catch (RuntimeException | LinkageError e) {
        ok = false; // no native access or no access to the descriptor: one datagram per call
      }
    }
    SENDMMSG = sendmmsg;
    RECVMMSG = recvmmsg;
    POLL = poll;
    SETSOCKOPT = setsockopt;
    AVAILABLE = ok && !Boolean.getBoolean("sockit.noBatch");
  }

  private final Arena arena = Arena.ofShared();
  private final int fd;
  private final int slot;
  private final MemorySegment vec;
  private final MemorySegment iov;
  private final MemorySegment data;

  /** Sender: datagrams the caller fills before each {@link #send}. */
  private final int capacity;

  /** Sender: datagrams per message; more than one with UDP GSO. */
  private int segments = 1;

  private final MemorySegment control;
  private final MemorySegment state = arena.allocate(Libc.CAPTURE);
  private final MemorySegment pollfd = arena.allocate(8, 8);
  private final long[] arrival = new long[COUNT];

  /**
   * Wall clock minus System.nanoTime() when the receiver was made: kernel times become nanoTime.
   */
  private final long clockOffset;

  private UdpBatch(int fd, int slot, boolean receiving, int capacity) {
    this.fd = fd;
    this.slot = slot;
    this.capacity = capacity;
    this.vec = arena.allocate((long) MMSGHDR * COUNT, 8);
    this.iov = arena.allocate((long) IOVEC * COUNT, 8);
    this.data = arena.allocate((long) slot * Math.max(COUNT, capacity), 8);
    this.control = receiving ? arena.allocate((long) CONTROL * COUNT, 8) : MemorySegment.NULL;
    for (int i = 0; i < COUNT; i++) {
      long v = (long) MMSGHDR * i;
      iov.set(ADDRESS, (long) IOVEC * i, data.asSlice((long) slot * i));
      iov.set(JAVA_LONG, (long) IOVEC * i + 8, slot);
      vec.set(ADDRESS, v, MemorySegment.NULL); // msg_name: connected, or sender not wanted
      vec.set(JAVA_INT, v + 8, 0); // msg_namelen
      vec.set(ADDRESS, v + 16, iov.asSlice((long) IOVEC * i)); // msg_iov
      vec.set(JAVA_LONG, v + 24, 1); // msg_iovlen
      vec.set(
          ADDRESS, v + 32, receiving ? control.asSlice((long) CONTROL * i) : MemorySegment.NULL);
      vec.set(JAVA_LONG, v + 40, receiving ? CONTROL : 0);
    }
    pollfd.set(JAVA_INT, 0, fd);
    pollfd.set(JAVA_SHORT, 4, receiving ? POLLIN : POLLOUT);
    Instant now = Instant.now();
    clockOffset = now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
  }

  static boolean available() {
    return AVAILABLE;
  }

  /**
   * A receiver of whole datagrams (up to 64 KiB each) from {@code channel}, with kernel arrival
   * times.
   */
  static UdpBatch receiver(DatagramChannel channel) throws IOException {
    UdpBatch b = new UdpBatch(fd(channel), SLOT, true, COUNT);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment one = a.allocate(JAVA_INT);
      one.set(JAVA_INT, 0, 1);
      if ((int) SETSOCKOPT.invokeExact(b.state, b.fd, SOL_SOCKET, SO_TIMESTAMPNS, one, 4) != 0) {
        throw b.failure("setsockopt(SO_TIMESTAMPNS)");
      }
    } catch (IOException | RuntimeException | Error e) {
      b.close();
      throw e;
    } catch (Throwable t) {
      b.close();
      throw new IOException(t);
    }
    return b;
  }

  /**
   * A sender of datagrams of {@code size} bytes on a connected {@code channel}. Where the kernel
   * takes UDP_SEGMENT (generic segmentation offload, Linux 4.18+), each message carries up to 64
   * datagrams that the kernel cuts apart: the receiver still gets separate datagrams of {@code
   * size} bytes, but the sender's stack runs once per message instead of once per datagram (iperf3
   * 3.18 calls this {@code --gsro}). Elsewhere, or if a send is refused (a segment larger than the
   * path MTU), one datagram per message.
   */
  static UdpBatch sender(DatagramChannel channel, int size) throws IOException {
    int fd = fd(channel);
    int segments = Math.min(MAX_SEGMENTS, 65_000 / Math.max(1, size));
    UdpBatch b = new UdpBatch(fd, size, false, segments >= 2 ? GSO_MESSAGES * segments : COUNT);
    if (segments >= 2 && !Boolean.getBoolean("sockit.noGso") && b.segmentSize(size)) {
      b.segments = segments;
    }
    return b;
  }

  /** Sets UDP_SEGMENT on the socket (0: off); false where the kernel does not take it. */
  private boolean segmentSize(int size) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment v = a.allocate(JAVA_INT);
      v.set(JAVA_INT, 0, size);
      return (int) SETSOCKOPT.invokeExact(state, fd, IPPROTO_UDP, UDP_SEGMENT, v, 4) == 0;
    } catch (Throwable t) {
      return false;
    }
  }

  /** Sender: how many datagrams to fill (0 to capacity - 1) before each {@link #send}. */
  int capacity() {
    return capacity;
  }

  /** Sender: whether messages carry several datagrams (UDP GSO). */
  boolean segmented() {
    return segments > 1;
  }

  /** Sender: one datagram per message from now on (what a refused GSO send falls back to). */
  void unsegment() {
    segmentSize(0);
    segments = 1;
  }

  private static int fd(DatagramChannel channel) throws IOException {
    int fd = Libc.fd(channel);
    if (fd < 0) {
      throw new IOException("no descriptor for " + channel);
    }
    return fd;
  }

  /**
   * Waits up to {@code timeoutMillis} for datagrams and reads up to {@value #COUNT}.
   *
   * @return how many arrived (0 when the wait ended first)
   */
  int receive(int timeoutMillis) throws IOException {
    try {
      for (int i = 0; i < COUNT; i++) {
        vec.set(
            JAVA_LONG, (long) MMSGHDR * i + 40, CONTROL); // the kernel shortens it to what it wrote
      }
      int n = (int) RECVMMSG.invokeExact(state, fd, vec, COUNT, MSG_DONTWAIT, MemorySegment.NULL);
      if (n < 0) {
        int e = errno();
        if (e != EAGAIN && e != EINTR) {
          throw failure("recvmmsg");
        }
        int r = (int) POLL.invokeExact(state, pollfd, 1L, timeoutMillis);
        if (r < 0 && errno() != EINTR) {
          throw failure("poll");
        }
        return 0;
      }
      long fallback = 0;
      for (int i = 0; i < n; i++) {
        long t = timestamp(i);
        if (t < 0) {
          if (fallback == 0) {
            fallback = System.nanoTime();
          }
          arrival[i] = fallback;
        } else {
          arrival[i] = t - clockOffset;
        }
      }
      return n;
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }

  /** The SCM_TIMESTAMPNS arrival time (CLOCK_REALTIME nanoseconds) of datagram {@code i}, or -1. */
  private long timestamp(int i) {
    long v = (long) MMSGHDR * i;
    long length = vec.get(JAVA_LONG, v + 40);
    long base = (long) CONTROL * i;
    long off = 0;
    while (off + 16 <= length) {
      long len = control.get(JAVA_LONG, base + off);
      int level = control.get(JAVA_INT, base + off + 8);
      int type = control.get(JAVA_INT, base + off + 12);
      if (len < 16) {
        break;
      }
      if (level == SOL_SOCKET && type == SO_TIMESTAMPNS && len >= 32) {
        return control.get(JAVA_LONG, base + off + 16) * 1_000_000_000L
            + control.get(JAVA_LONG, base + off + 24);
      }
      off += (len + 7) & ~7L;
    }
    return -1;
  }

  /** The length of received datagram {@code i}. */
  int length(int i) {
    return vec.get(JAVA_INT, (long) MMSGHDR * i + 56);
  }

  /** A big-endian long at {@code offset} of datagram {@code i}. */
  long getLong(int i, int offset) {
    return data.get(BIG_LONG, (long) slot * i + offset);
  }

  /**
   * The kernel's arrival time of received datagram {@code i}, on the {@link System#nanoTime()}
   * scale (the same scale as a receiver that reads one datagram at a time).
   */
  long arrivalNanos(int i) {
    return arrival[i];
  }

  /** Writes a big-endian long at {@code offset} of datagram {@code i} to send. */
  void putLong(int i, int offset, long value) {
    data.set(BIG_LONG, (long) slot * i + offset, value);
  }

  /**
   * Sends the first {@code n} datagrams (at most {@link #capacity()}), waiting while the socket's
   * buffer is full.
   */
  void send(int n) throws IOException {
    try {
      int first = 0;
      while (first < n) {
        int per = segments;
        int messages = Math.min(COUNT, (n - first + per - 1) / per);
        for (int k = 0; k < messages; k++) {
          int start = first + k * per;
          iov.set(
              JAVA_LONG,
              (long) IOVEC * k,
              data.address() + (long) slot * start); // iov_base (64-bit Linux)
          iov.set(
              JAVA_LONG, (long) IOVEC * k + 8, (long) slot * Math.min(per, n - start)); // iov_len
        }
        int k = (int) SENDMMSG.invokeExact(state, fd, vec, messages, 0);
        if (k < 0) {
          int e = errno();
          if (e == EINTR) {
            continue;
          }
          if (e == EAGAIN) { // a non-blocking socket with a full buffer: wait until it drains
            int r = (int) POLL.invokeExact(state, pollfd, 1L, 1000);
            if (r < 0 && errno() != EINTR) {
              throw failure("poll");
            }
            continue;
          }
          if (per > 1 && (e == EINVAL || e == EMSGSIZE || e == EIO)) {
            unsegment(); // e.g. a segment larger than the path MTU: one datagram per message
            continue;
          }
          throw failure("sendmmsg");
        }
        first = Math.min(n, first + k * per);
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }

  private int errno() {
    return Libc.errno(state);
  }

  private IOException failure(String call) {
    return new IOException(call + " failed: " + Libc.strerror(errno()));
  }

  @Override
  public void close() {
    arena.close();
  }
}
