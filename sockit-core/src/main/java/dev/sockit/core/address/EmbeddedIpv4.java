package dev.sockit.core.address;

import java.util.ArrayList;
import java.util.List;

/**
 * An IPv4 address carried inside an IPv6 address. Filters that look only at the IPv6 form have let
 * {@code ::ffff:127.0.0.1} through, so sockit analyses the embedded address as well.
 *
 * @param mechanism e.g. {@code IPv4-mapped}, {@code 6to4}, {@code Teredo server}
 * @param rfc where the embedding is defined
 * @param ipv4 the embedded address
 * @param note more detail (the Teredo port, an assumption), or {@code null}
 */
public record EmbeddedIpv4(String mechanism, String rfc, IpAddress ipv4, String note) {

  private static final Prefix MAPPED = Prefix.parse("::ffff:0:0/96");
  private static final Prefix COMPATIBLE = Prefix.parse("::/96");
  private static final Prefix SIX_TO_FOUR = Prefix.parse("2002::/16");
  private static final Prefix TEREDO = Prefix.parse("2001::/32");
  private static final Prefix NAT64 = Prefix.parse("64:ff9b::/96");
  private static final Prefix NAT64_LOCAL = Prefix.parse("64:ff9b:1::/48");

  /**
   * The IPv4 addresses embedded in {@code address}; Teredo carries two (server and client).
   *
   * @param address any address; IPv4 has none
   * @return the embedded addresses, possibly empty
   */
  public static List<EmbeddedIpv4> of(IpAddress address) {
    List<EmbeddedIpv4> out = new ArrayList<>();
    if (address.isIpv4()) {
      return out;
    }
    long hi = address.high();
    long lo = address.low();
    if (MAPPED.contains(address)) {
      out.add(new EmbeddedIpv4("IPv4-mapped", "RFC 4291 section 2.5.5.2", low32(lo), null));
    } else if (COMPATIBLE.contains(address) && (lo & 0xffff_ffffL) > 1) {
      out.add(
          new EmbeddedIpv4(
              "IPv4-compatible (deprecated)", "RFC 4291 section 2.5.5.1", low32(lo), null));
    } else if (SIX_TO_FOUR.contains(address)) {
      out.add(new EmbeddedIpv4("6to4", "RFC 3056", IpAddress.ipv4((int) (hi >>> 16)), null));
    } else if (TEREDO.contains(address)) {
      int port = (int) ((~lo >>> 32) & 0xffff);
      out.add(new EmbeddedIpv4("Teredo server", "RFC 4380", IpAddress.ipv4((int) hi), null));
      out.add(
          new EmbeddedIpv4(
              "Teredo client", "RFC 4380", IpAddress.ipv4((int) ~lo), "mapped UDP port " + port));
    } else if (NAT64.contains(address)) {
      out.add(new EmbeddedIpv4("NAT64 well-known prefix", "RFC 6052", low32(lo), null));
    } else if (NAT64_LOCAL.contains(address)) {
      out.add(
          new EmbeddedIpv4(
              "NAT64 local-use prefix",
              "RFC 8215",
              low32(lo),
              "assuming a /96 translator prefix; other lengths place the IPv4 address elsewhere (RFC 6052 section 2.2)"));
    }
    return out;
  }

  private static IpAddress low32(long lo) {
    return IpAddress.ipv4((int) lo);
  }
}
