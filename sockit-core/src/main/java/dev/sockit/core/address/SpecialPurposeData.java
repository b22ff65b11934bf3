package dev.sockit.core.address;

import java.util.List;

/**
 * The bundled IANA special-purpose address registries as Java, generated from
 * {@code sockit-core/src/main/iana/} by {@code SpecialPurposeDataTest} (which also checks that
 * this class matches the files). Do not edit.
 */
final class SpecialPurposeData {
  private SpecialPurposeData() {}

  static final String IPV4_NAME = "IANA IPv4 Special-Purpose Address Registry";
  static final String IPV4_AS_OF = "2026-07-18";

  static List<SpecialPurposeEntry> ipv4() {
    return List.of(
        e("0.0.0.0/8", "This network", "[RFC791], Section 3.2", "1981-09", null, "TFFFT"),
        e("0.0.0.0/32", "This host on this network", "[RFC1122], Section 3.2.1.3", "1981-09", null, "TFFFT"),
        e("10.0.0.0/8", "Private-Use", "[RFC1918]", "1996-02", null, "TTTFF"),
        e("100.64.0.0/10", "Shared Address Space", "[RFC6598]", "2012-04", null, "TTTFF"),
        e("127.0.0.0/8", "Loopback", "[RFC1122], Section 3.2.1.3", "1981-09", null, "FFFFT", "some protocols have exceptions to the False flags"),
        e("169.254.0.0/16", "Link Local", "[RFC3927]", "2005-05", null, "TTFFT"),
        e("172.16.0.0/12", "Private-Use", "[RFC1918]", "1996-02", null, "TTTFF"),
        e("192.0.0.0/24", "IETF Protocol Assignments", "[RFC6890], Section 2.1", "2010-01", null, "FFFFF", "usable only through a more specific entry"),
        e("192.0.0.0/29", "IPv4 Service Continuity Prefix", "[RFC7335]", "2011-06", null, "TTTFF"),
        e("192.0.0.8/32", "IPv4 dummy address", "[RFC7600]", "2015-03", null, "TFFFF"),
        e("192.0.0.9/32", "Port Control Protocol Anycast", "[RFC7723]", "2015-10", null, "TTTTF"),
        e("192.0.0.10/32", "Traversal Using Relays around NAT Anycast", "[RFC8155]", "2017-02", null, "TTTTF"),
        e("192.0.0.170/32,192.0.0.171/32", "NAT64/DNS64 Discovery", "[RFC8880][RFC7050], Section 2.2", "2013-02", null, "FFFFT"),
        e("192.0.2.0/24", "Documentation (TEST-NET-1)", "[RFC5737]", "2010-01", null, "FFFFF"),
        e("192.31.196.0/24", "AS112-v4", "[RFC7535]", "2014-12", null, "TTTTF"),
        e("192.52.193.0/24", "AMT", "[RFC7450]", "2014-12", null, "TTTTF"),
        e("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", "[RFC7526]", "2001-06", "2015-03", "-----"),
        e("192.88.99.2/32", "6a44-relay anycast address", "[RFC6751]", "2012-10", null, "TTTFF"),
        e("192.168.0.0/16", "Private-Use", "[RFC1918]", "1996-02", null, "TTTFF"),
        e("192.175.48.0/24", "Direct Delegation AS112 Service", "[RFC7534]", "1996-01", null, "TTTTF"),
        e("198.18.0.0/15", "Benchmarking", "[RFC2544]", "1999-03", null, "TTTFF"),
        e("198.51.100.0/24", "Documentation (TEST-NET-2)", "[RFC5737]", "2010-01", null, "FFFFF"),
        e("203.0.113.0/24", "Documentation (TEST-NET-3)", "[RFC5737]", "2010-01", null, "FFFFF"),
        e("240.0.0.0/4", "Reserved", "[RFC1112], Section 4", "1989-08", null, "FFFFT"),
        e("255.255.255.255/32", "Limited Broadcast", "[RFC8190] [RFC919], Section 7", "1984-10", null, "FTFFT"));
  }

  static final String IPV6_NAME = "IANA IPv6 Special-Purpose Address Registry";
  static final String IPV6_AS_OF = "2026-07-18";

