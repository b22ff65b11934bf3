package dev.sockit.core.access;

import dev.sockit.core.address.IpAddress;
import dev.sockit.core.address.Prefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which peers may connect: allow and deny lists of CIDR prefixes (or single addresses). As in ncat,
 * an allow entry wins over a deny entry; with a non-empty allow list, anything not in it is
 * refused. IPv4-mapped IPv6 peers ({@code ::ffff:a.b.c.d}) are checked as their IPv4 address, so
 * they cannot slip past an IPv4 rule.
 */
public final class AccessList {
  /** Lets everyone in. */
  public static final AccessList ALLOW_ALL = new AccessList(List.of(), List.of());

  private final List<Prefix> allow;
  private final List<Prefix> deny;

  private AccessList(List<Prefix> allow, List<Prefix> deny) {
    this.allow = List.copyOf(allow);
    this.deny = List.copyOf(deny);
  }

  /**
   * Builds a list from CIDR texts such as {@code 10.0.0.0/8}, {@code ::1} or {@code fd00::/8}.
   *
   * @param allow prefixes to allow (empty: everyone not denied)
   * @param deny prefixes to deny
   * @return the list
   * @throws IllegalArgumentException naming a malformed entry
   */
  public static AccessList of(List<String> allow, List<String> deny) {
    Objects.requireNonNull(allow, "allow");
    Objects.requireNonNull(deny, "deny");
    List<Prefix> a = new ArrayList<>();
    for (String s : allow) {
      a.add(parseEntry(s));
    }
    List<Prefix> d = new ArrayList<>();
    for (String s : deny) {
      d.add(parseEntry(s));
    }
    return new AccessList(a, d);
  }

  /**
   * Whether {@code peer} may connect.
   *
   * @param peer the peer's address
   * @return {@code true} if allowed
   */
  public boolean permits(InetAddress peer) {
    IpAddress address = IpAddress.ofBytes(normalise(peer.getAddress()));
    for (Prefix c : allow) {
      if (c.contains(address)) {
        return true;
      }
    }
    if (!allow.isEmpty()) {
      return false;
    }
    for (Prefix c : deny) {
      if (c.contains(address)) {
        return false;
      }
    }
    return true;
  }

  static byte[] normalise(byte[] a) {
    if (a.length == 16) {
      for (int i = 0; i < 10; i++) {
        if (a[i] != 0) {
          return a;
        }
      }
      if (a[10] == (byte) 0xff && a[11] == (byte) 0xff) {
        return new byte[] {a[12], a[13], a[14], a[15]};
      }
    }
    return a;
  }

  /** Parses an entry; an IPv4-mapped IPv6 prefix (at least /96) becomes the IPv4 prefix it maps. */
  static Prefix parseEntry(String text) {
    Prefix p;
    try {
      p = Prefix.parse(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("access entry '" + text + "': " + e.getMessage());
    }
    IpAddress a = p.address();
    if (!a.isIpv4() && p.length() >= 96 && a.high() == 0 && (a.low() >>> 32) == 0xffffL) {
      return new Prefix(IpAddress.ipv4((int) a.low()), p.length() - 96);
    }
    return p;
  }
}
