package dev.sockit.core.transfer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link FileSender} sends and where.
 *
 * @param paths files and folders to send (a folder with everything under it)
 * @param host the receiver's host name or address
 * @param port the receiver's port
 * @param code the receiver's code, or {@code null} when it asked for none
 * @param connectTimeout how long each address may take to connect
 * @param limit bytes per second at most, 0 for no limit
 * @param idleTimeout give up when nothing moves to or from the receiver for this long ({@code
 *     null}: never)
 */
public record SendOptions(
    List<Path> paths,
    String host,
    int port,
    String code,
    Duration connectTimeout,
    long limit,
    Duration idleTimeout) {
  /** The idle timeout of {@link #of} and of the six-argument constructor. */
  public static final Duration DEFAULT_IDLE = Duration.ofSeconds(60);

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException if there is nothing to send, the port is out of range, or the
   *     limit negative
   * @throws NullPointerException if a path, the host or the timeout is null
   */
  public SendOptions {
    paths = List.copyOf(paths);
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("nothing to send: give at least one file or folder");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 1-65535");
    }
    if (limit < 0) {
      throw new IllegalArgumentException("a rate limit cannot be negative");
    }
    if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
      throw new IllegalArgumentException("the idle timeout must be longer than 0");
    }
  }

  /**
   * Options with the default idle timeout.
   *
   * @param paths what to send
   * @param host the receiver
   * @param port its port
   * @param code its code, or {@code null}
   * @param connectTimeout per address
   * @param limit bytes per second at most, 0 for none
   */
  public SendOptions(
      List<Path> paths, String host, int port, String code, Duration connectTimeout, long limit) {
    this(paths, host, port, code, connectTimeout, limit, DEFAULT_IDLE);
  }

  /**
   * No code, a 10 s connect timeout, no rate limit, a 60 s idle timeout.
   *
   * @param paths what to send
   * @param host the receiver
   * @param port its port
   * @return the options
   */
  public static SendOptions of(List<Path> paths, String host, int port) {
    return new SendOptions(paths, host, port, null, Duration.ofSeconds(10), 0);
  }
}
