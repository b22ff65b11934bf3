package dev.sockit.core.ipmsg;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Files and folders a peer offered in a message, kept so that they can be downloaded.
 *
 * @param id a small number naming the offer in this engine (1, 2, 3...)
 * @param from who offered
 * @param packetNo the offering message's packet number (the download request names it)
 * @param text the message's text
 * @param files what is offered, in order
 * @param time when the offer arrived
 */
public record Offer(
    int id, LanPeer from, long packetNo, String text, List<Attachment> files, Instant time) {
  /** Copies the list. */
  public Offer {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(text, "text");
    files = List.copyOf(files);
    Objects.requireNonNull(time, "time");
  }
}
