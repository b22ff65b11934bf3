package dev.sockit.core.ipmsg;

/**
 * Receives a {@link LanEngine}'s events, on the engine's threads: keep it quick, and hand real work
 * to a thread of your own.
 */
@FunctionalInterface
public interface LanListener {
  /**
   * Called for each event.
   *
   * @param event the event, never {@code null}
   */
  void onEvent(LanEvent event);
}
