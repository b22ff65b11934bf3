package dev.sockit.core.ipmsg;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link LanEngine} presents itself and where it announces.
 *
 * @param nick the nickname others see
 * @param group the group name others see (may be empty)
 * @param user the login name in every packet header
 * @param host the host name in every packet header
 * @param bind the local IPv4 address to bind (the wildcard {@code 0.0.0.0} receives broadcasts)
 * @param port the UDP and TCP port (2425 for every IPMsg client; another one only between sockits)
 * @param announceTo where entries and exits are sent: broadcast addresses of the chosen interfaces
 *     or subnets, or single hosts; nothing else is ever broadcast to
 * @param legacy the code page for peers that do not use UTF-8 (GB18030, which reads GBK; or CP932)
 * @param retries how many times an unacknowledged message is sent again
 * @param retryInterval how long to wait for an acknowledgement before sending again
 * @param autoAccept a folder every offered file and folder is downloaded into at once, or {@code
 *     null} to download only when asked
 * @param limits bounds on what strangers can make this engine hold
 */
public record LanOptions(
    String nick,
    String group,
    String user,
    String host,
    InetAddress bind,
    int port,
    List<InetAddress> announceTo,
    Charset legacy,
    int retries,
    Duration retryInterval,
    Path autoAccept,
    Limits limits) {
  /** The IPMsg port. */
  public static final int PORT = 2425;

  /** The longest nickname or group, in characters. */
  public static final int MAX_NICK = 64;

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException naming the option that is wrong
   */
  public LanOptions {
    Objects.requireNonNull(nick, "nick");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(legacy, "legacy");
    Objects.requireNonNull(retryInterval, "retryInterval");
    Objects.requireNonNull(limits, "limits");
    announceTo = List.copyOf(announceTo);
    if (nick.isBlank() || nick.length() > MAX_NICK || group.length() > MAX_NICK) {
      throw new IllegalArgumentException(
          "the nickname must be 1-" + MAX_NICK + " characters, the group at most " + MAX_NICK);
    }
    for (String s : new String[] {nick, group, user, host}) {
      if (s.indexOf('\0') >= 0 || s.indexOf('\u0007') >= 0) {
        throw new IllegalArgumentException("'" + s + "' contains a NUL or BEL character");
      }
    }
    for (String s : new String[] {user, host}) {
      if (s.isEmpty() || s.indexOf(':') >= 0 || s.length() > 64) {
        throw new IllegalArgumentException(
            "user and host names must be 1-64 characters without ':', got '" + s + "'");
      }
    }
    if (!(bind instanceof Inet4Address)) {
      throw new IllegalArgumentException("IPMsg is IPv4: bind an IPv4 address, not " + bind);
    }
    for (InetAddress a : announceTo) {
      if (!(a instanceof Inet4Address)) {
        throw new IllegalArgumentException("IPMsg is IPv4: cannot announce to " + a);
      }
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0-65535");
    }
    if (retries < 0 || retries > 20) {
      throw new IllegalArgumentException("retries must be 0-20, got " + retries);
    }
    if (retryInterval.isNegative() || retryInterval.isZero()) {
      throw new IllegalArgumentException("the retry interval must be positive");
    }
  }

  /**
   * Options with the defaults: port 2425 on every address, GB18030 for legacy peers, 3 retries a
   * second apart (as iptux: 4 sends), no auto-accept, default limits, and nowhere to announce.
   *
   * @param nick the nickname
   * @param user the login name
   * @param host the host name
   * @return the options
   */
  public static LanOptions of(String nick, String user, String host) {
    return new LanOptions(
        nick,
        "",
        user,
        host,
        wildcard(),
        PORT,
        List.of(),
        IpmsgText.GB18030,
        3,
        Duration.ofSeconds(1),
        null,
        Limits.DEFAULT);
  }

  private static InetAddress wildcard() {
    try {
      return InetAddress.getByAddress(new byte[4]);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy with another group. */
  public LanOptions withGroup(String value) {
    return new LanOptions(
        nick,
        value,
        user,
        host,
        bind,
        port,
        announceTo,
        legacy,
        retries,
        retryInterval,
        autoAccept,
        limits);
  }

  /** A copy bound to another address and port. */
  public LanOptions withBind(InetAddress address, int newPort) {
    return new LanOptions(
        nick,
        group,
        user,
        host,
        address,
        newPort,
        announceTo,
        legacy,
        retries,
        retryInterval,
        autoAccept,
        limits);
  }

  /** A copy announcing to {@code targets}. */
  public LanOptions withAnnounceTo(List<InetAddress> targets) {
    return new LanOptions(
        nick,
        group,
        user,
        host,
        bind,
        port,
        targets,
        legacy,
        retries,
        retryInterval,
        autoAccept,
        limits);
  }

  /** A copy with another legacy code page. */
  public LanOptions withLegacy(Charset charset) {
    return new LanOptions(
        nick,
        group,
        user,
        host,
        bind,
        port,
        announceTo,
        charset,
        retries,
        retryInterval,
        autoAccept,
        limits);
  }

  /** A copy with another retry policy. */
  public LanOptions withRetries(int count, Duration interval) {
    return new LanOptions(
        nick,
        group,
        user,
        host,
        bind,
        port,
        announceTo,
        legacy,
        count,
        interval,
        autoAccept,
        limits);
  }

  /** A copy that downloads every offer into {@code folder} ({@code null}: off). */
  public LanOptions withAutoAccept(Path folder) {
    return new LanOptions(
        nick,
        group,
        user,
        host,
        bind,
        port,
        announceTo,
        legacy,
        retries,
        retryInterval,
        folder,
        limits);
  }

  /** A copy with other limits. */
  public LanOptions withLimits(Limits value) {
    return new LanOptions(
        nick,
        group,
        user,
        host,
        bind,
        port,
        announceTo,
        legacy,
        retries,
        retryInterval,
        autoAccept,
        value);
  }

  /**
   * What a stranger can make the engine hold.
   *
   * @param maxPeers peers in the presence table; entries beyond are not listed (and counted)
   * @param maxOffers offers received and kept for download (the oldest are forgotten)
   * @param maxPending messages of ours awaiting acknowledgement
   * @param maxUploads file connections served at once; more are closed at once
   * @param maxFolderEntries files and folders one folder download may create
   * @param maxFolderBytes bytes one folder download may write
   * @param idleTimeout how long a file connection may move no byte before it is closed
   */
  public record Limits(
      int maxPeers,
      int maxOffers,
      int maxPending,
      int maxUploads,
      int maxFolderEntries,
      long maxFolderBytes,
      Duration idleTimeout) {
    /** 4096 peers, 256 offers, 256 pending, 8 uploads, 100,000 entries, 64 GiB, 60 s. */
    public static final Limits DEFAULT =
        new Limits(4096, 256, 256, 8, 100_000, 64L << 30, Duration.ofSeconds(60));

    /** Requires positive bounds. */
    public Limits {
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      if (maxPeers < 1
          || maxOffers < 1
          || maxPending < 1
          || maxUploads < 1
          || maxFolderEntries < 1
          || maxFolderBytes < 1
          || idleTimeout.isNegative()
          || idleTimeout.isZero()) {
        throw new IllegalArgumentException("every limit must be positive");
      }
    }
  }
}
