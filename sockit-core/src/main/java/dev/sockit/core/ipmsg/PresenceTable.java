package dev.sockit.core.ipmsg;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who is on the LAN. Peers are found by IP address first (as every IPMsg client does); a packet
 * from a new address whose user, host, client version and nickname match a known peer adds that
 * address to the peer, so that a machine with two network cards is one peer. An address that starts
 * speaking for another user and host (a DHCP lease reused) leaves its old peer.
 *
 * <p>Bounded: at most {@code maxPeers} peers and {@link #MAX_ADDRESSES} addresses each; entries
 * beyond are refused and counted. Thread-safe (every method is synchronized; the work is small).
 */
final class PresenceTable {
  static final int MAX_ADDRESSES = 8;

  /** What changed for a peer. */
  enum Change {
    JOINED,
    CHANGED,
    UNCHANGED,
    REFUSED,
    LEFT
  }

  /** The outcome of an update: the peer as it is now (null when refused) and what changed. */
  record Update(LanPeer peer, Change change) {}

  /**
   * What one packet told about its sender.
   *
   * @param from the sender's address and port
   * @param user the header's user
   * @param host the header's host
   * @param version the header's version
   * @param nick the nickname, or {@code null} when the packet carries none (a message)
   * @param group the group, or {@code null}
   * @param absent the absence flag, or {@code null} when the packet does not say
   * @param utf8 whether the packet announced UTF-8
   * @param charset the charset its non-ASCII text was read with, or {@code null}
   * @param time when it arrived
   */
  record Heard(
      InetSocketAddress from,
      String user,
      String host,
      String version,
      String nick,
      String group,
      Boolean absent,
      boolean utf8,
      Charset charset,
      Instant time) {}

  private static final class State {
    final String id;
    String nick;
    String group;
    final String user;
    final String host;
    String version;
    final List<InetSocketAddress> addresses = new ArrayList<>();
    Charset charset;
    Charset forced;
    boolean utf8;
    boolean learnedUtf8;
    boolean absent;
    final Instant firstSeen;
    Instant lastSeen;

    State(String id, String user, String host, Instant now) {
      this.id = id;
      this.user = user;
      this.host = host;
      this.firstSeen = now;
      this.lastSeen = now;
    }

    LanPeer snapshot() {
      Charset c = forced != null ? forced : charset;
      boolean u =
          forced != null
              ? forced.equals(java.nio.charset.StandardCharsets.UTF_8)
              : utf8 || learnedUtf8;
      return new LanPeer(
          id,
          nick,
          group,
          user,
          host,
          version,
          ClientKind.of(version),
          addresses,
          c,
          u,
          absent,
          firstSeen,
          lastSeen);
    }
  }

  private final int maxPeers;
  private final Map<String, State> byId = new LinkedHashMap<>();
  private final Map<InetAddress, State> byAddress = new HashMap<>();
  private long refused;

  PresenceTable(int maxPeers) {
    this.maxPeers = maxPeers;
  }

  /** Records what a packet told; creates, merges or updates a peer. */
  synchronized Update heard(Heard h) {
    Objects.requireNonNull(h, "heard");
    InetAddress ip = h.from().getAddress();
    State s = byAddress.get(ip);
    if (s != null && !(s.user.equals(h.user()) && s.host.equals(h.host()))) {
      detach(s, ip); // the address now speaks for someone else
      s = null;
    }
    boolean joined = false;
    if (s == null) {
      s = twin(h);
      if (s == null) {
        if (byId.size() >= maxPeers) {
          refused++;
          return new Update(null, Change.REFUSED);
        }
        String id = h.user() + "@" + h.host() + "/" + ip.getHostAddress();
        s = new State(id, h.user(), h.host(), h.time());
        s.nick = h.nick() != null && !h.nick().isBlank() ? h.nick() : h.user();
        s.group = h.group() != null ? h.group() : "";
        s.version = h.version();
        byId.put(id, s);
        joined = true;
      }
    }
    LanPeer before = joined ? null : s.snapshot();
    apply(s, h);
    LanPeer after = s.snapshot();
    if (joined) {
      return new Update(after, Change.JOINED);
    }
    boolean changed =
        !before.nick().equals(after.nick())
            || !before.group().equals(after.group())
            || before.absent() != after.absent()
            || !before.addresses().equals(after.addresses())
            || before.utf8() != after.utf8()
            || !Objects.equals(before.charset(), after.charset());
    return new Update(after, changed ? Change.CHANGED : Change.UNCHANGED);
  }

  /** A known peer with this user, host, version and nickname on another address. */
  private State twin(Heard h) {
    if (h.nick() == null) {
      return null;
    }
    for (State s : byId.values()) {
      if (s.user.equals(h.user())
          && s.host.equals(h.host())
          && s.version.equals(h.version())
          && s.nick.equals(h.nick())
          && s.addresses.size() < MAX_ADDRESSES) {
        return s;
      }
    }
    return null;
  }

  private void apply(State s, Heard h) {
    InetAddress ip = h.from().getAddress();
    s.addresses.removeIf(a -> a.getAddress().equals(ip));
    s.addresses.add(0, h.from());
    byAddress.put(ip, s);
    if (h.nick() != null && !h.nick().isBlank()) {
      s.nick = h.nick();
    }
    if (h.group() != null) {
      s.group = h.group();
    }
    if (h.absent() != null) {
      s.absent = h.absent();
    }
    s.version = h.version();
    if (h.utf8()) {
      s.utf8 = true; // announced
    }
    if (h.charset() != null) {
      boolean utf8 = h.charset().equals(java.nio.charset.StandardCharsets.UTF_8);
      if (!utf8) {
        s.charset = h.charset(); // conclusive: the bytes were not UTF-8
        s.learnedUtf8 = false;
      } else if (s.charset == null || s.learnedUtf8) {
        s.charset = h.charset(); // UTF-8 by its bytes, and no code page was seen before
        s.learnedUtf8 = true;
      }
    }
    s.lastSeen = h.time();
  }

  /**
   * The peer at {@code ip} left (an exit packet): the address is removed, and the peer with it when
   * it was their last.
   *
   * @return the peer as it is now, whether it is gone entirely, or {@code null} when unknown
   */
  synchronized Update left(InetAddress ip) {
    State s = byAddress.get(ip);
    if (s == null) {
      return new Update(null, Change.UNCHANGED);
    }
    LanPeer before = s.snapshot();
    boolean gone = detach(s, ip);
    return gone ? new Update(before, Change.LEFT) : new Update(s.snapshot(), Change.CHANGED);
  }

  /** Removes {@code ip} from {@code s}; removes {@code s} when no address is left. */
  private boolean detach(State s, InetAddress ip) {
    byAddress.remove(ip);
    s.addresses.removeIf(a -> a.getAddress().equals(ip));
    if (s.addresses.isEmpty()) {
      byId.remove(s.id);
      return true;
    }
    return false;
  }

  /** The peer heard at {@code ip}, or {@code null}. */
  synchronized LanPeer at(InetAddress ip) {
    State s = byAddress.get(ip);
    return s == null ? null : s.snapshot();
  }

  /** The peer with this id, or {@code null}. */
  synchronized LanPeer byId(String id) {
    State s = byId.get(id);
    return s == null ? null : s.snapshot();
  }

  /** Every peer, in the order they joined. */
  synchronized List<LanPeer> all() {
    List<LanPeer> out = new ArrayList<>(byId.size());
    for (State s : byId.values()) {
      out.add(s.snapshot());
    }
    return out;
  }

  /** How many peers are listed. */
  synchronized int size() {
    return byId.size();
  }

  /** How many new peers were turned away because the table was full. */
  synchronized long refused() {
    return refused;
  }

  /**
   * Sets the charset for a peer, overriding what is learned from their text.
   *
   * @return the peer as it is now, or {@code null} when unknown
   */
  synchronized LanPeer force(String id, Charset charset) {
    State s = byId.get(id);
    if (s == null) {
      return null;
    }
    s.forced = charset;
    return s.snapshot();
  }
}
