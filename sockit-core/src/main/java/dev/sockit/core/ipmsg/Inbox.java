package dev.sockit.core.ipmsg;

import dev.sockit.core.net.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine does with each datagram: parse it, publish it, and act by its mode: entries
 * update the presence table (a {@code BR_ENTRY} is answered with {@code ANSENTRY}), messages are
 * acknowledged and shown once however often they are repeated, acknowledgements complete our
 * messages, read receipts and info requests are answered.
 *
 * <p>Runs on the engine's receiving thread only, so its bounded maps need no locks.
 */
final class Inbox {
  /** Messages remembered to show each once (by address and packet number). */
  private static final int RECENT = 4096;

  /** A {@code BR_ENTRY} from one address is answered at most this often. */
  private static final long ANSWER_GAP_NANOS = 500_000_000L;

  private final LanEngine engine;
  private final Map<String, Boolean> recent = bounded(RECENT);
  private final Map<InetAddress, Long> answered = bounded(8192);

  Inbox(LanEngine engine) {
    this.engine = engine;
  }

  private static <K, V> Map<K, V> bounded(int max) {
    return new LinkedHashMap<>(64, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    };
  }

  /** Handles one datagram. */
  void handle(InetSocketAddress from, byte[] data) {
    Instant now = Instant.now();
    IpmsgPacket p;
    try {
      p = IpmsgPacket.parse(data);
    } catch (MalformedPacketException e) {
      engine.publish(
          new LanEvent.Packet(
              now, LanEvent.Direction.IN, Transport.UDP, from, data, null, null, e.getMessage()));
      return;
    }
    LanPeer known = engine.table().at(from.getAddress());
    Charset legacy = engine.options().legacy();
    IpmsgBody body = IpmsgBody.of(p, known != null ? known.charset() : null, legacy);
    engine.publish(
        new LanEvent.Packet(now, LanEvent.Direction.IN, Transport.UDP, from, data, p, body, null));
    if (engine.isSelf(from)) {
      return; // our own broadcast, looped back
    }
    try {
      act(from, p, body, now);
    } catch (IOException e) {
      engine.notice("cannot answer " + from + ": " + e.getMessage());
    }
  }

  private void act(InetSocketAddress from, IpmsgPacket p, IpmsgBody body, Instant now)
      throws IOException {
    switch (body) {
      case IpmsgBody.Entry e -> entry(from, p, e, now);
      case IpmsgBody.Message m -> message(from, p, m, now);
      case IpmsgBody.Reference r -> reference(from, p, r, now);
      case IpmsgBody.Text t -> text(from, p, now);
      case IpmsgBody.FileRequest f -> {} // only meaningful over TCP
      case IpmsgBody.Opaque o -> heard(from, p, null, null, null, null, now);
    }
  }

  private void entry(InetSocketAddress from, IpmsgPacket p, IpmsgBody.Entry e, Instant now)
      throws IOException {
    if (p.mode() == IpmsgCommand.BR_EXIT) {
      left(from.getAddress(), now);
      return;
    }
    Boolean absent = p.has(IpmsgCommand.ABSENCEOPT);
    String nick = e.nick().isBlank() ? null : truncate(e.nick());
    LanPeer peer = heard(from, p, nick, truncate(e.group()), absent, e.charset(), now);
    if (p.mode() == IpmsgCommand.BR_ENTRY && peer != null && mayAnswer(from.getAddress())) {
      engine.sendEntry(IpmsgCommand.ANSENTRY, from, peer.sendCharset(engine.options().legacy()));
    }
  }

  private boolean mayAnswer(InetAddress ip) {
    long t = System.nanoTime();
    Long last = answered.get(ip);
    if (last != null && t - last < ANSWER_GAP_NANOS) {
      return false;
    }
    answered.put(ip, t);
    return true;
  }

  private void message(InetSocketAddress from, IpmsgPacket p, IpmsgBody.Message m, Instant now)
      throws IOException {
    LanPeer peer = heard(from, p, null, null, null, m.charset(), now);
    if (peer == null) {
      peer = stranger(from, p, now);
    }
    if (p.has(IpmsgCommand.SENDCHECKOPT) && !p.has(IpmsgCommand.BROADCASTOPT)) {
      engine.sendReference(
          IpmsgCommand.RECVMSG, from, p.packetNo(), peer.sendCharset(engine.options().legacy()));
    }
    if (recent.put(from.getAddress().getHostAddress() + "#" + p.packetNo(), Boolean.TRUE) != null) {
      return; // a repeat: acknowledged again, shown once
    }
    boolean sealed = p.has(IpmsgCommand.SECRETOPT);
    if (sealed) {
      engine.rememberSealed(from, p.packetNo(), p.has(IpmsgCommand.READCHECKOPT));
    }
    Offer offer = m.attachments().isEmpty() ? null : engine.addOffer(peer, p, m, now);
    engine.publish(new LanEvent.MessageReceived(now, peer, p.packetNo(), m.text(), sealed, offer));
    if (offer != null) {
      engine.autoAccept(offer);
    }
  }

