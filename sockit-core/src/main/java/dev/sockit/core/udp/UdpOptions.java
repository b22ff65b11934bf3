package dev.sockit.core.udp;

import java.net.InetSocketAddress;

/**
 * How a {@link DatagramEndpoint} is opened.
 *
 * @param bind local address and port to bind ({@code bind()}); {@code null} for an unbound
 *     endpoint, which the system binds to a free port at the first send, as in the teaching text
 * @param ipv4 open an {@code AF_INET} socket; otherwise {@code AF_INET6}, which also speaks IPv4
 * @param broadcast {@code SO_BROADCAST}: may send to broadcast addresses
 * @param multicastTtl {@code IP_MULTICAST_TTL} (hops a multicast datagram may take), or -1
 * @param reuseAddress {@code SO_REUSEADDR}, so several receivers can bind one multicast port
 */
public record UdpOptions(
    InetSocketAddress bind,
    boolean ipv4,
    boolean broadcast,
    int multicastTtl,
    boolean reuseAddress) {

  /** Validates the options. */
  public UdpOptions {
    if (multicastTtl < -1 || multicastTtl > 255) {
      throw new IllegalArgumentException("multicast TTL must be 0-255, got " + multicastTtl);
    }
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

  /** A copy with {@code SO_BROADCAST} set. */
  public UdpOptions withBroadcast(boolean value) {
    return new UdpOptions(bind, ipv4, value, multicastTtl, reuseAddress);
  }

  /** A copy with a multicast TTL. */
  public UdpOptions withMulticastTtl(int value) {
    return new UdpOptions(bind, ipv4, broadcast, value, reuseAddress);
  }

  /** A copy with {@code SO_REUSEADDR} set. */
  public UdpOptions withReuseAddress(boolean value) {
    return new UdpOptions(bind, ipv4, broadcast, multicastTtl, value);
  }
}
