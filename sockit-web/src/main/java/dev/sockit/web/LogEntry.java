package dev.sockit.web;

/**
 * One line of a session's log.
 *
 * @param seq position in the session's log, from 1, increasing
 * @param timeMillis when, in epoch milliseconds
 * @param dir {@code rx}, {@code tx} or {@code ev} (a connection event)
 * @param peer the peer address, or "" when none
 * @param length the number of bytes on the wire
 * @param data the bytes (at most {@link LogRing#MAX_KEPT} kept; copied), empty for events
 * @param note the event's text, or "" for data
 */
record LogEntry(
    long seq, long timeMillis, String dir, String peer, int length, byte[] data, String note) {
  LogEntry {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The bytes without copying, for encoding into a batch. */
  byte[] bytesForBatch() {
    return data;
  }
}