  static List<SpecialPurposeEntry> ipv6() {
    return List.of(
        e("::1/128", "Loopback Address", "[RFC4291]", "2006-02", null, "FFFFT"),
        e("::/128", "Unspecified Address", "[RFC4291]", "2006-02", null, "TFFFT"),
        e("::ffff:0.0.0.0/96", "IPv4-mapped Address", "[RFC4291]", "2006-02", null, "FFFFT"),
        e("64:ff9b::/96", "IPv4-IPv6 Translat.", "[RFC6052]", "2010-10", null, "TTTTF"),
        e("64:ff9b:1::/48", "IPv4-IPv6 Translat.", "[RFC8215]", "2017-06", null, "TTTFF"),
        e("100::/64", "Discard-Only Address Block", "[RFC6666]", "2012-06", null, "TTTFF"),
        e("100:0:0:1::/64", "Dummy IPv6 Prefix", "[RFC9780]", "2025-04", null, "TFFFF"),
        e("2001::/23", "IETF Protocol Assignments", "[RFC2928]", "2000-09", null, "FFFFF", "unless a more specific entry says otherwise"),
        e("2001::/32", "TEREDO", "[RFC4380] [RFC8190]", "2006-01", null, "TTTNF", "reachability depends on the embedded IPv4 address and on relays"),
        e("2001:1::1/128", "Port Control Protocol Anycast", "[RFC7723]", "2015-10", null, "TTTTF"),
        e("2001:1::2/128", "Traversal Using Relays around NAT Anycast", "[RFC8155]", "2017-02", null, "TTTTF"),
        e("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", "[RFC9665]", "2024-04", null, "TTTTF"),
        e("2001:2::/48", "Benchmarking", "[RFC5180][RFC Errata 1752]", "2008-04", null, "TTTFF"),
        e("2001:3::/32", "AMT", "[RFC7450]", "2014-12", null, "TTTTF"),
        e("2001:4:112::/48", "AS112-v6", "[RFC7535]", "2014-12", null, "TTTTF"),
        e("2001:10::/28", "Deprecated (previously ORCHID)", "[RFC4843]", "2007-03", "2014-03", "-----"),
        e("2001:20::/28", "ORCHIDv2", "[RFC7343]", "2014-07", null, "TTTTF"),
        e("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", "[RFC9374]", "2022-12", null, "TTTTF"),
        e("2001:db8::/32", "Documentation", "[RFC3849]", "2004-07", null, "FFFFF"),
        e("2002::/16", "6to4", "[RFC3056]", "2001-02", null, "TTTNF", "reachability depends on the embedded IPv4 address and on relays"),
        e("2620:4f:8000::/48", "Direct Delegation AS112 Service", "[RFC7534]", "2011-05", null, "TTTTF"),
        e("3fff::/20", "Documentation", "[RFC9637]", "2024-07", null, "FFFFF"),
        e("5f00::/16", "Segment Routing (SRv6) SIDs", "[RFC9602]", "2024-04", null, "TTTFF"),
        e("fc00::/7", "Unique-Local", "[RFC4193] [RFC8190]", "2005-10", null, "TTTFF", "reachable only within a limited domain"),
        e("fe80::/10", "Link-Local Unicast", "[RFC4291]", "2006-02", null, "TTFFT"));
  }

  /** One entry: blocks comma-separated; flags source, destination, forwardable, globally reachable, reserved-by-protocol as T, F, N (n/a) or - (unset). */
  private static SpecialPurposeEntry e(String blocks, String name, String rfc, String allocated, String terminated,
      String flags, String... notes) {
    String[] b = blocks.split(",");
    Prefix[] prefixes = new Prefix[b.length];
    for (int i = 0; i < b.length; i++) {
      prefixes[i] = Prefix.parse(b[i]);
    }
    return new SpecialPurposeEntry(List.of(prefixes), name, rfc, allocated, terminated, flag(flags, 0), flag(flags, 1),
        flag(flags, 2), flag(flags, 3), flag(flags, 4), List.of(notes));
  }

  private static SpecialPurposeEntry.Flag flag(String flags, int i) {
    return switch (flags.charAt(i)) {
      case 'T' -> SpecialPurposeEntry.Flag.TRUE;
      case 'F' -> SpecialPurposeEntry.Flag.FALSE;
      case 'N' -> SpecialPurposeEntry.Flag.NOT_APPLICABLE;
      default -> SpecialPurposeEntry.Flag.UNSET;
    };
  }
}
