package dev.sockit.core.event;

/**
 * Receives {@link TrafficEvent}s from an endpoint, on the thread that caused them. Keep it quick: a
 * slow listener slows the socket. Views that need to do real work should hand events to their own
 * thread or queue.
 */
@FunctionalInterface
public interface TrafficListener {

  /**
   * Called for each event.
   *
   * @param event the event, never {@code null}
   */
  void onEvent(TrafficEvent event);

  /**
   * Whether {@link TrafficEvent.Received} and {@link TrafficEvent.Sent} should carry a copy of the
   * bytes. Copying costs; views that only count bytes leave this {@code false}.
   *
   * @return {@code true} to receive payload copies
   */
  default boolean wantsPayload() {
    return false;
  }

  /**
   * A listener that asks for payloads and forwards every event to {@code delegate}.
   *
   * @param delegate where events go
   * @return the listener
   * @throws NullPointerException if {@code delegate} is null
   */
  static TrafficListener withPayload(TrafficListener delegate) {
    java.util.Objects.requireNonNull(delegate, "delegate");
    return new TrafficListener() {
      @Override
      public void onEvent(TrafficEvent event) {
        delegate.onEvent(event);
      }

      @Override
      public boolean wantsPayload() {
        return true;
      }
    };
  }
}
