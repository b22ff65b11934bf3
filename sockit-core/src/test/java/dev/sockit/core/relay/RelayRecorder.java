package dev.sockit.core.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Keeps a relay's events and lets a test wait, with a bound, for the one it expects. */
public final class RelayRecorder implements RelayListener {
  private final List<RelayEvent> events = new ArrayList<>();

  @Override
  public synchronized void onEvent(RelayEvent event) {
    events.add(event);
    notifyAll();
  }

  /** A snapshot of the events so far. */
  public synchronized List<RelayEvent> events() {
    return List.copyOf(events);
  }

  /** The events of one type so far. */
  public <T extends RelayEvent> List<T> all(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (RelayEvent e : events()) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }

  /** Waits up to 10 s for an event of {@code type} matching {@code test}. */
  public synchronized <T extends RelayEvent> T await(Class<T> type, Predicate<? super T> test)
      throws InterruptedException {
    Duration timeout = Duration.ofSeconds(10);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (RelayEvent e : events) {
        if (type.isInstance(e) && test.test(type.cast(e))) {
          return type.cast(e);
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "no " + type.getSimpleName() + " event within " + timeout + "; got " + events);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /** Waits up to 10 s for any event of {@code type}. */
  public <T extends RelayEvent> T await(Class<T> type) throws InterruptedException {
    return await(type, e -> true);
  }
}
