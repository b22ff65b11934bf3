package dev.sockit.core.ipmsg;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One file or folder moving over TCP.
 *
 * @param id a number naming the transfer in this engine
 * @param direction {@code IN} for a download, {@code OUT} for an upload
 * @param peer the other side
 * @param nick the other side's nickname (or address when unknown)
 * @param name the offered name
 * @param folder whether it is a folder
 * @param size the offered size in bytes (for a folder what the sender said, often 0)
 * @param offset where a file download starts (bytes already here from an earlier attempt)
 */
public record LanTransfer(
    long id,
    LanEvent.Direction direction,
    InetSocketAddress peer,
    String nick,
    String name,
    boolean folder,
    long size,
    long offset) {
  /** Requires the fields. */
  public LanTransfer {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(nick, "nick");
    Objects.requireNonNull(name, "name");
  }
}
