package dev.sockit.core.transfer;

import java.io.IOException;

/** A transfer that was refused (unsafe name, existing file, wrong code) or failed its checksum. */
public final class TransferException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * A failure described by one line.
   *
   * @param message what failed and, where possible, what to do
   */
  public TransferException(String message) {
    super(message);
  }
}
