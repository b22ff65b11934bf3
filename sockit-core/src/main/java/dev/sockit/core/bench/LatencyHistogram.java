package dev.sockit.core.bench;

/**
 * Counts durations in nanoseconds in log-linear buckets: exact below 128 ns, then 128 buckets per
 * power of two, so any percentile is within 0.8% of the true sample. Fixed size (7,424 counters),
 * whatever the number of samples. Not thread-safe: one per measuring thread, then {@link #add}.
 */
public final class LatencyHistogram {
  private static final int SUB = 128;
  private static final int BUCKETS = 58 * SUB;

  private final long[] counts = new long[BUCKETS];
  private long count;
  private long max;
  private double sum;

  /**
   * Records one duration.
   *
   * @param nanos the duration; negative values count as 0
   */
  public void record(long nanos) {
    long v = Math.max(0, nanos);
    counts[index(v)]++;
    count++;
    sum += v;
    max = Math.max(max, v);
  }

  /**
   * Adds another histogram's samples to this one.
   *
   * @param other the samples to add
   */
  public void add(LatencyHistogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    count += other.count;
    sum += other.sum;
    max = Math.max(max, other.max);
  }

  static int index(long v) {
    if (v < SUB) {
      return (int) v;
    }
    int exp = 63 - Long.numberOfLeadingZeros(v);
    int shift = exp - 7;
    return (shift + 1) * SUB + (int) ((v >>> shift) & (SUB - 1));
  }

  static long lowest(int index) {
    if (index < SUB) {
      return index;
    }
    int shift = index / SUB - 1;
    return (long) (SUB + index % SUB) << shift;
  }

  /**
   * @return how many samples
   */
  public long count() {
    return count;
  }

  /**
   * @return the largest sample, exactly, in nanoseconds (0 when empty)
   */
  public long max() {
    return max;
  }

  /**
   * @return the mean in nanoseconds (0 when empty)
   */
  public double mean() {
    return count == 0 ? 0 : sum / count;
  }

  /**
   * The value at or below which {@code p} of the samples lie (midpoint of its bucket, never above
   * the max).
   *
   * @param p a fraction from 0 to 1
   * @return nanoseconds, 0 when empty
   * @throws IllegalArgumentException if {@code p} is outside 0-1
   */
  public long percentile(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("percentile " + p + " is outside 0-1");
    }
    if (count == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(p * count));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        long lo = lowest(i);
        long hi = i + 1 < BUCKETS ? lowest(i + 1) - 1 : lo;
        return Math.min(max, lo + (hi - lo) / 2);
      }
    }
    return max;
  }

  /**
   * A summary in microseconds.
   *
   * @return count, p50, p90, p99, p99.9, max and mean
   */
  public Latency summary() {
    return new Latency(
        count,
        percentile(0.5) / 1e3,
        percentile(0.9) / 1e3,
        percentile(0.99) / 1e3,
        percentile(0.999) / 1e3,
        max / 1e3,
        mean() / 1e3);
  }
}
