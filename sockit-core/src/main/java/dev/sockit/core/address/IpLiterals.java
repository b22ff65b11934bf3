package dev.sockit.core.address;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Strict IP literal parsing that never reaches DNS. */
public final class IpLiterals {
  private IpLiterals() {}

  /** Whether the text is made only of digits and dots, so it must be an IPv4 address. */
  static boolean looksNumeric(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
  }

  /**
   * Parses an IPv4 address or an IPv6 address (with an optional zone) strictly.
   *
   * @param text the literal
   * @return the address; no DNS lookup happens
   * @throws IllegalArgumentException naming what is wrong
   */
  public static InetAddress parse(String text) {
    if (text.indexOf(':') >= 0) {
      return parseIpv6(text);
    }
    byte[] b = parseIpv4(text);
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses dotted-decimal IPv4: four decimal numbers 0-255, no leading zeros, nothing else.
   *
   * @param text the literal
   * @return four bytes
   * @throws IllegalArgumentException naming what is wrong
   */
  public static byte[] parseIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an IPv4 address: it needs four numbers separated by dots, e.g. 192.168.1.10");
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new IllegalArgumentException("'" + text + "' is not an IPv4 address: '" + p + "' is not a number from 0 to 255");
      }
      if (p.length() > 1 && p.charAt(0) == '0') {
        throw new IllegalArgumentException(
            "'" + text + "' has a leading zero in '" + p + "', which some tools read as octal; write it without leading zeros");
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        throw new IllegalArgumentException("'" + text + "' is not an IPv4 address: " + v + " is more than 255");
      }
      out[i] = (byte) v;
    }
    return out;
  }

  /**
   * Parses an IPv6 literal with an optional {@code %zone}.
   *
   * @param text the literal
   * @return the address
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Inet6Address parseIpv6(String text) {
    int pct = text.indexOf('%');
    String body = pct < 0 ? text : text.substring(0, pct);
    boolean ok = !body.isEmpty()
        && body.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')
        && (Character.digit(body.charAt(0), 16) >= 0 || body.charAt(0) == ':')
        && body.indexOf("::") == body.lastIndexOf("::")
        && (pct < 0 || pct < text.length() - 1);
    if (ok) {
      try {
        // Starts with a hex digit or ':' and holds only hex, ':' and '.': the JDK parses it as a
        // literal and never asks DNS.
        InetAddress a = InetAddress.getByName(text);
        if (a instanceof Inet6Address v6) {
          return v6;
        }
        // The JDK turns ::ffff:a.b.c.d into an Inet4Address; keep it IPv6.
        return Inet6Address.getByAddress(null, mapped(a.getAddress()), null);
      } catch (UnknownHostException e) {
        // fall through to the message below
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a valid IPv6 address");
  }

  private static byte[] mapped(byte[] v4) {
    byte[] out = new byte[16];
    out[10] = (byte) 0xff;
    out[11] = (byte) 0xff;
    System.arraycopy(v4, 0, out, 12, 4);
    return out;
  }
}
