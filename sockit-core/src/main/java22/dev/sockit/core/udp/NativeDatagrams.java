package dev.sockit.core.udp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.sockit.core.foreign.Libc;
import dev.sockit.core.foreign.NativeSocket;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteOrder;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A datagram socket's receive and send through {@code recvmsg(2)} and {@code sendmsg(2)}, for what
 * the JDK's calls cannot carry: the address each datagram was sent to ({@code IP_PKTINFO}, {@code
 * IPV6_RECVPKTINFO}), a reply sent from that address, and ICMP errors on an unconnected socket
 * ({@code IP_RECVERR}: "port unreachable" names the target and arrives with the next receive).
 *
 * <p>Closing: {@link #close()} marks the socket closed, calls {@code shutdown(2)}, which wakes a
 * receiver waiting in {@code ppoll}, then waits for every call in progress to return before the
 * memory is freed and the channel closes the descriptor; no call can reach a descriptor number that
 * was closed and reused.
 */
final class NativeDatagrams {
  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;
  private static final int SOL_IP = NativeSocket.SOL_IP;
  private static final int SOL_IPV6 = NativeSocket.SOL_IPV6;
  private static final int IP_PKTINFO = 8;
  private static final int IP_RECVERR = 11;
  private static final int IPV6_RECVERR = 25;
  private static final int IPV6_RECVPKTINFO = 49;
  private static final int IPV6_PKTINFO = 50;
  private static final int MSG_DONTWAIT = 0x40;
  private static final int MSG_ERRQUEUE = 0x2000;
  private static final int EINTR = 4;
  private static final int EAGAIN = 11;
  private static final int SHUT_RDWR = 2;
  private static final short POLLIN = 1;
  private static final short POLLOUT = 4;
  private static final short POLLERR = 8;
  private static final int NAME = 128;
  private static final int CONTROL = 512;
  private static final int BUFFER = 65_536;
  private static final ValueLayout.OfShort PORT =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private final int fd;
  private final boolean ipv6Socket;
  private final Arena arena = Arena.ofShared();
  private final ReentrantReadWriteLock life = new ReentrantReadWriteLock();
  private final Buffers rx;
  private final Buffers tx;
  private final MemorySegment closeState = arena.allocate(Libc.CAPTURE);
  private final java.util.concurrent.atomic.AtomicBoolean closing =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean closed;

  /** One message's memory: header, address, one iovec, payload, control data, errno, pollfd. */
  private static final class Buffers {
    final MemorySegment msg;
    final MemorySegment name;
    final MemorySegment iov;
    final MemorySegment data;
    final MemorySegment control;
    final MemorySegment state;
    final MemorySegment pollfd;
    final MemorySegment timeout;

    Buffers(Arena arena) {
      msg = arena.allocate(56, 8);
      name = arena.allocate(NAME, 8);
      iov = arena.allocate(16, 8);
      data = arena.allocate(BUFFER, 8);
      control = arena.allocate(CONTROL, 8);
      state = arena.allocate(Libc.CAPTURE);
      pollfd = arena.allocate(8, 8);
      timeout = arena.allocate(16, 8);
    }

    /** Fills the header for one call: the address, a payload of {@code length}, control data. */
    void prepare(int nameLength, int length, int controlLength) {
      iov.set(ADDRESS, 0, data);
      iov.set(JAVA_LONG, 8, length);
      msg.set(ADDRESS, 0, name);
      msg.set(JAVA_INT, 8, nameLength);
      msg.set(ADDRESS, 16, iov);
      msg.set(JAVA_LONG, 24, 1);
      msg.set(ADDRESS, 32, controlLength == 0 ? MemorySegment.NULL : control);
      msg.set(JAVA_LONG, 40, controlLength);
      msg.set(JAVA_INT, 48, 0);
    }
  }

  private NativeDatagrams(int fd, boolean ipv6Socket) {
    this.fd = fd;
    this.ipv6Socket = ipv6Socket;
    this.rx = new Buffers(arena);
    this.tx = new Buffers(arena);
  }

  /** Whether the calls can be made here (Java 22+, Linux x86-64/AArch64, native access). */
  static boolean available() {
    return NativeSocket.available();
  }

  /**
   * Takes over a channel's receiving and sending.
   *
   * @param channel an open datagram channel
   * @param ipv6Socket whether it is {@code AF_INET6}
   * @param packetInfo ask for each datagram's destination address
   * @param icmpErrors queue ICMP errors for {@link #receive}
   */
  static NativeDatagrams open(
      DatagramChannel channel, boolean ipv6Socket, boolean packetInfo, boolean icmpErrors)
      throws IOException {
    int fd = Libc.fd(channel);
    if (fd < 0) {
      throw new SocketException("the UDP socket's descriptor is not readable");
    }
    if (packetInfo) {
      // IPv4 datagrams on an AF_INET6 socket come with IPV6_PKTINFO (a mapped address) as well
      NativeSocket.setInt(channel, SOL_IP, IP_PKTINFO, 1, "IP_PKTINFO");
      if (ipv6Socket) {
        NativeSocket.setInt(channel, SOL_IPV6, IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
      }
    }
    if (icmpErrors) {
      NativeSocket.setInt(channel, SOL_IP, IP_RECVERR, 1, "IP_RECVERR");
      if (ipv6Socket) {
        NativeSocket.setInt(channel, SOL_IPV6, IPV6_RECVERR, 1, "IPV6_RECVERR");
      }
    }
    return new NativeDatagrams(fd, ipv6Socket);
  }

  /**
   * Waits for one datagram.
   *
   * @param timeoutNanos how long; negative waits for ever
   * @param port this socket's port, for the datagram's local address
   * @return the datagram, or {@code null} if none came in time
   * @throws java.net.PortUnreachableException if an ICMP "port unreachable" came instead
   * @throws IOException if the socket is closed or the call fails
   */
  Datagram receive(long timeoutNanos, int port) throws IOException {
    long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
    synchronized (rx) {
      life.readLock().lock();
      try {
        while (true) {
          if (closed) {
            throw new AsynchronousCloseException();
          }
          Datagram d = receiveNow(port);
          if (d != null) {
            return d;
          }
          long left = deadline == Long.MAX_VALUE ? -1 : deadline - System.nanoTime();
          if (deadline != Long.MAX_VALUE && left <= 0) {
            return null;
          }
          int revents = poll(rx, POLLIN, left);
          if (closed) {
            throw new AsynchronousCloseException();
          }
          if ((revents & POLLERR) != 0) {
            IOException e = readError();
            if (e != null) {
              throw e;
            }
          }
        }
      } finally {
        life.readLock().unlock();
      }
    }
  }

  /** One {@code recvmsg} that does not wait: a datagram, or null when none is queued. */
  private Datagram receiveNow(int port) throws IOException {
    rx.prepare(NAME, BUFFER, CONTROL);
    long n =
        NativeSocket.syscall(rx.state, Libc.Sys.RECVMSG, fd, rx.msg.address(), MSG_DONTWAIT, 0, 0);
    if (n < 0) {
      int errno = Libc.errno(rx.state);
      if (errno == EAGAIN || errno == EINTR) {
        return null;
      }
      IOException queued = readError();
      throw queued != null ? queued : UdpErrors.of(errno, Libc.strerror(errno), null, null);
    }
    InetSocketAddress sender = socketAddress(rx.name, rx.msg.get(JAVA_INT, 8));
    if (sender == null) {
      return null; // shut down while closing: no datagram
    }
    InetAddress local = arrival(rx.control, rx.msg.get(JAVA_LONG, 40));
    byte[] payload = rx.data.asSlice(0, n).toArray(JAVA_BYTE);
    return new Datagram(sender, payload, local);
  }

  /** The first queued ICMP error as an exception naming the target, or null when none is queued. */
  private IOException readError() {
    rx.prepare(NAME, BUFFER, CONTROL);
    long n =
        NativeSocket.syscall(
            rx.state, Libc.Sys.RECVMSG, fd, rx.msg.address(), MSG_ERRQUEUE | MSG_DONTWAIT, 0, 0);
    if (n < 0) {
      return null;
    }
    InetSocketAddress target = socketAddress(rx.name, rx.msg.get(JAVA_INT, 8));
    long length = rx.msg.get(JAVA_LONG, 40);
    for (long at = 0; at + 16 <= length; ) {
      long cmsgLength = rx.control.get(JAVA_LONG, at);
      int level = rx.control.get(JAVA_INT, at + 8);
      int type = rx.control.get(JAVA_INT, at + 12);
      if (cmsgLength < 16) {
        break;
      }
      if ((level == SOL_IP && type == IP_RECVERR) || (level == SOL_IPV6 && type == IPV6_RECVERR)) {
        int errno = rx.control.get(JAVA_INT, at + 16);
        InetSocketAddress offender =
            cmsgLength >= 16 + 16 + 8 ? socketAddress(rx.control.asSlice(at + 32), 28) : null;
        return UdpErrors.of(
            errno, Libc.strerror(errno), target, offender == null ? null : offender.getAddress());
      }
      at += (cmsgLength + 7) & ~7L;
    }
    return null;
  }

  /**
   * Sends one datagram, from {@code from} when it is not null (the address a request came to).
   *
   * @throws java.net.PortUnreachableException if an earlier datagram to the target was refused
   * @throws IOException if sending fails
   */
  void send(byte[] payload, InetSocketAddress target, InetAddress from) throws IOException {
    synchronized (tx) {
      life.readLock().lock();
      try {
        if (closed) {
          throw new ClosedChannelException();
        }
        int nameLength = writeSocketAddress(tx.name, target);
        MemorySegment.copy(payload, 0, tx.data, JAVA_BYTE, 0, payload.length);
        int control = from == null ? 0 : writeSource(tx.control, from);
        while (true) {
          tx.prepare(nameLength, payload.length, control);
          long n = NativeSocket.syscall(tx.state, Libc.Sys.SENDMSG, fd, tx.msg.address(), 0, 0, 0);
          if (n >= 0) {
            return;
          }
          int errno = Libc.errno(tx.state);
          if (errno == EINTR) {
            continue;
          }
          if (errno == EAGAIN) {
            poll(tx, POLLOUT, -1); // the channel is non-blocking: wait for room
            if (closed) {
              throw new AsynchronousCloseException();
            }
            continue;
          }
          IOException queued = readError();
          throw queued != null ? queued : UdpErrors.of(errno, Libc.strerror(errno), target, null);
        }
      } finally {
        life.readLock().unlock();
      }
    }
  }

  /** {@code ppoll} for {@code events}; returns the events that came (0 on timeout). */
  private int poll(Buffers b, short events, long timeoutNanos) throws IOException {
    b.pollfd.set(JAVA_INT, 0, fd);
    b.pollfd.set(JAVA_SHORT, 4, events);
    b.pollfd.set(JAVA_SHORT, 6, (short) 0);
    long spec = 0;
    if (timeoutNanos >= 0) {
      b.timeout.set(JAVA_LONG, 0, timeoutNanos / 1_000_000_000L);
      b.timeout.set(JAVA_LONG, 8, timeoutNanos % 1_000_000_000L);
      spec = b.timeout.address();
    }
    long r = NativeSocket.syscall(b.state, Libc.Sys.PPOLL, b.pollfd.address(), 1, spec, 0, 8);
    if (r < 0) {
      int errno = Libc.errno(b.state);
      if (errno == EINTR) {
        return 0;
      }
      throw new SocketException("ppoll on the UDP socket failed: " + Libc.strerror(errno));
    }
    return r == 0 ? 0 : b.pollfd.get(JAVA_SHORT, 6);
  }

  /** The local address a datagram arrived on, from its packet-info control message, or null. */
  private static InetAddress arrival(MemorySegment control, long length) {
    for (long at = 0; at + 16 <= length; ) {
      long cmsgLength = control.get(JAVA_LONG, at);
      int level = control.get(JAVA_INT, at + 8);
      int type = control.get(JAVA_INT, at + 12);
      if (cmsgLength < 16) {
        return null;
      }
      try {
        if (level == SOL_IP && type == IP_PKTINFO) {
          // struct in_pktinfo: ifindex, spec_dst (the local address to answer from), addr
          return InetAddress.getByAddress(control.asSlice(at + 20, 4).toArray(JAVA_BYTE));
        }
        if (level == SOL_IPV6 && type == IPV6_PKTINFO) {
          // struct in6_pktinfo: addr, ifindex
          byte[] a = control.asSlice(at + 16, 16).toArray(JAVA_BYTE);
          int index = control.get(JAVA_INT, at + 32);
          InetAddress ip = InetAddress.getByAddress(a);
          if (ip.isMulticastAddress()) {
            return null; // a group is no source: the system chooses one
          }
          return ip instanceof Inet6Address && ip.isLinkLocalAddress()
              ? Inet6Address.getByAddress(null, a, index)
              : ip;
        }
      } catch (java.net.UnknownHostException e) {
        return null; // a length the JDK refuses cannot come from these layouts
      }
      at += (cmsgLength + 7) & ~7L;
    }
    return null;
  }

  /** Writes the control message that makes {@code from} the source address of a send. */
  private int writeSource(MemorySegment control, InetAddress from) {
    control.fill((byte) 0);
    if (ipv6Socket) {
      control.set(JAVA_LONG, 0, 16 + 20);
      control.set(JAVA_INT, 8, SOL_IPV6);
      control.set(JAVA_INT, 12, IPV6_PKTINFO);
      MemorySegment.copy(ipv6Bytes(from), 0, control, JAVA_BYTE, 16, 16);
      int index = from instanceof Inet6Address v6 ? v6.getScopeId() : 0;
      control.set(JAVA_INT, 32, index);
      return 16 + 24;
    }
    control.set(JAVA_LONG, 0, 16 + 12);
    control.set(JAVA_INT, 8, SOL_IP);
    control.set(JAVA_INT, 12, IP_PKTINFO);
    MemorySegment.copy(from.getAddress(), 0, control, JAVA_BYTE, 20, 4);
    return 16 + 16;
  }

  /** Writes {@code target} as this socket's family writes it; returns its length. */
  private int writeSocketAddress(MemorySegment name, InetSocketAddress target) {
    name.fill((byte) 0);
    InetAddress ip = target.getAddress();
    if (!ipv6Socket) {
      name.set(JAVA_SHORT, 0, (short) AF_INET);
      name.set(PORT, 2, (short) target.getPort());
      MemorySegment.copy(ip.getAddress(), 0, name, JAVA_BYTE, 4, 4);
      return 16;
    }
    name.set(JAVA_SHORT, 0, (short) AF_INET6);
    name.set(PORT, 2, (short) target.getPort());
    MemorySegment.copy(ipv6Bytes(ip), 0, name, JAVA_BYTE, 8, 16);
    name.set(JAVA_INT, 24, ip instanceof Inet6Address v6 ? v6.getScopeId() : 0);
    return 28;
  }

  private static byte[] ipv6Bytes(InetAddress ip) {
    byte[] a = ip.getAddress();
    if (a.length == 16) {
      return a;
    }
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(a, 0, mapped, 12, 4);
    return mapped;
  }

  /** A {@code sockaddr_in} or {@code sockaddr_in6}; IPv4-mapped becomes IPv4; null if neither. */
  private static InetSocketAddress socketAddress(MemorySegment name, int length) {
    if (length < 16) {
      return null;
    }
    int family = name.get(JAVA_SHORT, 0);
    int port = Short.toUnsignedInt(name.get(PORT, 2));
    try {
      if (family == AF_INET) {
        return new InetSocketAddress(
            InetAddress.getByAddress(name.asSlice(4, 4).toArray(JAVA_BYTE)), port);
      }
      if (family == AF_INET6 && length >= 28) {
        byte[] a = name.asSlice(8, 16).toArray(JAVA_BYTE);
        InetAddress ip = InetAddress.getByAddress(a); // a mapped address comes back as IPv4
        int scope = name.get(JAVA_INT, 24);
        if (ip instanceof Inet6Address && scope != 0) {
          ip = Inet6Address.getByAddress(null, a, scope);
        }
        return new InetSocketAddress(ip, port);
      }
    } catch (java.net.UnknownHostException e) {
      return null;
    }
    return null;
  }

  /** Whether {@code ip} can be a source address for {@link #send} on this socket. */
  boolean canSendFrom(InetAddress ip) {
    return ipv6Socket || ip instanceof Inet4Address;
  }

  /**
   * Wakes a waiting receiver, waits for the calls in progress to return, and frees the memory; the
   * caller closes the channel afterwards.
   */
  void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    life.readLock().lock();
    try {
      closed = true;
      // wakes a receiver in ppoll (also on an unconnected UDP socket, which reports ENOTCONN)
      NativeSocket.syscall(closeState, Libc.Sys.SHUTDOWN, fd, SHUT_RDWR, 0, 0, 0);
    } finally {
      life.readLock().unlock();
    }
    life.writeLock().lock();
    try {
      arena.close();
    } finally {
      life.writeLock().unlock();
    }
  }
}
