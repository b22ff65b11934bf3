package dev.sockit.core.address;

/**
 * RFC 5952 text for 16-byte IPv6 addresses: lower case, no leading zeros, longest zero run as ::.
 */
final class Rfc5952 {
  private Rfc5952() {}

  static String format(byte[] a) {
    if (a.length != 16) {
      throw new IllegalArgumentException("an IPv6 address has 16 bytes, got " + a.length);
    }
    return IpAddress.ofBytes(a).toString();
  }
}
