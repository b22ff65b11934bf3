package dev.sockit.core.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A listener for tests: keeps every event and lets a test wait, with a bound, for the one it
 * expects instead of sleeping.
 */
public final class RecordingListener implements TrafficListener {
  private final boolean payload;
  private final List<TrafficEvent> events = new ArrayList<>();

  private RecordingListener(boolean payload) {
    this.payload = payload;
  }

  /** A listener that only counts bytes (no payload copies). */
  public static RecordingListener counting() {
    return new RecordingListener(false);
  }

  /** A listener that asks for payload copies. */
  public static RecordingListener withPayloads() {
    return new RecordingListener(true);
  }

  @Override
  public synchronized void onEvent(TrafficEvent event) {
    events.add(event);
    notifyAll();
  }

  @Override
  public boolean wantsPayload() {
    return payload;
  }

  /** A snapshot of the events so far, in arrival order. */
  public synchronized List<TrafficEvent> events() {
    return List.copyOf(events);
  }

  /** The events of one type so far. */
  public <T extends TrafficEvent> List<T> all(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (TrafficEvent e : events()) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }

  /**
   * Waits up to 5 s for an event of {@code type} matching {@code test}.
   *
   * @throws AssertionError listing what arrived if none does
   */
  public <T extends TrafficEvent> T await(Class<T> type, Predicate<? super T> test)
      throws InterruptedException {
    return await(type, test, Duration.ofSeconds(5));
  }

  /** Waits up to 5 s for any event of {@code type}. */
  public <T extends TrafficEvent> T await(Class<T> type) throws InterruptedException {
    return await(type, e -> true);
  }

  /** As {@link #await(Class, Predicate)} with an explicit bound. */
  public synchronized <T extends TrafficEvent> T await(
      Class<T> type, Predicate<? super T> test, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (TrafficEvent e : events) {
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
}
