package dev.sockit.core.net;

import dev.sockit.core.address.SocketAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;

/** Which IP address families a client, server or query uses. */
public enum Family {
  /** IPv4 and IPv6, in the resolver's order. */
  ANY,
  /** IPv4 only. */
  IPV4,
  /** IPv6 only. */
  IPV6;

  /**
   * Whether {@code ip} is of this family ({@link #ANY} takes every address).
   *
   * @param ip the address
   * @return true if it fits
   */
  public boolean fits(InetAddress ip) {
    return this == ANY || (ip instanceof Inet4Address) == (this == IPV4);
  }

  /**
   * Why {@code ip} does not fit this family, in one line: "127.0.0.1 is an IPv4 address, not IPv6".
   *
   * @param ip the address
   * @return the reason
   * @throws IllegalStateException if it fits
   */
  public String misfit(InetAddress ip) {
    if (fits(ip)) {
      throw new IllegalStateException(ip + " is of family " + this);
    }
    return SocketAddresses.formatIp(ip)
        + " is an "
        + (ip instanceof Inet4Address ? "IPv4" : "IPv6")
        + " address, not "
        + (this == IPV4 ? "IPv4" : "IPv6");
  }
}
