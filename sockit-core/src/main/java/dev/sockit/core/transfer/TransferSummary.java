package dev.sockit.core.transfer;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one transfer did.
 *
 * @param peer the other side, as text
 * @param files the regular files, in manifest order, with their SHA-256 (lowercase hex)
 * @param folders how many folders the manifest held
 * @param bytes the total size of the files
 * @param moved bytes of file content that crossed the network this time
 * @param resumed bytes the receiver already held from an interrupted transfer and were not sent
 *     again
 * @param elapsed from connection to the last acknowledgement
 * @param skipped source paths left out (symbolic links, special files), with the reason
 */
public record TransferSummary(
    String peer,
    List<FileResult> files,
    int folders,
    long bytes,
    long moved,
    long resumed,
    Duration elapsed,
    List<String> skipped) {

  /** Copies the lists. */
  public TransferSummary {
    Objects.requireNonNull(peer, "peer");
    files = List.copyOf(files);
    skipped = List.copyOf(skipped);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /**
   * One file of the transfer.
   *
   * @param name the relative name
   * @param size its length
   * @param sha256 its SHA-256 in lowercase hex
   * @param resumedFrom the offset the transfer continued from (0 if sent whole)
   */
  public record FileResult(String name, long size, String sha256, long resumedFrom) {}

  /** Bytes per second of file content moved over the network, 0 when nothing was timed. */
  public double rate() {
    double s = elapsed.toNanos() / 1e9;
    return s <= 0 ? 0 : moved / s;
  }
}
