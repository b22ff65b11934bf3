package dev.sockit.core.tcp;

import dev.sockit.core.stream.ServerLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where and how a {@link TcpServer} listens.
 *
 * @param bind the local address and port; port 0 lets the system choose; a {@code null} address
 *     means every local address (IPv6 and IPv4)
 * @param limits backlog, connection limits, idle timeout and access list
 * @param reuseAddress {@code SO_REUSEADDR} on the listening socket (default on, so a restarted
 *     server can bind while old connections sit in TIME_WAIT)
 */
public record TcpServerOptions(InetSocketAddress bind, ServerLimits limits, boolean reuseAddress) {

  private static final InetAddress ANY_V6 = anyV6();

  private static InetAddress anyV6() {
    try {
      return InetAddress.getByAddress(new byte[16]);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Validates the options. */
  public TcpServerOptions {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(limits, "limits");
  }

  /**
   * Options for {@code address:port} with default limits.
   *
   * @param address the local address, or {@code null} for every address
   * @param port the port, 0 for any
   * @return the options
   */
  public static TcpServerOptions of(InetAddress address, int port) {
    InetSocketAddress bind =
        address == null
            ? new InetSocketAddress(ANY_V6, port)
            : new InetSocketAddress(address, port);
    return new TcpServerOptions(bind, ServerLimits.DEFAULT, true);
  }

  /**
   * Options for the loopback address (127.0.0.1 or ::1 as the JDK prefers) with default limits.
   *
   * @param port the port, 0 for any
   * @return the options
   */
  public static TcpServerOptions loopback(int port) {
    return of(InetAddress.getLoopbackAddress(), port);
  }

  /** A copy with other limits. */
  public TcpServerOptions withLimits(ServerLimits value) {
    return new TcpServerOptions(bind, value, reuseAddress);
  }
}
