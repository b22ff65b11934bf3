package dev.sockit.core.access;

import dev.sockit.core.address.IpLiterals;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which peers may connect: allow and deny lists of CIDR prefixes (or single addresses). As in
 * ncat, an allow entry wins over a deny entry; with a non-empty allow list, anything not in it is
 * refused. IPv4-mapped IPv6 peers ({@code ::ffff:a.b.c.d}) are checked as their IPv4 address, so
 * they cannot slip past an IPv4 rule.
 */
public final class AccessList {
  /** Lets everyone in. */
  public static final AccessList ALLOW_ALL = new AccessList(List.of(), List.of());

  private final List<Cidr> allow;
  private final List<Cidr> deny;

  private AccessList(List<Cidr> allow, List<Cidr> deny) {
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
    List<Cidr> a = new ArrayList<>();
    for (String s : allow) {
      a.add(Cidr.parse(s));
    }
    List<Cidr> d = new ArrayList<>();
    for (String s : deny) {
      d.add(Cidr.parse(s));
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
    byte[] bytes = normalise(peer.getAddress());
    for (Cidr c : allow) {
      if (c.contains(bytes)) {
        return true;
      }
    }
    if (!allow.isEmpty()) {
      return false;
    }
    for (Cidr c : deny) {
      if (c.contains(bytes)) {
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

  record Cidr(byte[] network, int prefix) {
    static Cidr parse(String text) {
      String t = text.strip();
      int slash = t.indexOf('/');
      String addr = slash < 0 ? t : t.substring(0, slash);
      InetAddress ip;
      try {
        ip = IpLiterals.parse(addr);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("access entry '" + text + "': " + e.getMessage());
      }
      byte[] bytes = normalise(ip.getAddress());
      int bits = bytes.length * 8;
      int prefix = bits;
      if (slash >= 0) {
        String p = t.substring(slash + 1);
        if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
          throw new IllegalArgumentException("access entry '" + text + "': prefix '" + p + "' is not a number");
        }
        prefix = Integer.parseInt(p);
        if (ip.getAddress().length == 16 && bytes.length == 4) {
          prefix -= 96;
        }
        if (prefix < 0 || prefix > bits) {
          throw new IllegalArgumentException(
              "access entry '" + text + "': prefix must be 0-" + bits + (ip instanceof Inet4Address ? " for IPv4" : " for IPv6"));
        }
      }
      return new Cidr(bytes, prefix);
    }

    boolean contains(byte[] a) {
      if (a.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (a[full] & mask) == (network[full] & mask);
    }
  }
}
