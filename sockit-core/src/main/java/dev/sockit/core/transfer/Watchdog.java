package dev.sockit.core.transfer;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.Channel;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Closes a channel when a transfer stops moving: a peer that vanished without a FIN or RST (a cable
 * pulled, a laptop closed) would otherwise leave a blocking read waiting forever. Checks a progress
 * counter a few times per timeout on its own virtual thread.
 */
final class Watchdog implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Watchdog.class.getName());

  private final Thread thread;
  private volatile boolean fired;

  private Watchdog(Channel channel, Duration timeout, LongSupplier progress) {
    long step = Math.max(10, timeout.toMillis() / 4);
    this.thread =
        Thread.ofVirtual()
            .name("sockit-transfer-watchdog")
            .start(
                () -> {
                  long last = progress.getAsLong();
                  long since = System.nanoTime();
                  try {
                    while (true) {
                      Thread.sleep(step);
                      long now = progress.getAsLong();
                      if (now != last) {
                        last = now;
                        since = System.nanoTime();
                      } else if (System.nanoTime() - since >= timeout.toNanos()) {
                        fired = true;
                        channel.close();
                        return;
                      }
                    }
                  } catch (InterruptedException e) {
                    // the transfer ended
                  } catch (IOException e) {
                    LOG.log(Level.DEBUG, "closing a stalled transfer failed", e);
                  }
                });
  }

  /** Watches {@code channel}; {@code null} timeout means no watchdog. */
  static Watchdog watch(Channel channel, Duration timeout, LongSupplier progress) {
    return timeout == null ? null : new Watchdog(channel, timeout, progress);
  }

  /** A stretch of time that counts as progress; closing it ends the stretch early. */
  interface Grace extends AutoCloseable {
    @Override
    void close();
  }

  /** The slowest disk a peer's hashing is given time for, in bytes per second. */
  private static final long HASHING_BYTES_PER_SECOND = 20_000_000;

  /**
   * Counts time as progress (every 250 ms into {@code progress}) for as long as the peer could take
   * to hash {@code bytes} at {@value #HASHING_BYTES_PER_SECOND} bytes a second, or until closed:
   * while the peer hashes before it can answer.
   */
  static Grace whileHashing(java.util.concurrent.atomic.AtomicLong progress, long bytes) {
    long untilNanos =
        System.nanoTime()
            + bytes * (1_000_000_000L / HASHING_BYTES_PER_SECOND); // no overflow below 180 PB
    Thread ticker =
        Thread.ofVirtual()
            .name("sockit-transfer-grace")
            .start(
                () -> {
                  try {
                    while (System.nanoTime() < untilNanos) {
                      Thread.sleep(250);
                      progress.incrementAndGet();
                    }
                  } catch (InterruptedException e) {
                    // closed: the answer came
                  }
                });
    return ticker::interrupt;
  }

  boolean fired() {
    return fired;
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
