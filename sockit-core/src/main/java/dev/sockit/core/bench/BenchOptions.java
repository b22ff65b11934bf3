package dev.sockit.core.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * How a client run goes.
 *
 * @param mode what to measure
 * @param duration how long (0.1 s to 1 hour)
 * @param size bytes per write (STREAM), per request and response (RR, CRR), per datagram payload
 *     (UDP, at least 24)
 * @param parallel parallel streams (STREAM only), 1 to 128
 * @param reverse STREAM: the server sends, the client receives
 * @param bitrate UDP: target bits per second, 0 for flat out
 * @param interval how often the listener hears about progress
 * @param omit a warm-up before the measurement that the result leaves out (iperf3's {@code
 *     --omit}): the JIT, TCP's slow start and the caches settle first; 0 for none
 */
public record BenchOptions(
    BenchMode mode,
    Duration duration,
    int size,
    int parallel,
    boolean reverse,
    long bitrate,
    Duration interval,
    Duration omit) {
  /** Smallest UDP payload: run id, sequence number and send time. */
  public static final int UDP_HEADER = 24;

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException naming the option out of range
   */
  public BenchOptions {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(interval, "interval");
    if (duration.compareTo(Duration.ofMillis(100)) < 0
        || duration.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(
          "duration " + duration.toMillis() + " ms is outside 100 ms - 1 h");
    }
    int min = mode == BenchMode.UDP ? UDP_HEADER : 1;
    int max = mode == BenchMode.UDP ? 65_507 : 64 << 20;
    if (size < min || size > max) {
      throw new IllegalArgumentException(
          "size "
              + size
              + " is outside "
              + min
              + "-"
              + max
              + " for "
              + mode.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (parallel < 1 || parallel > 128) {
      throw new IllegalArgumentException("parallel streams " + parallel + " is outside 1-128");
    }
    if (bitrate < 0) {
      throw new IllegalArgumentException("a bitrate cannot be negative");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the report interval must be positive");
    }
    Objects.requireNonNull(omit, "omit");
    if (omit.isNegative() || omit.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(
          "the warm-up to omit, " + omit.toMillis() + " ms, is outside 0 - 1 h");
    }
  }

  /**
   * Options without a warm-up.
   *
   * @param mode what to measure
   * @param duration how long
   * @param size bytes per write, request or datagram
   * @param parallel parallel streams
   * @param reverse whether the server sends (STREAM)
   * @param bitrate UDP bits per second, 0 for flat out
   * @param interval how often the listener hears about progress
   */
  public BenchOptions(
      BenchMode mode,
      Duration duration,
      int size,
      int parallel,
      boolean reverse,
      long bitrate,
      Duration interval) {
    this(mode, duration, size, parallel, reverse, bitrate, interval, Duration.ZERO);
  }

  /**
   * Defaults for {@code mode}: 10 s; 128 KiB writes for STREAM, 1 byte for RR and CRR, 1,400-byte
   * datagrams at 1 Gbit/s for UDP; one stream; a report each second.
   *
   * @param mode what to measure
   * @return the options
   */
  public static BenchOptions of(BenchMode mode) {
    int size =
        switch (mode) {
          case STREAM -> 128 * 1024;
          case RR, CRR -> 1;
          case UDP -> 1400;
        };
    return new BenchOptions(
        mode,
        Duration.ofSeconds(10),
        size,
        1,
        false,
        mode == BenchMode.UDP ? 1_000_000_000L : 0,
        Duration.ofSeconds(1));
  }

  /**
   * The same options lasting {@code d}.
   *
   * @param d the duration
   * @return new options
   */
  public BenchOptions withDuration(Duration d) {
    return new BenchOptions(mode, d, size, parallel, reverse, bitrate, interval, omit);
  }

  /**
   * The same options with a warm-up of {@code warmUp} left out of the result.
   *
   * @param warmUp the warm-up
   * @return new options
   */
  public BenchOptions withOmit(Duration warmUp) {
    return new BenchOptions(mode, duration, size, parallel, reverse, bitrate, interval, warmUp);
  }
}