  private void reference(InetSocketAddress from, IpmsgPacket p, IpmsgBody.Reference r, Instant now)
      throws IOException {
    LanPeer peer = heard(from, p, null, null, null, null, now);
    switch (p.mode()) {
      case IpmsgCommand.RECVMSG -> engine.outbox().acknowledged(from, r.packetNo());
      case IpmsgCommand.READMSG -> {
        if (peer != null) {
          engine.publish(new LanEvent.Read(now, peer, r.packetNo()));
        }
        if (p.has(IpmsgCommand.READCHECKOPT)) {
          engine.sendReference(
              IpmsgCommand.ANSREADMSG, from, r.packetNo(), StandardCharsets.US_ASCII);
        }
      }
      case IpmsgCommand.RELEASEFILES -> engine.released(from.getAddress(), r.packetNo());
      default -> {} // ANSREADMSG, DELMSG: nothing to do
    }
  }

  private void text(InetSocketAddress from, IpmsgPacket p, Instant now) throws IOException {
    heard(from, p, null, null, null, null, now);
    Charset cs = StandardCharsets.US_ASCII;
    switch (p.mode()) {
      case IpmsgCommand.GETINFO -> engine.sendText(IpmsgCommand.SENDINFO, from, engine.info(), cs);
      case IpmsgCommand.GETABSENCEINFO ->
          engine.sendText(IpmsgCommand.SENDABSENCEINFO, from, "Not absence mode", cs);
      default -> {}
    }
  }

  /**
   * Updates the table from any packet; returns the peer, or {@code null} when the table is full.
   */
  private LanPeer heard(
      InetSocketAddress from,
      IpmsgPacket p,
      String nick,
      String group,
      Boolean absent,
      Charset charset,
      Instant now) {
    boolean utf8 = p.has(IpmsgCommand.UTF8OPT) || p.has(IpmsgCommand.CAPUTF8OPT);
    Charset legacy = engine.options().legacy();
    LanPeer known = engine.table().at(from.getAddress());
    Charset hint = known != null ? known.charset() : null;
    String user = truncate(IpmsgText.decode(p.user(), utf8, hint, legacy).text());
    String host = truncate(IpmsgText.decode(p.host(), utf8, hint, legacy).text());
    PresenceTable.Update u =
        engine
            .table()
            .heard(
                new PresenceTable.Heard(
                    from, user, host, p.version(), nick, group, absent, utf8, charset, now));
    changed(u, now);
    return u.peer();
  }

  /** Publishes what a table update changed. */
  private void changed(PresenceTable.Update u, Instant now) {
    switch (u.change()) {
      case JOINED -> engine.publish(new LanEvent.PeerJoined(now, u.peer()));
      case CHANGED -> engine.publish(new LanEvent.PeerChanged(now, u.peer()));
      case LEFT -> engine.publish(new LanEvent.PeerLeft(now, u.peer()));
      case REFUSED -> {
        long n = engine.table().refused();
        if (Long.bitCount(n) == 1) { // 1, 2, 4, 8...: said, not flooded
          engine.notice(
              "the peer list is full ("
                  + engine.options().limits().maxPeers()
                  + "); "
                  + n
                  + " newcomers not listed");
        }
      }
      case UNCHANGED -> {}
    }
  }

  private void left(InetAddress ip, Instant now) {
    changed(engine.table().left(ip), now);
  }

  /** A peer for a message whose sender the full table could not list. */
  private LanPeer stranger(InetSocketAddress from, IpmsgPacket p, Instant now) {
    String user = IpmsgText.decode(p.user(), false, null, engine.options().legacy()).text();
    String host = IpmsgText.decode(p.host(), false, null, engine.options().legacy()).text();
    return new LanPeer(
        user + "@" + host + "/" + from.getAddress().getHostAddress(),
        user,
        "",
        user,
        host,
        p.version(),
        ClientKind.of(p.version()),
        List.of(from),
        null,
        false,
        false,
        now,
        now);
  }

  private static String truncate(String s) {
    return s.length() <= LanOptions.MAX_NICK ? s : s.substring(0, LanOptions.MAX_NICK);
  }
}
