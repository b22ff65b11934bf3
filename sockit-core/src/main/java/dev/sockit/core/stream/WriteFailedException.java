package dev.sockit.core.stream;

import java.io.IOException;
import java.util.Objects;

/**
 * A copy between two connections ({@link Pump#between}) failed while writing to its destination
 * (the destination reset or closed), not while reading its source: a relay tells its user which
 * side went away. The cause is the original failure; the message is the cause's.
 */
public final class WriteFailedException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Wraps a failed write.
   *
   * @param cause the failure, never {@code null}
   */
  public WriteFailedException(IOException cause) {
    super(Objects.requireNonNull(cause, "cause").getMessage(), cause);
  }
}
