package dev.sockit.core.ipmsg;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection on which no byte moved for a while, so that a peer that stops reading or
 * sending (careless or hostile) does not hold a transfer for ever.
 */
final class Stall implements AutoCloseable {
  private final AutoCloseable target;
  private final long idleNanos;
  private final ScheduledFuture<?> check;
  private volatile long lastMove = System.nanoTime();
  private volatile boolean fired;

  Stall(ScheduledExecutorService timer, Duration idle, AutoCloseable target) {
    this.target = target;
    this.idleNanos = idle.toNanos();
    long period = Math.max(50, Math.min(1000, idle.toMillis() / 4));
    this.check = timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  /** Bytes moved: the connection is alive. */
  void moved() {
    lastMove = System.nanoTime();
  }

  /** Whether the connection was closed for being idle. */
  boolean fired() {
    return fired;
  }

  private void check() {
    if (!fired && System.nanoTime() - lastMove > idleNanos) {
      fired = true;
      try {
        target.close();
      } catch (Exception e) {
        System.getLogger(Stall.class.getName())
            .log(System.Logger.Level.DEBUG, "closing an idle connection failed", e);
      }
    }
  }

  @Override
  public void close() {
    check.cancel(false);
  }
}
