package dev.sockit.core.transfer;

/**
 * Told how far a transfer has come; called from the transferring thread, so it must be cheap (e.g.
 * store into an {@code AtomicLong} that a painter thread reads).
 */
@FunctionalInterface
public interface TransferProgress {
  /** Ignores progress. */
  TransferProgress NONE = (done, total) -> {};

  /**
   * Bytes of file content accounted for so far (including bytes skipped because the receiver
   * already held them) out of the total of the manifest.
   *
   * @param done bytes done, never decreasing
   * @param total the manifest's total bytes
   */
  void update(long done, long total);
}
