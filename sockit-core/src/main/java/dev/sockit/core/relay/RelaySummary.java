package dev.sockit.core.relay;

import java.time.Duration;
import java.util.Objects;

/**
 * What one relayed connection or datagram session carried, and how it ended.
 *
 * @param bytesFromClient bytes the client sent that reached the upstream side
 * @param bytesFromUpstream bytes the upstream side sent that reached the client
 * @param datagramsFromClient datagrams from the client relayed upstream (0 for a stream)
 * @param datagramsFromUpstream datagrams from upstream relayed to the client (0 for a stream)
 * @param duration from the start of the relaying to its end
 * @param ending how it ended
 * @param detail one line saying more (e.g. {@code "client closed first"}, the error's text), or
 *     empty
 */
public record RelaySummary(
    long bytesFromClient,
    long bytesFromUpstream,
    long datagramsFromClient,
    long datagramsFromUpstream,
    Duration duration,
    Ending ending,
    String detail) {

  /** Validates the summary. */
  public RelaySummary {
    if (bytesFromClient < 0
        || bytesFromUpstream < 0
        || datagramsFromClient < 0
        || datagramsFromUpstream < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(ending, "ending");
    Objects.requireNonNull(detail, "detail");
  }
}
