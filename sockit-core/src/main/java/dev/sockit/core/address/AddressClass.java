package dev.sockit.core.address;

/**
 * The classful IPv4 address classes of RFC 791 as textbooks teach them. Classes have not been used
 * for routing since CIDR (RFC 4632, 1993), but the ranges still explain the default masks that many
 * tools assume.
 */
public enum AddressClass {
  /** Leading bit 0: 0.0.0.0-127.255.255.255, default mask /8. */
  A("0.0.0.0", "127.255.255.255", 8, "unicast, 128 networks of 16,777,216 addresses"),
  /** Leading bits 10: 128.0.0.0-191.255.255.255, default mask /16. */
  B("128.0.0.0", "191.255.255.255", 16, "unicast, 16,384 networks of 65,536 addresses"),
  /** Leading bits 110: 192.0.0.0-223.255.255.255, default mask /24. */
  C("192.0.0.0", "223.255.255.255", 24, "unicast, 2,097,152 networks of 256 addresses"),
  /** Leading bits 1110: 224.0.0.0-239.255.255.255, multicast, no mask. */
  D("224.0.0.0", "239.255.255.255", -1, "multicast (RFC 5771)"),
  /** Leading bits 1111: 240.0.0.0-255.255.255.255, reserved, no mask. */
  E(
      "240.0.0.0",
      "255.255.255.255",
      -1,
      "reserved for future use (RFC 1112); 255.255.255.255 is the limited broadcast");

  private final String first;
  private final String last;
  private final int defaultLength;
  private final String use;

  AddressClass(String first, String last, int defaultLength, String use) {
    this.first = first;
    this.last = last;
    this.defaultLength = defaultLength;
    this.use = use;
  }

  /**
   * The class of an IPv4 address, from its leading bits.
   *
   * @param address an IPv4 address
   * @return the class
   * @throws IllegalArgumentException for IPv6, which has no classes
   */
  public static AddressClass of(IpAddress address) {
    if (!address.isIpv4()) {
      throw new IllegalArgumentException("IPv6 has no address classes");
    }
    int top = (int) (address.low() >>> 28);
    if (top < 0b1000) {
      return A;
    }
    if (top < 0b1100) {
      return B;
    }
    if (top < 0b1110) {
      return C;
    }
    return top == 0b1110 ? D : E;
  }

  /**
   * A label for the addresses the class range includes but textbooks set apart: 0.0.0.0/8 ("this
   * network", RFC 791 / RFC 1122) and 127.0.0.0/8 (loopback); usable class A networks are 1-126.
   *
   * @param address an IPv4 address
   * @return the label, or {@code null} when nothing special applies
   */
  public static String note(IpAddress address) {
    int firstOctet = (int) (address.low() >>> 24);
    if (firstOctet == 0) {
      return "0.0.0.0/8 is class A space reserved for \"this network\" (RFC 1122), not a usable network; usable class A is 1-126";
    }
    if (firstOctet == 127) {
      return "127.0.0.0/8 is class A space reserved for loopback (RFC 1122), not a usable network; usable class A is 1-126";
    }
    return null;
  }

  /**
   * The first address of the class range.
   *
   * @return e.g. {@code 128.0.0.0}
   */
  public String first() {
    return first;
  }

  /**
   * The last address of the class range.
   *
   * @return e.g. {@code 191.255.255.255}
   */
  public String last() {
    return last;
  }

  /**
   * The classful default prefix length, or -1 for D and E.
   *
   * @return 8, 16, 24 or -1
   */
  public int defaultLength() {
    return defaultLength;
  }

  /**
   * What the class is for.
   *
   * @return a short description
   */
  public String use() {
    return use;
  }
}
