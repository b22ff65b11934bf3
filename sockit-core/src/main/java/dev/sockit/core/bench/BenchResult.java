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
 * @param streams each parallel stream's bytes, in stream order, when a STREAM run had several
 *     ({@link BenchOptions#parallel()} &gt; 1; they add up to {@code bytes}), else empty
 */
public record BenchResult(
    BenchMode mode,
    double seconds,
    long bytes,
    long transactions,
    Latency latency,
    UdpReport udp,
    java.util.List<Long> streams) {
  /** Copies {@code streams}. */
  public BenchResult {
    java.util.Objects.requireNonNull(mode, "mode");
    streams = java.util.List.copyOf(streams);
  }

  /**
   * A result without per-stream counts.
   *
   * @param mode what was measured
   * @param seconds how long the measurement ran
   * @param bytes payload bytes moved
   * @param transactions round trips, connections or datagrams sent; 0 for STREAM
   * @param latency round-trip percentiles, or {@code null}
   * @param udp UDP counts, or {@code null}
   */
  public BenchResult(
      BenchMode mode,
      double seconds,
      long bytes,
      long transactions,
      Latency latency,
      UdpReport udp) {
    this(mode, seconds, bytes, transactions, latency, udp, java.util.List.of());
  }

  /**
   * @return payload bits per second
   */
  public double bitsPerSecond() {
    return seconds <= 0 ? 0 : bytes * 8 / seconds;
  }

  /**
   * @return transactions (or datagrams) per second
   */
  public double perSecond() {
    return seconds <= 0 ? 0 : transactions / seconds;
  }
}
