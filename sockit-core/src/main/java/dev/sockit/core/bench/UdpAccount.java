package dev.sockit.core.bench;

import java.util.BitSet;

/**
 * The receiving side's count of one UDP run: distinct datagrams, duplicates, reordering (arrived
 * after a higher sequence number) and RFC 3550 interarrival jitter from the sender's timestamps
 * (the clocks' offset cancels out; only differences of transit times are used).
 */
final class UdpAccount {
  /** Sequence numbers tracked for duplicates: 2^28 datagrams (32 MiB of bits at most). */
  private static final long TRACKED = 1L << 28;

  private final BitSet seen = new BitSet();
  private long received;
  private long reordered;
  private long duplicates;
  private long highest = -1;
  private double jitterNanos;
  private long previousTransit;
  private boolean hasPrevious;

  synchronized void record(long seq, long sentNanos, long arrivedNanos) {
    if (seq < 0) {
      return;
    }
    if (seq < TRACKED) {
      if (seen.get((int) seq)) {
        duplicates++;
        return;
      }
      seen.set((int) seq);
    }
    received++;
    if (seq < highest) {
      reordered++;
    } else {
      highest = seq;
    }
    long transit = arrivedNanos - sentNanos;
    if (hasPrevious) {
      jitterNanos += (Math.abs(transit - previousTransit) - jitterNanos) / 16.0;
    }
    previousTransit = transit;
    hasPrevious = true;
  }

  synchronized UdpReport report(long sent) {
    return new UdpReport(
        sent, received, Math.max(0, sent - received), reordered, duplicates, jitterNanos / 1e6);
  }
}
