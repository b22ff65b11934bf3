package dev.sockit.core.ipmsg;

import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Someone on the LAN, as last heard: one entry per person even when their machine answers from
 * several network cards (the same user, host, client and nickname from several addresses).
 *
 * @param id a stable key: {@code user@host/first-address}
 * @param nick the nickname
 * @param group the group (may be empty)
 * @param user the login name
 * @param host the host name
 * @param version the version field their client writes
 * @param kind which client that is
 * @param addresses where they were heard, most recent first (address and UDP port)
 * @param charset the charset their text was last read in, or {@code null} while only ASCII came
 * @param utf8 whether they announced UTF-8 ({@link IpmsgCommand#UTF8OPT} or {@link
 *     IpmsgCommand#CAPUTF8OPT}) or wrote it: messages to them are sent in UTF-8
 * @param absent whether they marked themselves absent
 * @param firstSeen when first heard
 * @param lastSeen when last heard
 */
public record LanPeer(
    String id,
    String nick,
    String group,
    String user,
    String host,
    String version,
    ClientKind kind,
    List<InetSocketAddress> addresses,
    Charset charset,
    boolean utf8,
    boolean absent,
    Instant firstSeen,
    Instant lastSeen) {
  /** Requires the fields and at least one address; copies the list. */
  public LanPeer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(nick, "nick");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
    addresses = List.copyOf(addresses);
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("a peer has at least one address");
    }
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
  }

  /** Where they were heard last: where messages go. */
  public InetSocketAddress address() {
    return addresses.get(0);
  }

  /** The charset for text sent to them, given the legacy code page. */
  public Charset sendCharset(Charset legacy) {
    if (utf8) {
      return java.nio.charset.StandardCharsets.UTF_8;
    }
    return charset != null ? charset : legacy;
  }

  /** The IP address, without the port, of {@link #address()}. */
  public String ip() {
    return address().getAddress().getHostAddress();
  }
}
