package dev.sockit.core.scan;

/** What a probe of one port found, in nmap's words. */
public enum PortStatus {
  /** Something accepted the connection (TCP) or answered the datagram (UDP). */
  OPEN("open"),
  /** The host said nobody listens: a TCP reset, or an ICMP port-unreachable for UDP. */
  CLOSED("closed"),
  /**
   * No answer within the timeout, or an ICMP error other than port-unreachable: something drops the
   * probes.
   */
  FILTERED("filtered"),
  /** UDP only: no answer, which an open port that ignores the probe and a firewall both give. */
  OPEN_FILTERED("open|filtered");

  private final String label;

  PortStatus(String label) {
    this.label = label;
  }

  /**
   * The word nmap prints.
   *
   * @return e.g. {@code open|filtered}
   */
  public String label() {
    return label;
  }
}
