package dev.sockit.core.address;

import java.util.List;
import java.util.Optional;

/**
 * What a multicast address is: its block, its scope (how far routers let it travel) and, for a few
 * famous groups, their name. IPv4 scopes come from the address blocks (RFC 5771, RFC 2365); IPv6
 * scopes from the scope nibble (RFC 4291, RFC 7346) and the flag nibble (T, P, R).
 *
 * @param block the most specific block, e.g. {@code 224.0.0.0/24}
 * @param blockName the block's name, e.g. {@code Local Network Control Block}
 * @param scope the scope, e.g. {@code link-local}, {@code site-local}, {@code global}
 * @param rfc where the block or scope is defined
 * @param group the well-known group's name, or {@code null}
 * @param flags IPv6 flags explained (empty for IPv4)
 */
public record Multicast(
    Prefix block, String blockName, String scope, String rfc, String group, List<String> flags) {

  /** Copies the flag list. */
  public Multicast {
    flags = List.copyOf(flags);
  }

  private record Block(Prefix prefix, String name, String scope, String rfc) {}

  private record Group(IpAddress address, String name) {}

  private static final List<Block> IPV4_BLOCKS =
      List.of(
          block("224.0.0.0/4", "IPv4 multicast", "global", "RFC 5771"),
          block("224.0.0.0/24", "Local Network Control Block", "link-local", "RFC 5771"),
          block("224.0.1.0/24", "Internetwork Control Block", "global", "RFC 5771"),
          block("224.0.2.0/23", "AD-HOC Block I", "global", "RFC 5771"),
          block("224.0.4.0/22", "AD-HOC Block I", "global", "RFC 5771"),
          block("224.0.8.0/21", "AD-HOC Block I", "global", "RFC 5771"),
          block("224.0.16.0/20", "AD-HOC Block I", "global", "RFC 5771"),
          block("224.0.32.0/19", "AD-HOC Block I", "global", "RFC 5771"),
          block("224.0.64.0/18", "AD-HOC Block I", "global", "RFC 5771"),
          block("224.0.128.0/17", "AD-HOC Block I", "global", "RFC 5771"),
          block("224.2.0.0/16", "SDP/SAP Block", "global", "RFC 5771"),
          block("224.3.0.0/16", "AD-HOC Block II", "global", "RFC 5771"),
          block("224.4.0.0/16", "AD-HOC Block II", "global", "RFC 5771"),
          block("232.0.0.0/8", "Source-Specific Multicast Block", "global", "RFC 4607"),
          block("233.0.0.0/8", "GLOP Block", "global", "RFC 3180"),
          block("233.252.0.0/14", "AD-HOC Block III", "global", "RFC 5771"),
          block(
              "234.0.0.0/8", "Unicast-Prefix-based IPv4 Multicast Addresses", "global", "RFC 6034"),
          block(
              "239.0.0.0/8",
              "Administratively Scoped Block",
              "administratively scoped",
              "RFC 2365"),
          block("239.192.0.0/14", "Organization Local Scope", "organization-local", "RFC 2365"),
          block("239.255.0.0/16", "IPv4 Local Scope", "site-local", "RFC 2365"));

  private static final List<Group> GROUPS =
      List.of(
          group("224.0.0.1", "All Systems on this Subnet"),
          group("224.0.0.2", "All Routers on this Subnet"),
          group("224.0.0.5", "OSPF All Routers"),
          group("224.0.0.6", "OSPF Designated Routers"),
          group("224.0.0.9", "RIP2 Routers"),
          group("224.0.0.18", "VRRP"),
          group("224.0.0.22", "IGMPv3"),
          group("224.0.0.251", "mDNS"),
          group("224.0.0.252", "Link-local Multicast Name Resolution"),
          group("224.0.1.1", "NTP"),
          group("239.255.255.250", "SSDP (UPnP discovery)"),
          group("ff01::1", "All Nodes (interface-local)"),
          group("ff02::1", "All Nodes"),
          group("ff01::2", "All Routers (interface-local)"),
          group("ff02::2", "All Routers"),
          group("ff05::2", "All Routers (site-local)"),
          group("ff02::5", "OSPFv3 All SPF Routers"),
          group("ff02::6", "OSPFv3 All DR Routers"),
          group("ff02::9", "RIPng Routers"),
          group("ff02::16", "All MLDv2-capable Routers"),
          group("ff02::fb", "mDNSv6"),
          group("ff02::1:2", "All DHCP Agents"),
          group("ff05::1:3", "All DHCP Servers"),
          group("ff02::1:3", "Link-local Multicast Name Resolution"),
          group("ff05::c", "SSDP (UPnP discovery)"));

  private static final Prefix IPV6_MULTICAST = Prefix.parse("ff00::/8");
  private static final Prefix SOLICITED_NODE = Prefix.parse("ff02::1:ff00:0/104");

  private static Block block(String prefix, String name, String scope, String rfc) {
    return new Block(Prefix.parse(prefix), name, scope, rfc);
  }

  private static Group group(String address, String name) {
    return new Group(IpAddress.parse(address), name);
  }

  /**
   * The multicast facts for {@code address}.
   *
   * @param address any address
   * @return the facts, or empty if the address is not multicast
   */
  public static Optional<Multicast> of(IpAddress address) {
    IpAddress bare = address.withZone(null);
    String group = null;
    for (Group g : GROUPS) {
      if (g.address().equals(bare)) {
        group = g.name();
      }
    }
    if (address.isIpv4()) {
      Block best = null;
      for (Block b : IPV4_BLOCKS) {
        if (b.prefix().contains(address)
            && (best == null || b.prefix().length() > best.prefix().length())) {
          best = b;
        }
      }
      if (best == null) {
        return Optional.empty();
      }
      return Optional.of(
          new Multicast(best.prefix(), best.name(), best.scope(), best.rfc(), group, List.of()));
    }
    if (!IPV6_MULTICAST.contains(address)) {
      return Optional.empty();
    }
    if (SOLICITED_NODE.contains(address)) {
      group = "Solicited-Node (RFC 4291 section 2.7.1)";
    }
    int flagBits = (int) (address.high() >>> 52) & 0xf;
    int scopeBits = (int) (address.high() >>> 48) & 0xf;
    Prefix block = new Prefix(IpAddress.ipv6(address.high() & 0xffff_0000_0000_0000L, 0), 16);
    return Optional.of(
        new Multicast(
            block,
            "IPv6 multicast, scope " + Integer.toHexString(scopeBits),
            ipv6Scope(scopeBits),
            scopeBits == 3 ? "RFC 7346" : "RFC 4291",
            group,
            ipv6Flags(flagBits)));
  }

  /** The IPv6 scope nibble, RFC 4291 section 2.7 and RFC 7346 section 2. */
  static String ipv6Scope(int nibble) {
    return switch (nibble) {
      case 0x0 -> "reserved (0)";
      case 0x1 -> "interface-local";
      case 0x2 -> "link-local";
      case 0x3 -> "realm-local";
      case 0x4 -> "admin-local";
      case 0x5 -> "site-local";
      case 0x8 -> "organization-local";
      case 0xe -> "global";
      case 0xf -> "reserved (f)";
      default -> "unassigned (" + Integer.toHexString(nibble) + ")";
    };
  }

  private static List<String> ipv6Flags(int bits) {
    List<String> out = new java.util.ArrayList<>();
    out.add(
        (bits & 1) != 0 ? "T=1 transient (dynamically assigned)" : "T=0 permanent (IANA-assigned)");
    if ((bits & 2) != 0) {
      out.add("P=1 based on a unicast prefix (RFC 3306)");
    }
    if ((bits & 4) != 0) {
      out.add("R=1 embeds the rendezvous point address (RFC 3956)");
    }
    if ((bits & 8) != 0) {
      out.add("high flag bit set (reserved)");
    }
    return out;
  }
}
