package dev.sockit.core.ipmsg;

/** Bytes that are not an IPMsg packet; the message says which part is wrong. */
public final class MalformedPacketException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * A malformed packet.
   *
   * @param message what is wrong, in one line
   */
  public MalformedPacketException(String message) {
    super(message);
  }
}
