package dev.sockit.core.udp;

import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.foreign.NativeSocket;
import dev.sockit.core.net.Transport;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A UDP socket ({@code SOCK_DGRAM}): bound or unbound, send to any address, receive with the
 * sender's address, broadcast, multicast join and leave.
 *
 * <p>The teaching text's UDP sender and bound receiver:
 *
 * <pre>{@code
 * try (var rx = DatagramEndpoint.open(UdpOptions.bound(new InetSocketAddress(7788)));
 *      var tx = DatagramEndpoint.open(UdpOptions.unbound(true))) {
 *   tx.send("你好".getBytes("GBK"), new InetSocketAddress("127.0.0.1", 7788));
 *   Datagram d = rx.receive(Duration.ofSeconds(1));
 *   System.out.println(new String(d.data(), "GBK") + " from " + d.sender());
 * }
 * }</pre>
 *
 * <p>One thread may receive while others send. {@link #close()} is idempotent.
 */
public final class DatagramEndpoint implements AutoCloseable {
  /** Buffer size for receiving: the largest datagram plus one byte. */
  private static final int RECEIVE_BUFFER = 65_536;

  private final DatagramChannel channel;
  private final TrafficBus bus;

  /** Receives and sends with control data (Java 22+), or null: the JDK's calls. */
  private final NativeDatagrams nativeIo;

  private volatile InetSocketAddress connected;
  private final byte[] receiveBuffer = new byte[RECEIVE_BUFFER];
  private volatile InetSocketAddress local;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile long bytesReceived;
  private volatile long bytesSent;

  private DatagramEndpoint(DatagramChannel channel, TrafficBus bus, NativeDatagrams nativeIo) {
    this.channel = channel;
    this.bus = bus;
    this.nativeIo = nativeIo;
  }

  /**
   * Opens an endpoint.
   *
   * @param options how
   * @param bus where events go
   * @return the endpoint
   * @throws BindException if the address cannot be bound; the message names it
   * @throws IOException on another failure
   */
  public static DatagramEndpoint open(UdpOptions options, TrafficBus bus) throws IOException {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(bus, "bus");
    DatagramChannel channel =
        DatagramChannel.open(
            options.ipv4() ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
    try {
      bus.publish(
          new TrafficEvent.Opened(
              Instant.now(), 0, Transport.UDP, options.ipv4() ? "AF_INET" : "AF_INET6"));
      if (options.ipv6Only()) {
        NativeSocket.ipv6Only(
            channel,
            options.bind() == null ? "this UDP socket" : SocketAddresses.format(options.bind()));
      }
      if (options.reuseAddress()) {
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      }
      if (options.broadcast()) {
        channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
      }
      if (options.multicastTtl() >= 0) {
        channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, options.multicastTtl());
      }
      if (options.multicastInterface() != null) {
        channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, options.multicastInterface());
      }
      boolean nativeIo =
          (options.packetInfo() || options.icmpErrors()) && NativeDatagrams.available();
      if (options.bind() != null) {
        try {
          channel.bind(options.bind());
        } catch (BindException e) {
          throw new BindException(SocketAddresses.bindFailure("UDP ", options.bind(), e));
        }
      } else if (nativeIo) {
        channel.bind(null); // sendmsg would bind it behind the JDK's back, which then knows no port
      }
      DatagramEndpoint endpoint =
          new DatagramEndpoint(
              channel,
              bus,
              nativeIo
                  ? NativeDatagrams.open(
                      channel, !options.ipv4(), options.packetInfo(), options.icmpErrors())
                  : null);
      if (channel.getLocalAddress() != null) {
        endpoint.noteBound();
      }
      return endpoint;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * As {@link #open(UdpOptions, TrafficBus)} with a new bus.
   *
   * @param options how
   * @return the endpoint
   * @throws IOException if it cannot be opened
   */
  public static DatagramEndpoint open(UdpOptions options) throws IOException {
    return open(options, new TrafficBus());
  }

  private void noteBound() throws IOException {
    local = (InetSocketAddress) channel.getLocalAddress();
    bus.publish(new TrafficEvent.Bound(Instant.now(), 0, local));
  }

  /** The bound local address, or {@code null} while unbound. */
  public InetSocketAddress localAddress() {
    return local;
  }

  /** The live subscription point for this endpoint's events. */
  public TrafficBus events() {
    return bus;
  }

  /** Total payload bytes received. */
  public long bytesReceived() {
    return bytesReceived;
  }

  /** Total payload bytes sent. */
  public long bytesSent() {
    return bytesSent;
  }

  /**
   * The largest payload one datagram to {@code target} can carry.
   *
   * @param target the destination
   * @return 65,507 for IPv4 (including IPv4-mapped), 65,527 for IPv6
   */
  public static int payloadLimit(InetAddress target) {
    if (target instanceof Inet4Address) {
      return DatagramTooLargeException.IPV4_LIMIT;
    }
    byte[] b = target.getAddress();
    boolean mapped =
        b[10] == (byte) 0xff
            && b[11] == (byte) 0xff
            && Arrays.mismatch(b, 0, 10, new byte[10], 0, 10) < 0;
    return mapped ? DatagramTooLargeException.IPV4_LIMIT : DatagramTooLargeException.IPV6_LIMIT;
  }

  /**
   * Sends one datagram ({@code sendto()}).
   *
   * @param data the payload
   * @param target where to
   * @throws DatagramTooLargeException if {@code data} exceeds {@link #payloadLimit(InetAddress)}
   * @throws IllegalArgumentException if {@code target} is IPv6 and this endpoint is IPv4
   * @throws IOException if sending fails (e.g. broadcast without {@code SO_BROADCAST})
   */
  public void send(byte[] data, InetSocketAddress target) throws IOException {
    send(data, target, null);
  }

  /**
   * Answers a datagram: sends {@code data} to its sender, from the local address it arrived on when
   * that is known ({@link UdpOptions#packetInfo()}), so that a datagram sent to 127.0.0.2 is
   * answered from 127.0.0.2 although the socket is bound to every address.
   *
   * @param to the datagram being answered
   * @param data the payload
   * @throws DatagramTooLargeException if {@code data} exceeds the limit
   * @throws IOException if sending fails
   */
  public void reply(Datagram to, byte[] data) throws IOException {
    Objects.requireNonNull(to, "to");
    InetAddress from = to.local();
    send(
        data,
        to.sender(),
        from != null && nativeIo != null && nativeIo.canSendFrom(from) ? from : null);
  }

  private void send(byte[] data, InetSocketAddress target, InetAddress from) throws IOException {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(target, "target");
    int limit = payloadLimit(target.getAddress());
    if (data.length > limit) {
      throw new DatagramTooLargeException(data.length, limit, SocketAddresses.format(target));
    }
    if (nativeIo != null) {
      if (!nativeIo.canSendFrom(target.getAddress())) {
        throw ipv6FromIpv4(target); // an AF_INET socket: as the JDK's send says
      }
      nativeIo.send(data, target, from);
    } else {
      sendJdk(data, target);
    }
    if (local == null) {
      noteBound();
    }
    bytesSent += data.length;
    if (bus.isActive()) {
      InetSocketAddress source =
          from == null || local == null ? local : new InetSocketAddress(from, local.getPort());
      bus.publish(
          new TrafficEvent.Sent(
              Instant.now(),
              0,
              source,
              target,
              data.length,
              bus.wantsPayload() ? data.clone() : null));
    }
  }

  private void sendJdk(byte[] data, InetSocketAddress target) throws IOException {
    try {
      if (connected != null) {
        channel.write(ByteBuffer.wrap(data));
      } else {
        channel.send(ByteBuffer.wrap(data), target);
      }
    } catch (java.nio.channels.UnsupportedAddressTypeException e) {
      throw ipv6FromIpv4(target);
    } catch (java.net.PortUnreachableException e) {
      throw (java.net.PortUnreachableException)
          UdpErrors.of(UdpErrors.ECONNREFUSED, "Connection refused", target, null);
    } catch (SocketException e) {
      String m = String.valueOf(e.getMessage());
      if (m.toLowerCase(java.util.Locale.ROOT).contains("permission")) {
        throw (SocketException) UdpErrors.of(UdpErrors.EACCES, m, target, null);
      }
      throw new SocketException("cannot send to " + SocketAddresses.format(target) + ": " + m);
    }
  }

  private static IllegalArgumentException ipv6FromIpv4(InetSocketAddress target) {
    return new IllegalArgumentException(
        "cannot send to "
            + SocketAddresses.format(target)
            + " from an IPv4 socket; open the endpoint for IPv6");
  }

  /**
   * Connects the socket to one peer ({@code connect()} on UDP): only its datagrams are received
   * from now on, and an ICMP "port unreachable" for a datagram sent to it fails the next receive
   * with {@link java.net.PortUnreachableException}, as {@code ncat -u} reports "Connection
   * refused". {@link UdpOptions#icmpErrors()} gives the same without the filter where it is
   * supported ({@link #reportsIcmpErrors()}).
   *
   * @param peer the peer
   * @throws IOException if connecting fails
   */
  public void connect(InetSocketAddress peer) throws IOException {
    Objects.requireNonNull(peer, "peer");
    channel.connect(peer);
    connected = peer;
    if (local == null) {
      noteBound();
    }
  }

  /**
   * Whether ICMP errors reach {@link #receive} on this (unconnected) socket: {@link
   * UdpOptions#icmpErrors()} was asked for and this runtime supports it.
   *
   * @return true if they do
   */
  public boolean reportsIcmpErrors() {
    return nativeIo != null;
  }

  /**
   * Waits for one datagram ({@code recvfrom()}).
   *
   * @param timeout how long to wait; {@link Duration#ZERO} or {@code null} waits for ever
   * @return the datagram, or {@code null} if none arrived in time
   * @throws IOException if receiving fails or the endpoint is closed
   */
  public Datagram receive(Duration timeout) throws IOException {
    if (local == null) {
      throw new IllegalStateException(
          "an unbound UDP endpoint has no port to receive on; send first or bind");
    }
    Datagram datagram = nativeIo != null ? receiveNative(timeout) : receiveJdk(timeout);
    if (datagram == null) {
      return null;
    }
    bytesReceived += datagram.length();
    if (bus.isActive()) {
      InetSocketAddress at =
          datagram.local() == null
              ? local
              : new InetSocketAddress(datagram.local(), local.getPort());
      bus.publish(
          new TrafficEvent.Received(
              Instant.now(),
              0,
              at,
              datagram.sender(),
              datagram.length(),
              bus.wantsPayload() ? datagram.data() : null));
    }
    return datagram;
  }

  private Datagram receiveNative(Duration timeout) throws IOException {
    long nanos = timeout == null || timeout.isZero() ? -1 : Math.max(1, timeout.toNanos());
    return nativeIo.receive(nanos, local.getPort());
  }

  private Datagram receiveJdk(Duration timeout) throws IOException {
    DatagramPacket packet = new DatagramPacket(receiveBuffer, receiveBuffer.length);
    int millis =
        timeout == null ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    if (timeout != null && timeout.isZero()) {
      millis = 0;
    }
    synchronized (receiveBuffer) {
      channel.socket().setSoTimeout(millis);
      try {
        channel.socket().receive(packet);
      } catch (SocketTimeoutException e) {
        return null;
      } catch (java.net.PortUnreachableException e) {
        throw UdpErrors.of(UdpErrors.ECONNREFUSED, "Connection refused", connected, null);
      }
      byte[] data =
          Arrays.copyOfRange(
              packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
      return new Datagram((InetSocketAddress) packet.getSocketAddress(), data);
    }
  }

  /**
   * Joins a multicast group on an interface ({@code IP_ADD_MEMBERSHIP}); the returned key leaves it
   * with {@link MembershipKey#drop()}.
   *
   * @param group the group address (224.0.0.0/4 or ff00::/8)
   * @param iface the interface to join on
   * @return the membership
   * @throws IllegalArgumentException if {@code group} is not a multicast address
   * @throws IOException if joining fails
   */
  public MembershipKey join(InetAddress group, NetworkInterface iface) throws IOException {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(iface, "iface");
    if (!group.isMulticastAddress()) {
      throw new IllegalArgumentException(
          SocketAddresses.formatIp(group)
              + " is not a multicast address (IPv4 224.0.0.0/4, IPv6 ff00::/8)");
    }
    channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, iface);
    return channel.join(group, iface);
  }

  /**
   * Closes the socket; a blocked {@link #receive(Duration)} fails. Idempotent.
   *
   * @throws IOException if closing fails
   */
  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return; // a concurrent or earlier close publishes Closed, once
    }
    try {
      if (nativeIo != null) {
        nativeIo.close(); // wakes a receiver and waits for the calls in progress
      }
      channel.close();
    } finally {
      bus.publish(new TrafficEvent.Closed(Instant.now(), 0, local, null, bytesReceived, bytesSent));
    }
  }

  /** Whether the endpoint is open. */
  public boolean isOpen() {
    return !closed.get();
  }
}
