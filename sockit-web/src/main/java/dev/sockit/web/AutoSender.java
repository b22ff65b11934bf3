package dev.sockit.web;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Periodic auto-send: one virtual thread that sends the same frame every interval until stopped,
 * the session closes, or a send fails (the failure goes to the session's log).
 */
final class AutoSender {
  /** The shortest interval; users of debugging assistants ask for 1 ms. */
  static final long MIN_INTERVAL_MS = 1;

  private final Thread thread;
  private volatile boolean running = true;

  private AutoSender(Session session, long intervalMillis, String target, byte[] data) {
    this.thread =
        Thread.ofVirtual()
            .name("sockit-ui-autosend-" + session.id)
            .unstarted(() -> loop(session, intervalMillis, target, data));
  }

  static AutoSender start(Session session, long intervalMillis, String target, byte[] data) {
    if (intervalMillis < MIN_INTERVAL_MS) {
      throw new IllegalArgumentException(
          "auto-send interval must be at least " + MIN_INTERVAL_MS + " ms");
    }
    AutoSender a = new AutoSender(session, intervalMillis, target, data.clone());
    a.thread.start();
    return a;
  }

  private void loop(Session session, long intervalMillis, String target, byte[] data) {
    long period = intervalMillis * 1_000_000L;
    long next = System.nanoTime();
    while (running && !"closed".equals(session.state())) {
      try {
        session.send(target, data);
      } catch (IOException | RuntimeException e) {
        session.note("", "auto-send stopped: " + e.getMessage());
        running = false;
        return;
      }
      next += period;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      } else {
        next = System.nanoTime(); // fell behind: do not burst to catch up
      }
    }
  }

  boolean running() {
    return running && thread.isAlive();
  }

  void stop() {
    running = false;
    LockSupport.unpark(thread);
  }
}
