package dev.sockit.core.tcp;

import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.net.Family;
import dev.sockit.core.net.Transport;
import dev.sockit.core.stream.Connection;
import dev.sockit.core.stream.SecurityLayer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * TCP clients: resolve, then {@code socket(); [bind();] connect()} to each address in the
 * resolver's order until one answers, so {@code localhost} works whether the server listens on
 * {@code ::1} or {@code 127.0.0.1}.
 *
 * <pre>{@code
 * try (Connection conn = TcpClient.connect(TcpClientOptions.of("localhost", 8080))) {
 *   ByteBuffer buf = ByteBuffer.allocate(1024);
 *   conn.read(buf);
 * }
 * }</pre>
 */
public final class TcpClient {
  private TcpClient() {}

  /**
   * Connects.
   *
   * @param options where and how
   * @return the connection
   * @throws UnknownHostException if the name does not resolve (or has no address of the family)
   * @throws ConnectException if every address refused; the message lists each address tried
   * @throws SocketTimeoutException if every address timed out
   * @throws IOException on another failure
   */
  public static Connection connect(TcpClientOptions options) throws IOException {
    return connect(options, new TrafficBus());
  }

  /**
   * Connects, publishing each step on {@code bus}.
   *
   * @param options where and how
   * @param bus where events go
   * @return the connection
   * @throws IOException as {@link #connect(TcpClientOptions)}
   */
  public static Connection connect(TcpClientOptions options, TrafficBus bus) throws IOException {
    return connect(options, null, bus);
  }

  /**
   * Connects, then secures the connection (a TLS handshake: pass a {@code
   * dev.sockit.core.tls.TlsClient}) before returning it; its reads and writes carry plaintext. Only
   * the TCP connect falls back to the next address: a failed handshake ends the attempt.
   *
   * @param options where and how
   * @param security the layer to set up, or {@code null} for a plain connection
   * @param bus where events go
   * @return the connection
   * @throws IOException as {@link #connect(TcpClientOptions)}, or the security layer's failure (for
   *     TLS a {@code TlsException} saying why)
   */
  public static Connection connect(
      TcpClientOptions options, SecurityLayer.ClientSide security, TrafficBus bus)
      throws IOException {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(bus, "bus");
    List<InetAddress> targets = resolve(options.host(), options.family());
    List<String> failures = new ArrayList<>();
    IOException last = null;
    boolean allTimedOut = true;
    long id = bus.nextConnectionId();
    for (InetAddress target : targets) {
      InetSocketAddress remote = new InetSocketAddress(target, options.port());
      SocketChannel channel;
      try {
        channel = attempt(options, remote, bus, id);
      } catch (IOException e) {
        last = e;
        allTimedOut &= e instanceof SocketTimeoutException;
        failures.add(SocketAddresses.format(remote) + " " + reason(e));
        bus.publish(
            new TrafficEvent.Failed(
                Instant.now(),
                id,
                null,
                remote,
                "connect to " + SocketAddresses.format(remote) + ": " + reason(e)));
        continue;
      }
      return open(channel, options, security, bus, id, remote);
    }
    String what = "cannot connect to " + hostPort(options) + ": " + String.join("; ", failures);
    if (allTimedOut) {
      throw new SocketTimeoutException(what);
    }
    if (last instanceof ConnectException || last instanceof NoRouteToHostException) {
      throw new ConnectException(what);
    }
    if (last instanceof java.net.BindException) {
      throw new java.net.BindException(what);
    }
    throw new IOException(what, last);
  }

  /** The connection over a connected channel, secured first when asked. */
  private static Connection open(
      SocketChannel channel,
      TcpClientOptions options,
      SecurityLayer.ClientSide security,
      TrafficBus bus,
      long id,
      InetSocketAddress remote)
      throws IOException {
    try {
      SecurityLayer layer =
          security == null
              ? null
              : security.secure(channel, options.host(), options.port(), id, bus);
      return new Connection(channel, id, bus, layer);
    } catch (IOException | RuntimeException e) {
      channel.close();
      bus.publish(
          new TrafficEvent.Failed(Instant.now(), id, null, remote, String.valueOf(e.getMessage())));
      throw e;
    }
  }

  private static SocketChannel attempt(
      TcpClientOptions options, InetSocketAddress remote, TrafficBus bus, long id)
      throws IOException {
    boolean v4 = remote.getAddress() instanceof Inet4Address;
    SocketChannel channel =
        SocketChannel.open(v4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
    try {
      bus.publish(
          new TrafficEvent.Opened(Instant.now(), id, Transport.TCP, v4 ? "AF_INET" : "AF_INET6"));
      options.socket().applyTo(channel);
      if (options.source() != null || options.sourcePort() != 0) {
        if (options.sourcePort() != 0) {
          channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        }
        InetSocketAddress local =
            options.source() == null
                ? new InetSocketAddress(options.sourcePort())
                : new InetSocketAddress(options.source(), options.sourcePort());
        try {
          channel.bind(local);
        } catch (java.net.BindException e) {
          throw new java.net.BindException(SocketAddresses.bindFailure("", local, e));
        }
        bus.publish(new TrafficEvent.Bound(Instant.now(), id, channel.getLocalAddress()));
      }
      bus.publish(new TrafficEvent.Connecting(Instant.now(), id, remote));
      long start = System.nanoTime();
      int timeout = (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis());
      channel.socket().connect(remote, timeout);
      Duration handshake = Duration.ofNanos(System.nanoTime() - start);
      bus.publish(
          new TrafficEvent.Connected(
              Instant.now(), id, channel.getLocalAddress(), remote, handshake));
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Resolves {@code host} to its addresses in the system resolver's order, keeping only the wanted
   * family.
   *
   * @param host a name or literal
   * @param family which family to keep
   * @return at least one address
   * @throws UnknownHostException if there is none; the message names the host
   */
  public static List<InetAddress> resolve(String host, Family family) throws UnknownHostException {
    InetAddress[] all;
    try {
      all = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new UnknownHostException(
          "cannot resolve host '" + host + "': unknown name (check the spelling or your DNS)");
    }
    List<InetAddress> out = new ArrayList<>();
    for (InetAddress a : all) {
      if (family == Family.ANY
          || family == Family.IPV4 && a instanceof Inet4Address
          || family == Family.IPV6 && a instanceof Inet6Address) {
        out.add(a);
      }
    }
    if (out.isEmpty()) {
      throw new UnknownHostException(
          "host '" + host + "' has no " + (family == Family.IPV4 ? "IPv4" : "IPv6") + " address");
    }
    return out;
  }

  private static String hostPort(TcpClientOptions o) {
    return (o.host().indexOf(':') >= 0 ? "[" + o.host() + "]" : o.host()) + ":" + o.port();
  }

  private static String reason(IOException e) {
    if (e instanceof SocketTimeoutException) {
      return "timed out";
    }
    if (e instanceof ConnectException) {
      String m = String.valueOf(e.getMessage());
      return m.toLowerCase(java.util.Locale.ROOT).contains("refused")
          ? "refused (nothing listening?)"
          : m;
    }
    return String.valueOf(e.getMessage());
  }
}
