package dev.sockit.core.bench;

/** What a benchmark run measures. */
public enum BenchMode {
  /** Bulk TCP throughput, one or more streams, either direction. */
  STREAM('S'),
  /** Request/response round trips on one TCP connection: rate and latency. */
  RR('R'),
  /** Connect, request, response, close: rate and latency of whole short connections. */
  CRR('C'),
  /** UDP datagrams, paced or flat out: rate, loss, reordering, jitter. */
  UDP('U');

  final byte code;

  BenchMode(char code) {
    this.code = (byte) code;
  }

  static BenchMode of(int code) {
    for (BenchMode m : values()) {
      if (m.code == code) {
        return m;
      }
    }
    return null;
  }
}
