package dev.sockit.core.ipmsg;

import java.io.IOException;

/** A LAN messenger operation that failed: no acknowledgement, a refused download, no such peer. */
public final class LanException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * A failure described by one line.
   *
   * @param message what failed and, where possible, what to do
   */
  public LanException(String message) {
    super(message);
  }

  /**
   * A failure with its cause.
   *
   * @param message what failed
   * @param cause why
   */
  public LanException(String message, Throwable cause) {
    super(message, cause);
  }
}
