package dev.sockit.core.relay;

/**
 * Receives a relay's {@link RelayEvent}s, on the relay's threads: keep it quick (a slow listener
 * slows the session that called it, never the others).
 */
@FunctionalInterface
public interface RelayListener {
  /** Ignores every event. */
  RelayListener NONE = event -> {};

  /**
   * Called for each event.
   *
   * @param event the event, never {@code null}
   */
  void onEvent(RelayEvent event);
}
