package dev.sockit.core.event;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live subscription point of an endpoint: listeners can join and leave while the endpoint runs,
 * which is how a view (the CLI's trace, the browser assistant) watches a live socket.
 *
 * <p>Publishing is cheap when nobody listens: endpoints check {@link #isActive()} before building
 * an event, so an unobserved socket does no per-read work.
 */
public final class TrafficBus {
  private final CopyOnWriteArrayList<TrafficListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean active;
  private volatile boolean payloads;

  private final java.util.concurrent.atomic.AtomicLong connectionIds =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * A new connection id, unique on this bus, so that the connections of every endpoint publishing
   * here (a server's clients, several outgoing clients) can be told apart in the events.
   *
   * @return 1, 2, 3, ...
   */
  public long nextConnectionId() {
    return connectionIds.incrementAndGet();
  }

  /** A bus with no listeners. */
  public TrafficBus() {}

  /**
   * Adds a listener until the returned subscription is closed.
   *
   * @param listener the listener
   * @return a handle whose {@code close()} removes the listener (idempotent)
   * @throws NullPointerException if {@code listener} is null
   */
  public Subscription subscribe(TrafficListener listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    refresh();
    // Closing twice must not remove a second subscription of the same listener.
    java.util.concurrent.atomic.AtomicBoolean open =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    return () -> {
      if (open.getAndSet(false)) {
        listeners.remove(listener);
        refresh();
      }
    };
  }

  /** Whether any listener is subscribed. */
  public boolean isActive() {
    return active;
  }

  /** Whether any subscribed listener wants payload copies. */
  public boolean wantsPayload() {
    return payloads;
  }

  /**
   * Delivers an event to every listener. A listener that throws does not stop the others and does
   * not break the socket; its exception is reported through {@link System.Logger}.
   *
   * @param event the event
   */
  public void publish(TrafficEvent event) {
    for (TrafficListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        System.getLogger(TrafficBus.class.getName())
            .log(System.Logger.Level.WARNING, "traffic listener failed", e);
      }
    }
  }

  // Synchronized so that the last refresh sees every change: otherwise a subscribe racing an
  // unsubscribe could leave `payloads` or `active` computed from a stale list.
  private synchronized void refresh() {
    active = !listeners.isEmpty();
    payloads = listeners.stream().anyMatch(TrafficListener::wantsPayload);
  }

  /** A subscription; closing it removes the listener. */
  @FunctionalInterface
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
