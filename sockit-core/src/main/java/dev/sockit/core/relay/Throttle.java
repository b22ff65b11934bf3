package dev.sockit.core.relay;

import java.util.concurrent.TimeUnit;

/**
 * Paces one direction of a relayed connection to a byte rate: after each chunk, sleeps until the
 * chunk's share of time has passed. Credit saved while the connection was quiet is capped at {@link
 * #BURST_NANOS} worth of bytes, so a connection idle for an hour cannot then burst at full speed.
 * Not thread-safe: one per direction.
 */
final class Throttle {
  /** The most credit a quiet period can earn: 100 ms worth of bytes. */
  static final long BURST_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final long bytesPerSecond;
  private long allowedAt = System.nanoTime();

  Throttle(long bytesPerSecond) {
    if (bytesPerSecond <= 0) {
      throw new IllegalArgumentException("rate must be positive, got " + bytesPerSecond);
    }
    this.bytesPerSecond = bytesPerSecond;
  }

  /**
   * The chunk to read at a time: about a tenth of a second's worth, from 512 bytes to 64 KiB, so
   * the pacing is smooth at low rates and cheap at high ones.
   */
  int chunk() {
    return (int) Math.max(512, Math.min(64 * 1024, bytesPerSecond / 10));
  }

  /** Accounts for {@code bytes} just sent; sleeps as long as the rate asks. */
  void sent(long bytes) throws InterruptedException {
    long now = System.nanoTime();
    long cost = (long) (bytes * 1e9 / bytesPerSecond);
    allowedAt = Math.max(allowedAt, now - BURST_NANOS) + cost;
    long wait = allowedAt - now;
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}
