package dev.sockit.core.ipmsg;

import dev.sockit.core.net.Transport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What happens in a {@link LanEngine}: every packet in and out (so a view can show the protocol as
 * it happens), peers coming and going, messages, acknowledgements, read receipts, offers and
 * transfers. Consume with an exhaustive {@code switch}.
 */
public sealed interface LanEvent {
  /** When it happened. */
  Instant time();

  /** Which way a packet or transfer went. */
  enum Direction {
    /** Received, or downloaded. */
    IN,
    /** Sent, or uploaded. */
    OUT
  }

  /**
   * A packet sent or received, over UDP or (file requests) TCP.
   *
   * @param time when
   * @param direction in or out
   * @param transport UDP or TCP
   * @param peer the other side
   * @param raw the bytes as they went on the wire (copied)
   * @param packet the parsed packet, or {@code null} when the bytes are not a packet
   * @param body the parsed body, or {@code null} with {@code packet}
   * @param problem why the bytes are not a packet, or {@code null}
   */
  record Packet(
      Instant time,
      Direction direction,
      Transport transport,
      InetSocketAddress peer,
      byte[] raw,
      IpmsgPacket packet,
      IpmsgBody body,
      String problem)
      implements LanEvent {
    /** Copies the bytes. */
    public Packet {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(transport, "transport");
      Objects.requireNonNull(peer, "peer");
      raw = raw.clone();
    }

    @Override
    public byte[] raw() {
      return raw.clone();
    }

    /** The number of bytes on the wire. */
    public int length() {
      return raw.length;
    }
  }

  /** Someone new is on the LAN. */
  record PeerJoined(Instant time, LanPeer peer) implements LanEvent {}

  /** A peer changed nickname, group, absence or addresses. */
  record PeerChanged(Instant time, LanPeer peer) implements LanEvent {}

  /** A peer left (their exit packet). */
  record PeerLeft(Instant time, LanPeer peer) implements LanEvent {}

  /**
   * A message arrived (shown once, however often the sender repeated it).
   *
   * @param time when
   * @param from who sent it
   * @param packetNo its packet number
   * @param text the text (from a stranger: print it through {@link IpmsgText#printable})
   * @param sealed whether it is sealed: {@link LanEngine#markRead} sends the read receipt
   * @param offer the files it offers, or {@code null}
   */
  record MessageReceived(
      Instant time, LanPeer from, long packetNo, String text, boolean sealed, Offer offer)
      implements LanEvent {}

  /** A message of ours was acknowledged, after {@code attempts} sends. */
  record Delivered(Instant time, InetSocketAddress to, long packetNo, int attempts)
      implements LanEvent {}

  /** A message of ours was never acknowledged. */
  record Undelivered(Instant time, InetSocketAddress to, long packetNo, String reason)
      implements LanEvent {}

  /** A sealed message of ours was opened by its reader. */
  record Read(Instant time, LanPeer by, long packetNo) implements LanEvent {}

  /**
   * A download or upload started.
   *
   * @param time when
   * @param transfer what
   */
  record TransferStarted(Instant time, LanTransfer transfer) implements LanEvent {}

  /**
   * A downloaded file is in place under its final name.
   *
   * @param time when
   * @param transfer the download it belongs to
   * @param path where it is
   * @param size its size in bytes
   * @param sha256 the SHA-256 of its content, in hex
   * @param resumedFrom how many bytes were already here from an earlier attempt
   */
  record FileSaved(
      Instant time, LanTransfer transfer, Path path, long size, String sha256, long resumedFrom)
      implements LanEvent {}

  /**
   * A download or upload finished.
   *
   * @param time when
   * @param transfer what
   * @param bytes bytes moved over the network
   * @param files files saved or sent
   * @param path where a download was saved, or {@code null} for an upload
   */
  record TransferFinished(Instant time, LanTransfer transfer, long bytes, int files, Path path)
      implements LanEvent {}

  /** A download or upload failed; {@code reason} is one line. */
  record TransferFailed(Instant time, LanTransfer transfer, String reason) implements LanEvent {}

  /** Something a user should know (the presence table is full, an upload was refused...). */
  record Notice(Instant time, String message) implements LanEvent {}
}
