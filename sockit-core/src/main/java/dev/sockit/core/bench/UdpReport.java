package dev.sockit.core.bench;

/**
 * What the receiving side of a UDP run counted.
 *
 * @param sent datagrams the client sent
 * @param received distinct datagrams that arrived
 * @param lost {@code sent - received}
 * @param reordered datagrams that arrived after one with a higher sequence number
 * @param duplicates datagrams that arrived more than once
 * @param jitterMillis RFC 3550 interarrival jitter, in milliseconds
 */
public record UdpReport(
    long sent, long received, long lost, long reordered, long duplicates, double jitterMillis) {
  /**
   * @return lost as a percentage of sent (0 when nothing was sent)
   */
  public double lossPercent() {
    return sent == 0 ? 0 : 100.0 * lost / sent;
  }
}
