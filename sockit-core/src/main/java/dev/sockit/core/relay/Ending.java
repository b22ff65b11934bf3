package dev.sockit.core.relay;

/** How a relayed connection or datagram session ended. */
public enum Ending {
  /**
   * Both sides finished normally: each sent its FIN, and each FIN was carried to the other side.
   */
  CLOSED("closed"),
  /** The client's side failed (a reset, or it went away while data was on its way to it). */
  CLIENT_FAILED("client failed"),
  /** The upstream side failed (a reset, or it went away while data was on its way to it). */
  UPSTREAM_FAILED("upstream failed"),
  /** Nothing moved either way for the idle timeout; both sides were closed. */
  IDLE("idle timeout"),
  /** The relay itself was stopped while the connection or session was open. */
  STOPPED("relay stopped");

  private final String text;

  Ending(String text) {
    this.text = text;
  }

  /** A few words for a summary line, e.g. {@code "client failed"}. */
  public String text() {
    return text;
  }
}
