package dev.sockit.core.relay;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Reports dropped datagrams as {@link RelayEvent.Refused} without letting a flood flood the
 * listener: the first drop at once, then at most one report a second, saying how many more were
 * dropped meanwhile. Thread-safe.
 */
final class DropReport {
  private static final long INTERVAL = TimeUnit.SECONDS.toNanos(1);

  private final RelayListener listener;
  private final String target;
  private long total;
  private long unreported;
  private long lastReport = System.nanoTime() - INTERVAL;
  private InetSocketAddress lastClient;
  private String lastReason;

  DropReport(RelayListener listener, String target) {
    this.listener = listener;
    this.target = target;
  }

  /** Counts a dropped datagram; reports it if the last report is a second old. */
  void dropped(InetSocketAddress client, String reason) {
    RelayEvent event = null;
    synchronized (this) {
      total++;
      unreported++;
      lastClient = client;
      lastReason = reason;
      long now = System.nanoTime();
      if (now - lastReport >= INTERVAL) {
        event = take(now);
      }
    }
    if (event != null) {
      listener.onEvent(event);
    }
  }

  /** Reports drops not yet reported, if their second is over. */
  void flush() {
    RelayEvent event = null;
    synchronized (this) {
      long now = System.nanoTime();
      if (unreported > 0 && now - lastReport >= INTERVAL) {
        event = take(now);
      }
    }
    if (event != null) {
      listener.onEvent(event);
    }
  }

  synchronized long total() {
    return total;
  }

  private RelayEvent take(long now) {
    String reason = "datagram dropped: " + lastReason;
    if (unreported > 1) {
      reason += " (" + unreported + " datagrams dropped in the last second)";
    }
    unreported = 0;
    lastReport = now;
    return new RelayEvent.Refused(Instant.now(), 0, lastClient, target, reason);
  }
}
