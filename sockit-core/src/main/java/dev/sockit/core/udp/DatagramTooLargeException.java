package dev.sockit.core.udp;

/**
 * A payload larger than one UDP datagram can carry: 65,507 bytes over IPv4 (65,535 minus the 8-byte
 * UDP and 20-byte IPv4 headers), 65,527 over IPv6. This is bad input, not a network failure.
 */
public final class DatagramTooLargeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The IPv4 payload limit. */
  public static final int IPV4_LIMIT = 65_507;

  /** The IPv6 payload limit (without jumbograms). */
  public static final int IPV6_LIMIT = 65_527;

  /**
   * Creates the exception.
   *
   * @param size the payload size
   * @param limit the limit that applies
   * @param target where it was going
   */
  public DatagramTooLargeException(int size, int limit, String target) {
    super(
        "datagram of "
            + size
            + " bytes to "
            + target
            + " is larger than the "
            + limit
            + "-byte UDP limit; split the data or use TCP");
  }
}
