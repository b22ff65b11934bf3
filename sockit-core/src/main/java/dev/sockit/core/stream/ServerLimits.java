package dev.sockit.core.stream;

import dev.sockit.core.access.AccessList;
import java.time.Duration;
import java.util.Objects;

/**
 * How a stream server treats clients.
 *
 * @param backlog the listen backlog (pending connections the kernel queues), at least 1
 * @param maxConnections live connections allowed at once; extra clients are accepted and closed at
 *     once with a {@code Rejected} event
 * @param acceptLimit stop listening after this many accepted connections; 0 for no limit (ncat
 *     without {@code -k} is 1)
 * @param idleTimeout close a connection with no traffic for this long; {@link Duration#ZERO} never
 * @param access which peers may connect (TCP only)
 */
public record ServerLimits(
    int backlog, int maxConnections, long acceptLimit, Duration idleTimeout, AccessList access) {

  /** Defaults: backlog 128, 100 connections, no accept limit, no idle timeout, everyone. */
  public static final ServerLimits DEFAULT =
      new ServerLimits(128, 100, 0, Duration.ZERO, AccessList.ALLOW_ALL);

  /** Validates the limits. */
  public ServerLimits {
    if (backlog < 1) {
      throw new IllegalArgumentException("backlog must be at least 1, got " + backlog);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException(
          "max connections must be at least 1, got " + maxConnections);
    }
    if (acceptLimit < 0) {
      throw new IllegalArgumentException("accept limit must not be negative, got " + acceptLimit);
    }
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.isNegative()) {
      throw new IllegalArgumentException("idle timeout must not be negative, got " + idleTimeout);
    }
    Objects.requireNonNull(access, "access");
  }

  /** A copy with another backlog. */
  public ServerLimits withBacklog(int value) {
    return new ServerLimits(value, maxConnections, acceptLimit, idleTimeout, access);
  }

  /** A copy with another connection limit. */
  public ServerLimits withMaxConnections(int value) {
    return new ServerLimits(backlog, value, acceptLimit, idleTimeout, access);
  }

  /** A copy with another accept limit. */
  public ServerLimits withAcceptLimit(long value) {
    return new ServerLimits(backlog, maxConnections, value, idleTimeout, access);
  }

  /** A copy with another idle timeout. */
  public ServerLimits withIdleTimeout(Duration value) {
    return new ServerLimits(backlog, maxConnections, acceptLimit, value, access);
  }

  /** A copy with another access list. */
  public ServerLimits withAccess(AccessList value) {
    return new ServerLimits(backlog, maxConnections, acceptLimit, idleTimeout, value);
  }
}
