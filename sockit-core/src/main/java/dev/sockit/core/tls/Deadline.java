package dev.sockit.core.tls;

import java.io.IOException;
import java.nio.channels.Channel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds a blocking step (a handshake, a goodbye): when the time is up, the channel is closed,
 * which wakes whatever blocks on it. A blocking {@code SocketChannel} has no read timeout of its
 * own, and a Unix socket channel has no socket adaptor that would give it one.
 */
final class Deadline implements AutoCloseable {
  private static final int RUNNING = 0;
  private static final int DONE = 1;
  private static final int EXPIRED = 2;

  private final AtomicInteger state = new AtomicInteger(RUNNING);
  private final Thread timer;
  private final Duration limit;

  private Deadline(Duration limit, Channel channel) {
    this.limit = limit;
    this.timer =
        Thread.ofVirtual()
            .name("sockit-tls-deadline")
            .start(
                () -> {
                  try {
                    Thread.sleep(limit);
                  } catch (InterruptedException e) {
                    return; // finished in time
                  }
                  if (state.compareAndSet(RUNNING, EXPIRED)) {
                    try {
                      channel.close();
                    } catch (IOException e) {
                      System.getLogger(Deadline.class.getName())
                          .log(System.Logger.Level.DEBUG, "closing a late channel failed", e);
                    }
                  }
                });
  }

  /** Starts the clock; when it runs out, {@code channel} is closed. */
  static Deadline start(Duration limit, Channel channel) {
    return new Deadline(limit, channel);
  }

  /** Whether the time ran out (and the channel was closed). */
  boolean expired() {
    return state.get() == EXPIRED;
  }

  /** The time allowed. */
  Duration limit() {
    return limit;
  }

  /** Stops the clock; afterwards {@link #expired()} says whether it ran out first. */
  @Override
  public void close() {
    if (state.compareAndSet(RUNNING, DONE)) {
      timer.interrupt();
    }
  }
}
