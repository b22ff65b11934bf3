package dev.sockit.core.bench;

/**
 * The outcome of one run.
 *
 * @param mode what was measured
 * @param seconds how long the measurement ran
 * @param bytes payload bytes moved (for STREAM: counted by the receiving side)
 * @param transactions round trips (RR), connections (CRR) or datagrams sent (UDP); 0 for STREAM
 * @param latency round-trip percentiles (RR, CRR), else {@code null}
 * @param udp loss, reordering and jitter (UDP), else {@code null}
 */
public record BenchResult(BenchMode mode, double seconds, long bytes, long transactions, Latency latency, UdpReport udp) {
  /** @return payload bits per second */
  public double bitsPerSecond() {
    return seconds <= 0 ? 0 : bytes * 8 / seconds;
  }

  /** @return transactions (or datagrams) per second */
  public double perSecond() {
    return seconds <= 0 ? 0 : transactions / seconds;
  }
}
