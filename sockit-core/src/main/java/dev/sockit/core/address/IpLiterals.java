package dev.sockit.core.address;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Strict IP literal parsing for the socket API, never reaching DNS: a thin bridge from {@link
 * IpAddress#parse(String)} to {@link InetAddress}.
 */
public final class IpLiterals {
  private IpLiterals() {}

  /** Whether the text is made only of digits and dots, so it must be an IPv4 address. */
  static boolean looksNumeric(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
  }

  /**
   * Parses an IPv4 address or an IPv6 address (with an optional zone) strictly. An IPv4-mapped IPv6
   * literal stays an {@link Inet6Address}.
   *
   * @param text the literal
   * @return the address; no DNS lookup happens
   * @throws IllegalArgumentException naming what is wrong
   */
  public static InetAddress parse(String text) {
    return IpAddress.parse(text).toInetAddress();
  }

  /**
   * Parses dotted-decimal IPv4: four decimal numbers 0-255, no leading zeros, nothing else.
   *
   * @param text the literal
   * @return four bytes
   * @throws IllegalArgumentException naming what is wrong
   */
  public static byte[] parseIpv4(String text) {
    return IpAddress.ipv4(IpParser.parseIpv4Bits(text)).bytes();
  }

  /**
   * Parses an IPv6 literal with an optional {@code %zone}; a named zone must be an interface here.
   *
   * @param text the literal
   * @return the address
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Inet6Address parseIpv6(String text) {
    if (text.indexOf(':') < 0) {
      throw new IllegalArgumentException(
          AddressText.quote(text) + " is not an IPv6 address: it has no ':'");
    }
    return (Inet6Address) IpParser.parseIpv6(text).toInetAddress();
  }
}
