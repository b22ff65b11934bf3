package dev.sockit.core.tcp;

import dev.sockit.core.net.Family;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link TcpClient} connects.
 *
 * @param host a host name or IP literal; every address it resolves to is tried in order
 * @param port the port, 1 to 65535
 * @param family which addresses to try
 * @param connectTimeout per-address connect timeout; {@link Duration#ZERO} for the system's
 * @param source local address to bind before connecting, or {@code null}
 * @param sourcePort local port to bind before connecting, 0 for any
 * @param socket socket options to apply
 */
public record TcpClientOptions(
    String host,
    int port,
    Family family,
    Duration connectTimeout,
    InetAddress source,
    int sourcePort,
    SocketTuning socket) {

  /** Validates the options. */
  public TcpClientOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(socket, "socket");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 1-65535");
    }
    if (sourcePort < 0 || sourcePort > 65535) {
      throw new IllegalArgumentException("source port " + sourcePort + " is outside 0-65535");
    }
    if (connectTimeout.isNegative()) {
      throw new IllegalArgumentException("connect timeout must not be negative");
    }
  }

  /**
   * Options for {@code host:port} with a 10 s connect timeout and default socket options.
   *
   * @param host the host
   * @param port the port
   * @return the options
   */
  public static TcpClientOptions of(String host, int port) {
    return new TcpClientOptions(
        host, port, Family.ANY, Duration.ofSeconds(10), null, 0, SocketTuning.DEFAULT);
  }

  /** A copy with another family. */
  public TcpClientOptions withFamily(Family value) {
    return new TcpClientOptions(host, port, value, connectTimeout, source, sourcePort, socket);
  }

  /** A copy with another connect timeout. */
  public TcpClientOptions withConnectTimeout(Duration value) {
    return new TcpClientOptions(host, port, family, value, source, sourcePort, socket);
  }

  /** A copy with a source address and port. */
  public TcpClientOptions withSource(InetAddress address, int port) {
    return new TcpClientOptions(host, this.port, family, connectTimeout, address, port, socket);
  }

  /** A copy with other socket options. */
  public TcpClientOptions withSocket(SocketTuning value) {
    return new TcpClientOptions(host, port, family, connectTimeout, source, sourcePort, value);
  }
}
