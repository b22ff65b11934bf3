package dev.sockit.core.relay;

import dev.sockit.core.access.AccessList;
import dev.sockit.core.net.Family;
import dev.sockit.core.net.Transport;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link Relay} does.
 *
 * @param source where it listens
 * @param target where it connects (TCP, Unix) or sends (UDP) for each client
 * @param maxSessions connections (TCP, Unix) or datagram sessions (UDP) at once; a TCP client past
 *     the limit is accepted and closed at once, a datagram from a new UDP client past the limit is
 *     dropped (existing sessions go on; a session frees its place when idle for {@code
 *     sessionIdle})
 * @param access which clients may use the relay (by address; Unix clients have none and always may)
 * @param backlog the listen backlog of a stream source
 * @param connectTimeout how long to wait for the target's answer per address tried
 * @param family which of the target's addresses to use
 * @param bytesPerSecond the most each direction of each connection may carry per second; 0 for no
 *     limit (UDP relays ignore it)
 * @param idleTimeout end a stream connection after this long with no byte either way; {@link
 *     Duration#ZERO} never
 * @param sessionIdle end a UDP session after this long with no datagram either way (its place and
 *     socket are freed); must be positive
 */
public record RelayOptions(
    RelayEndpoint source,
    RelayEndpoint target,
    int maxSessions,
    AccessList access,
    int backlog,
    Duration connectTimeout,
    Family family,
    long bytesPerSecond,
    Duration idleTimeout,
    Duration sessionIdle) {

  /** The default for {@link #maxSessions}. */
  public static final int DEFAULT_MAX_SESSIONS = 1000;

  /** The default for {@link #sessionIdle}: a minute, as firewalls keep UDP mappings. */
  public static final Duration DEFAULT_SESSION_IDLE = Duration.ofSeconds(60);

  /** Validates the options; a UDP source needs a UDP target and a stream source a stream target. */
  public RelayOptions {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(sessionIdle, "sessionIdle");
    boolean udpIn = source.transport() == Transport.UDP;
    boolean udpOut = target.transport() == Transport.UDP;
    if (udpIn != udpOut) {
      throw new IllegalArgumentException(
          "cannot relay "
              + source
              + " to "
              + target
              + ": datagrams and byte streams do not map onto each other; use udp: on both sides"
              + " or tcp:/unix: on both sides");
    }
    if (maxSessions < 1) {
      throw new IllegalArgumentException("max sessions must be at least 1, got " + maxSessions);
    }
    if (backlog < 1) {
      throw new IllegalArgumentException("backlog must be at least 1, got " + backlog);
    }
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException("rate must not be negative, got " + bytesPerSecond);
    }
    if (connectTimeout.isNegative() || idleTimeout.isNegative()) {
      throw new IllegalArgumentException("timeouts must not be negative");
    }
    if (sessionIdle.isNegative() || sessionIdle.isZero()) {
      throw new IllegalArgumentException(
          "the UDP session idle timeout must be positive: sessions without one would fill the"
              + " table for good");
    }
  }

  /**
   * Options with the defaults: 1,000 sessions, everyone allowed, backlog 128, 10 s connect timeout,
   * any family, no rate limit, no idle timeout for streams, 60 s for UDP sessions.
   *
   * @param source where to listen
   * @param target where to connect
   * @return the options
   * @throws IllegalArgumentException if the two transports cannot be joined
   */
  public static RelayOptions of(RelayEndpoint source, RelayEndpoint target) {
    return new RelayOptions(
        source,
        target,
        DEFAULT_MAX_SESSIONS,
        AccessList.ALLOW_ALL,
        128,
        Duration.ofSeconds(10),
        Family.ANY,
        0,
        Duration.ZERO,
        DEFAULT_SESSION_IDLE);
  }

  /** A copy with another session limit. */
  public RelayOptions withMaxSessions(int value) {
    return new RelayOptions(
        source,
        target,
        value,
        access,
        backlog,
        connectTimeout,
        family,
        bytesPerSecond,
        idleTimeout,
        sessionIdle);
  }

  /** A copy with another access list. */
  public RelayOptions withAccess(AccessList value) {
    return new RelayOptions(
        source,
        target,
        maxSessions,
        value,
        backlog,
        connectTimeout,
        family,
        bytesPerSecond,
        idleTimeout,
        sessionIdle);
  }

  /** A copy with another connect timeout and target family. */
  public RelayOptions withConnect(Duration timeout, Family value) {
    return new RelayOptions(
        source,
        target,
        maxSessions,
        access,
        backlog,
        timeout,
        value,
        bytesPerSecond,
        idleTimeout,
        sessionIdle);
  }

  /** A copy with another rate limit (bytes per second per direction; 0 none). */
  public RelayOptions withRate(long value) {
    return new RelayOptions(
        source,
        target,
        maxSessions,
        access,
        backlog,
        connectTimeout,
        family,
        value,
        idleTimeout,
        sessionIdle);
  }

  /** A copy with other idle timeouts: for stream connections and for UDP sessions. */
  public RelayOptions withIdle(Duration stream, Duration session) {
    return new RelayOptions(
        source,
        target,
        maxSessions,
        access,
        backlog,
        connectTimeout,
        family,
        bytesPerSecond,
        stream,
        session);
  }

  /** A copy with another listen backlog. */
  public RelayOptions withBacklog(int value) {
    return new RelayOptions(
        source,
        target,
        maxSessions,
        access,
        value,
        connectTimeout,
        family,
        bytesPerSecond,
        idleTimeout,
        sessionIdle);
  }
}
