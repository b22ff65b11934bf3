package dev.sockit.core.udp;

import dev.sockit.core.net.Family;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;

/**
 * How a {@link DatagramEndpoint} is opened.
 *
 * @param bind local address and port to bind ({@code bind()}); {@code null} for an unbound
 *     endpoint, which the system binds to a free port at the first send, as in the teaching text
 * @param ipv4 open an {@code AF_INET} socket; otherwise {@code AF_INET6}, which also speaks IPv4
 *     unless {@code ipv6Only}
 * @param broadcast {@code SO_BROADCAST}: may send to broadcast addresses
 * @param multicastTtl {@code IP_MULTICAST_TTL} (hops a multicast datagram may take), or -1
 * @param reuseAddress {@code SO_REUSEADDR}, so several receivers can bind one multicast port
 * @param ipv6Only {@code IPV6_V6ONLY} on the {@code AF_INET6} socket: IPv4 datagrams do not reach
 *     it (as {@code ncat -6 -u -l}); needs Java 22+
 * @param packetInfo learn the address each datagram was sent to ({@code IP_PKTINFO}, {@code
 *     IPV6_RECVPKTINFO}) so that {@link DatagramEndpoint#reply} answers from it: a socket bound to
 *     every address otherwise answers a datagram sent to 127.0.0.2 from 127.0.0.1, and a client
 *     that checks (a connected socket, {@code ncat -u}) never sees the reply. Java 22+ on Linux;
 *     elsewhere the system chooses the source, as before
 * @param icmpErrors {@code IP_RECVERR}: an ICMP error for a datagram sent (port unreachable, host
 *     unreachable) is reported by the next {@link DatagramEndpoint#receive}, naming the target,
 *     although the socket is not connected. Java 22+ on Linux; elsewhere {@link
 *     DatagramEndpoint#connect} gives the same for one target
 * @param multicastInterface {@code IP_MULTICAST_IF}: the interface multicast datagrams leave from,
 *     or {@code null} for the system's choice (the default route's)
 */
public record UdpOptions(
    InetSocketAddress bind,
    boolean ipv4,
    boolean broadcast,
    int multicastTtl,
    boolean reuseAddress,
    boolean ipv6Only,
    boolean packetInfo,
    boolean icmpErrors,
    NetworkInterface multicastInterface) {

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException if the TTL is outside 0-255, or the bind address is not of the
   *     socket's family; the message names the address
   */
  public UdpOptions {
    if (multicastTtl < -1 || multicastTtl > 255) {
      throw new IllegalArgumentException("multicast TTL must be 0-255, got " + multicastTtl);
    }
    if (ipv6Only && ipv4) {
      throw new IllegalArgumentException("an IPv4 socket cannot be IPv6-only");
    }
    InetAddress ip = bind == null ? null : bind.getAddress();
    if (ip != null && ipv4 && !(ip instanceof Inet4Address)) {
      throw new IllegalArgumentException(Family.IPV4.misfit(ip));
    }
    if (ip != null && ipv6Only && ip instanceof Inet4Address) {
      throw new IllegalArgumentException(Family.IPV6.misfit(ip));
    }
  }

  /**
   * Options without IPv6-only, packet info, ICMP errors or a multicast interface.
   *
   * @param bind the local address, or {@code null}
   * @param ipv4 an {@code AF_INET} socket
   * @param broadcast {@code SO_BROADCAST}
   * @param multicastTtl the multicast TTL, or -1
   * @param reuseAddress {@code SO_REUSEADDR}
   */
  public UdpOptions(
      InetSocketAddress bind,
      boolean ipv4,
      boolean broadcast,
      int multicastTtl,
      boolean reuseAddress) {
    this(bind, ipv4, broadcast, multicastTtl, reuseAddress, false, false, false, null);
  }

  /**
   * An unbound endpoint.
   *
   * @param ipv4 use an IPv4 socket
   * @return the options
   */
  public static UdpOptions unbound(boolean ipv4) {
    return new UdpOptions(null, ipv4, false, -1, false);
  }

  /**
   * An endpoint bound to {@code address}.
   *
   * @param address the local address and port (port 0 for any)
   * @return the options
   */
  public static UdpOptions bound(InetSocketAddress address) {
    boolean v4 = address.getAddress() instanceof java.net.Inet4Address;
    return new UdpOptions(address, v4, false, -1, false);
  }

  /**
   * An endpoint bound to {@code address:port} in one family: with a {@code null} address, {@link
   * Family#IPV4} binds 0.0.0.0, {@link Family#IPV6} binds {@code ::} IPv6-only, {@link Family#ANY}
   * binds {@code ::} for IPv6 and IPv4 alike.
   *
   * @param address the local address, or {@code null} for every address of the family
   * @param port the port, 0 for any
   * @param family the family
   * @return the options
   * @throws IllegalArgumentException if {@code address} is of the other family
   */
  public static UdpOptions bound(InetAddress address, int port, Family family) {
    if (address != null && !family.fits(address)) {
      throw new IllegalArgumentException(family.misfit(address));
    }
    InetSocketAddress bind =
        address != null
            ? new InetSocketAddress(address, port)
            : family == Family.IPV4
                ? new InetSocketAddress(any(4), port)
                : new InetSocketAddress(any(16), port);
    boolean v4 = bind.getAddress() instanceof Inet4Address;
    return new UdpOptions(bind, v4, false, -1, false, family == Family.IPV6, false, false, null);
  }

  private static InetAddress any(int length) {
    try {
      return InetAddress.getByAddress(new byte[length]);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy with {@code SO_BROADCAST} set. */
  public UdpOptions withBroadcast(boolean value) {
    return new UdpOptions(
        bind,
        ipv4,
        value,
        multicastTtl,
        reuseAddress,
        ipv6Only,
        packetInfo,
        icmpErrors,
        multicastInterface);
  }

  /** A copy with a multicast TTL. */
  public UdpOptions withMulticastTtl(int value) {
    return new UdpOptions(
        bind,
        ipv4,
        broadcast,
        value,
        reuseAddress,
        ipv6Only,
        packetInfo,
        icmpErrors,
        multicastInterface);
  }

  /** A copy with {@code SO_REUSEADDR} set. */
  public UdpOptions withReuseAddress(boolean value) {
    return new UdpOptions(
        bind,
        ipv4,
        broadcast,
        multicastTtl,
        value,
        ipv6Only,
        packetInfo,
        icmpErrors,
        multicastInterface);
  }

  /** A copy that learns each datagram's arrival address and replies from it. */
  public UdpOptions withPacketInfo(boolean value) {
    return new UdpOptions(
        bind,
        ipv4,
        broadcast,
        multicastTtl,
        reuseAddress,
        ipv6Only,
        value,
        icmpErrors,
        multicastInterface);
  }

  /** A copy that reports ICMP errors ({@code IP_RECVERR}). */
  public UdpOptions withIcmpErrors(boolean value) {
    return new UdpOptions(
        bind,
        ipv4,
        broadcast,
        multicastTtl,
        reuseAddress,
        ipv6Only,
        packetInfo,
        value,
        multicastInterface);
  }

  /** A copy that sends multicast from {@code value} ({@code null}: the system's choice). */
  public UdpOptions withMulticastInterface(NetworkInterface value) {
    return new UdpOptions(
        bind, ipv4, broadcast, multicastTtl, reuseAddress, ipv6Only, packetInfo, icmpErrors, value);
  }
}
