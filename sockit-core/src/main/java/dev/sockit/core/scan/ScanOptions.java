package dev.sockit.core.scan;

import java.time.Duration;
import java.util.Objects;

/**
 * How to scan.
 *
 * @param timeout how long one probe waits for an answer before calling the port filtered
 * @param concurrency how many probes may be in flight at once (each holds a socket)
 * @param banner whether to wait for and keep the first bytes an open TCP port sends
 * @param bannerWait how long to wait for those bytes
 * @param retries UDP only: how many times to resend a probe that got no answer
 */
public record ScanOptions(
    Duration timeout, int concurrency, boolean banner, Duration bannerWait, int retries) {
  /** The largest banner kept, in bytes. */
  public static final int BANNER_BYTES = 1024;

  /** Validates the fields. */
  public ScanOptions {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(bannerWait, "bannerWait");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "the timeout must be longer than 0 (e.g. 500ms or 2s), got "
              + timeout.toMillis()
              + " ms");
    }
    if (concurrency < 1 || concurrency > 16384) {
      throw new IllegalArgumentException("concurrency " + concurrency + " is outside 1-16384");
    }
    if (bannerWait.isNegative()) {
      throw new IllegalArgumentException(
          "the banner wait must not be negative, got " + bannerWait.toMillis() + " ms");
    }
    if (retries < 0 || retries > 10) {
      throw new IllegalArgumentException("retries " + retries + " is outside 0-10");
    }
  }

  /** TCP defaults: 1 s per port, 1000 in flight, no banners. */
  public static ScanOptions tcpDefaults() {
    return new ScanOptions(Duration.ofSeconds(1), 1000, false, Duration.ofSeconds(2), 0);
  }

  /** UDP defaults: 1 s per try, one retry, 100 in flight. */
  public static ScanOptions udpDefaults() {
    return new ScanOptions(Duration.ofSeconds(1), 100, false, Duration.ofSeconds(2), 1);
  }

  /**
   * A copy with another timeout.
   *
   * @param t the timeout
   * @return the copy
   */
  public ScanOptions withTimeout(Duration t) {
    return new ScanOptions(t, concurrency, banner, bannerWait, retries);
  }

  /**
   * A copy with another concurrency.
   *
   * @param n probes in flight
   * @return the copy
   */
  public ScanOptions withConcurrency(int n) {
    return new ScanOptions(timeout, n, banner, bannerWait, retries);
  }

  /**
   * A copy that grabs banners, waiting {@code wait} for each.
   *
   * @param wait how long to wait for the first bytes
   * @return the copy
   */
  public ScanOptions withBanner(Duration wait) {
    return new ScanOptions(timeout, concurrency, true, wait, retries);
  }

  /**
   * A copy with another UDP retry count.
   *
   * @param n retries
   * @return the copy
   */
  public ScanOptions withRetries(int n) {
    return new ScanOptions(timeout, concurrency, banner, bannerWait, n);
  }
}
