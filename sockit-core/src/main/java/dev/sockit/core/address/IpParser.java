package dev.sockit.core.address;

import dev.sockit.core.codec.HexDump;
import java.util.Objects;

/**
 * The one strict IP parser. The accepting path is a single pass over the characters with no
 * allocation but the result, so that millions of addresses a second parse on one core; on failure a
 * slower pass works out a one-line reason.
 *
 * <p>IPv4: exactly four decimal parts 0-255, no leading zeros (ambiguous: octal to inet_aton), no
 * signs, spaces, hex or short forms. IPv6: RFC 4291 section 2.2 text, 1-4 hex digits per group, at
 * most one {@code ::} standing for at least one group, an optional dotted IPv4 tail in place of the
 * last two groups, and an optional {@code %zone} of letters, digits, {@code . _ ~ -}.
 */
final class IpParser {
  private static final int MAX_ZONE = 64;

  private IpParser() {}

  static IpAddress parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.indexOf(':') < 0) {
      return IpAddress.ipv4(parseIpv4Bits(text));
    }
    return parseIpv6(text);
  }

  /** Parses dotted decimal to its 32 bits. */
  static int parseIpv4Bits(String text) {
    long v = ipv4(text, 0, text.length());
    if (v < 0) {
      throw new IllegalArgumentException(Ipv4Problem.explain(text, text));
    }
    return (int) v;
  }

  /** The 32 bits of {@code s[from, to)} as dotted decimal, or -1 if it is not strict IPv4. */
  static long ipv4(String s, int from, int to) {
    int parts = 0;
    int value = 0;
    int digits = 0;
    long result = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits == 1 && value == 0) {
          return -1; // leading zero
        }
        value = value * 10 + (c - '0');
        if (++digits > 3 || value > 255) {
          return -1;
        }
      } else if (c == '.') {
        if (digits == 0 || parts == 3) {
          return -1;
        }
        result = (result << 8) | value;
        parts++;
        value = 0;
        digits = 0;
      } else {
        return -1;
      }
    }
    if (digits == 0 || parts != 3) {
      return -1;
    }
    return (result << 8) | value;
  }

  static IpAddress parseIpv6(String s) {
    int pct = s.indexOf('%');
    int end = pct < 0 ? s.length() : pct;
    String zone = null;
    if (pct >= 0) {
      zone = s.substring(pct + 1);
      checkZone(zone, s);
    }
    int[] words = new int[8];
    int n = 0;
    int gap = -1;
    int i = 0;
    if (end >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
      gap = 0;
      i = 2;
    }
    boolean ok = end > 0 && !(gap < 0 && s.charAt(0) == ':');
    while (ok && i < end) {
      int start = i;
      int value = 0;
      while (i < end && i - start < 5) {
        int d = HexDump.hexDigit(s.charAt(i));
        if (d < 0) {
          break;
        }
        value = (value << 4) | d;
        i++;
      }
      int digits = i - start;
      if (i < end && s.charAt(i) == '.') {
        long v4 = n <= 6 ? ipv4(s, start, end) : -1;
        ok = v4 >= 0;
        if (ok) {
          words[n++] = (int) (v4 >>> 16);
          words[n++] = (int) (v4 & 0xffff);
          i = end;
        }
        break;
      }
      if (digits == 0 || digits > 4 || n == 8) {
        ok = false;
        break;
      }
      words[n++] = value;
      if (i == end) {
        break;
      }
      if (s.charAt(i) != ':') {
        ok = false;
        break;
      }
      i++;
      if (i < end && s.charAt(i) == ':') {
        if (gap >= 0) {
          ok = false;
          break;
        }
        gap = n;
        i++;
      } else if (i == end) {
        ok = false; // a single trailing colon
      }
    }
    if (ok && (gap < 0 ? n != 8 : n > 7)) {
      ok = false;
    }
    if (!ok) {
      throw new IllegalArgumentException(Ipv6Problem.explain(s.substring(0, end), s));
    }
    long high = 0;
    long low = 0;
    int zeros = 8 - n;
    for (int w = 0, k = 0; w < 8; w++) {
      int word = (gap >= 0 && w >= gap && w < gap + zeros) ? 0 : words[k++];
      if (w < 4) {
        high = (high << 16) | word;
      } else {
        low = (low << 16) | word;
      }
    }
    return new IpAddress(IpVersion.IPV6, high, low, zone);
  }

  static void checkZone(String zone, String whole) {
    if (zone.isEmpty()) {
      throw new IllegalArgumentException(
          AddressText.quote(whole)
              + " has an empty zone after '%'; write e.g. fe80::1%eth0 or drop the '%'");
    }
    if (zone.length() > MAX_ZONE) {
      throw new IllegalArgumentException(
          AddressText.quote(whole) + " has a zone longer than " + MAX_ZONE + " characters");
    }
    for (int i = 0; i < zone.length(); i++) {
      char c = zone.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '~'
              || c == '-';
      if (!allowed) {
        throw new IllegalArgumentException(
            AddressText.quote(whole)
                + " has "
                + Ipv4Problem.describe(c)
                + " in its zone; a zone is an interface name or number such as eth0 or 2");
      }
    }
  }
}
