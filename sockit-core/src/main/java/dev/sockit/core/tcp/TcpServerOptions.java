package dev.sockit.core.tcp;

import dev.sockit.core.net.Family;
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
 * @param family {@link Family#ANY}: as the address says (the IPv6 wildcard also takes IPv4
 *     clients); {@link Family#IPV6}: IPv6 only ({@code IPV6_V6ONLY}, so IPv4 clients are refused on
 *     the IPv6 wildcard, as {@code ncat -6}); {@link Family#IPV4}: IPv4 only. The address must be
 *     of the family asked for.
 */
public record TcpServerOptions(
    InetSocketAddress bind, ServerLimits limits, boolean reuseAddress, Family family) {

  private static final InetAddress ANY_V6 = any(16);
  private static final InetAddress ANY_V4 = any(4);

  private static InetAddress any(int length) {
    try {
      return InetAddress.getByAddress(new byte[length]);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException if the address is not of the family asked for; the message
   *     names the address
   */
  public TcpServerOptions {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(family, "family");
    InetAddress ip = bind.getAddress();
    if (ip != null && !family.fits(ip)) {
      throw new IllegalArgumentException(family.misfit(ip));
    }
  }

  /**
   * Options that listen as the address says ({@link Family#ANY}).
   *
   * @param bind the local address and port
   * @param limits the limits
   * @param reuseAddress {@code SO_REUSEADDR}
   */
  public TcpServerOptions(InetSocketAddress bind, ServerLimits limits, boolean reuseAddress) {
    this(bind, limits, reuseAddress, Family.ANY);
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
   * Options for {@code address:port} in one family, with default limits: with a {@code null}
   * address, {@link Family#IPV4} listens on 0.0.0.0 and {@link Family#IPV6} on {@code ::} only
   * ({@code IPV6_V6ONLY}); {@link Family#ANY} as {@link #of(InetAddress, int)}.
   *
   * @param address the local address, or {@code null} for every address of the family
   * @param port the port, 0 for any
   * @param family the family
   * @return the options
   * @throws IllegalArgumentException if {@code address} is of the other family
   */
  public static TcpServerOptions of(InetAddress address, int port, Family family) {
    InetAddress ip = address;
    if (ip == null) {
      ip = family == Family.IPV4 ? ANY_V4 : ANY_V6;
    }
    return new TcpServerOptions(
        new InetSocketAddress(ip, port), ServerLimits.DEFAULT, true, family);
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
    return new TcpServerOptions(bind, value, reuseAddress, family);
  }
}
