package dev.sockit.core.address;

import java.util.ArrayList;
import java.util.List;

/**
 * Reverse-DNS names: the PTR name of an address ({@code 1.0.0.10.in-addr.arpa}) and the zones that
 * delegate a prefix. Zones are cut at octet boundaries for IPv4 and nibble boundaries for IPv6, so
 * a prefix between two boundaries needs several zones (a /23 needs two /24 zones), and an IPv4
 * prefix longer than /24 lives inside one /24 zone (RFC 2317 classless delegation).
 */
public final class ReverseDns {
  private ReverseDns() {}

  /**
   * The PTR name of an address.
   *
   * @param address the address (zone ignored)
   * @return e.g. {@code 4.3.2.1.in-addr.arpa} or 32 nibbles and {@code ip6.arpa}
   */
  public static String pointerName(IpAddress address) {
    return name(address, address.version().bits());
  }

  /**
   * The zones that together cover exactly the prefix's network, or the one /24 zone that holds an
   * IPv4 prefix longer than /24.
   *
   * @param prefix the prefix
   * @return the zone names, in address order; at most 128 for IPv4 and 8 for IPv6
   */
  public static List<String> zones(Prefix prefix) {
    int step = prefix.address().isIpv4() ? 8 : 4;
    int length = prefix.length();
    if (prefix.address().isIpv4() && length > 24 && length < 32) {
      return List.of(name(prefix.network(), 24));
    }
    int zoneLength = ((length + step - 1) / step) * step;
    List<String> out = new ArrayList<>();
    for (Prefix p : prefix.toNetwork().subnets(zoneLength)) {
      out.add(name(p.network(), zoneLength));
    }
    return out;
  }

  /**
   * Whether {@link #zones(Prefix)} needs RFC 2317 classless delegation for this prefix.
   *
   * @param prefix the prefix
   * @return {@code true} for IPv4 /25 to /31
   */
  public static boolean classless(Prefix prefix) {
    return prefix.address().isIpv4() && prefix.length() > 24 && prefix.length() < 32;
  }

  private static String name(IpAddress a, int bits) {
    StringBuilder sb = new StringBuilder();
    if (a.isIpv4()) {
      byte[] b = a.bytes();
      for (int i = bits / 8 - 1; i >= 0; i--) {
        sb.append(b[i] & 0xff).append('.');
      }
      return sb.append("in-addr.arpa").toString();
    }
    String hex = a.expanded().replace(":", "");
    for (int i = bits / 4 - 1; i >= 0; i--) {
      sb.append(hex.charAt(i)).append('.');
    }
    return sb.append("ip6.arpa").toString();
  }
}
