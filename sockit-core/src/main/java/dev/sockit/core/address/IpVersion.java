package dev.sockit.core.address;

/** The two IP versions, with their address width. */
public enum IpVersion {
  /** 32-bit addresses, dotted decimal. */
  IPV4(32),
  /** 128-bit addresses, colon-separated hexadecimal. */
  IPV6(128);

  private final int bits;

  IpVersion(int bits) {
    this.bits = bits;
  }

  /**
   * The address width.
   *
   * @return 32 or 128
   */
  public int bits() {
    return bits;
  }

  /**
   * The name users know: {@code IPv4} or {@code IPv6}.
   *
   * @return the display name
   */
  public String label() {
    return this == IPV4 ? "IPv4" : "IPv6";
  }
}
