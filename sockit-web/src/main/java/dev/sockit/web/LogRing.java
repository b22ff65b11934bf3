package dev.sockit.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A session's log on the server: the newest {@code capacity} entries, so a flood cannot use
 * unbounded memory. Each entry keeps at most {@link #MAX_KEPT} bytes of its payload. Thread-safe.
 */
final class LogRing {
  /** Payload bytes kept per entry; the length field still says how many arrived. */
  static final int MAX_KEPT = 2048;

  private final LogEntry[] ring;
  private long next = 1;
  private long cleared = 1;

  LogRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    ring = new LogEntry[capacity];
  }

  /** Appends data or an event; returns its sequence number. */
  synchronized long add(
      long timeMillis, String dir, String peer, int length, byte[] data, String note) {
    byte[] kept = data.length > MAX_KEPT ? Arrays.copyOf(data, MAX_KEPT) : data;
    long seq = next++;
    ring[(int) (seq % ring.length)] = new LogEntry(seq, timeMillis, dir, peer, length, kept, note);
    return seq;
  }

  /** The sequence number the next entry will get. */
  synchronized long nextSeq() {
    return next;
  }

  /** Entries after {@code seq}, oldest first, at most {@code limit} (the newest ones when more). */
  synchronized List<LogEntry> after(long seq, int limit) {
    long first = Math.max(Math.max(seq + 1, cleared), Math.max(next - ring.length, next - limit));
    List<LogEntry> out = new ArrayList<>((int) Math.max(0, next - first));
    for (long s = first; s < next; s++) {
      out.add(ring[(int) (s % ring.length)]);
    }
    return out;
  }

  /** Forgets every entry (sequence numbers keep increasing). */
  synchronized void clear() {
    Arrays.fill(ring, null);
    cleared = next;
  }

  /** The number of entries held now. */
  synchronized int size() {
    return (int) Math.min(ring.length, next - cleared);
  }
}
