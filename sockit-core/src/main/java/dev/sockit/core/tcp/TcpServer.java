package dev.sockit.core.tcp;

import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.foreign.NativeSocket;
import dev.sockit.core.net.Family;
import dev.sockit.core.net.Transport;
import dev.sockit.core.stream.ConnectionHandler;
import dev.sockit.core.stream.SecurityLayer;
import dev.sockit.core.stream.StreamServer;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Instant;
import java.util.Objects;

/**
 * TCP servers: {@code socket(); bind(); listen(); accept()} in a loop, one virtual thread per
 * connection.
 *
 * <pre>{@code
 * try (StreamServer server = TcpServer.bind(TcpServerOptions.loopback(0),
 *     conn -> conn.write("网络编程测试。\r\n".getBytes(UTF_8)))) {
 *   System.out.println("listening on port " + server.port());
 *   server.awaitStop(null);
 * }
 * }</pre>
 */
public final class TcpServer {
  private TcpServer() {}

  /**
   * Binds, listens and starts accepting.
   *
   * @param options where and how to listen
   * @param handler serves each connection on its own virtual thread
   * @return the running server
   * @throws IOException if the address cannot be bound; the message names the address (e.g.
   *     "address 0.0.0.0:80 is already in use")
   */
  public static StreamServer bind(TcpServerOptions options, ConnectionHandler handler)
      throws IOException {
    return bind(options, handler, new TrafficBus());
  }

  /**
   * As {@link #bind(TcpServerOptions, ConnectionHandler)}, publishing on {@code bus} so that a
   * subscriber sees the {@code socket}, {@code bind} and {@code listen} steps too.
   *
   * @param options where and how to listen
   * @param handler serves each connection
   * @param bus where events go
   * @return the running server
   * @throws IOException if the address cannot be bound
   */
  public static StreamServer bind(
      TcpServerOptions options, ConnectionHandler handler, TrafficBus bus) throws IOException {
    return bind(options, null, handler, bus);
  }

  /**
   * As {@link #bind(TcpServerOptions, ConnectionHandler, TrafficBus)}, setting up {@code security}
   * on each accepted connection (a TLS handshake: pass a {@code dev.sockit.core.tls.TlsServer}) on
   * its own thread before the handler sees it. A client whose handshake fails is published as a
   * {@code Failed} event and closed; the server goes on.
   *
   * @param options where and how to listen
   * @param security the layer to set up on each connection, or {@code null} for plain connections
   * @param handler serves each connection
   * @param bus where events go
   * @return the running server
   * @throws IOException if the address cannot be bound
   */
  public static StreamServer bind(
      TcpServerOptions options,
      SecurityLayer.ServerSide security,
      ConnectionHandler handler,
      TrafficBus bus)
      throws IOException {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(bus, "bus");
    var address = options.bind();
    boolean v4 = address.getAddress() instanceof Inet4Address;
    ServerSocketChannel channel;
    try {
      channel =
          ServerSocketChannel.open(v4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
    } catch (UnsupportedOperationException e) {
      // No IPv6 on this host: every-address means 0.0.0.0 here.
      if (v4 || !address.getAddress().isAnyLocalAddress() || options.family() == Family.IPV6) {
        throw new java.net.SocketException(
            "IPv6 is not available on this host; cannot bind " + SocketAddresses.format(address));
      }
      v4 = true;
      address = new java.net.InetSocketAddress(address.getPort());
      channel = ServerSocketChannel.open(StandardProtocolFamily.INET);
    }
    bus.publish(
        new TrafficEvent.Opened(Instant.now(), 0, Transport.TCP, v4 ? "AF_INET" : "AF_INET6"));
    try {
      if (!v4 && options.family() == Family.IPV6) {
        NativeSocket.ipv6Only(channel, SocketAddresses.format(address));
      }
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
      channel.bind(address, options.limits().backlog());
    } catch (BindException e) {
      channel.close();
      throw new BindException(SocketAddresses.bindFailure("", address, e));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    bus.publish(new TrafficEvent.Bound(Instant.now(), 0, channel.getLocalAddress()));
    bus.publish(
        new TrafficEvent.Listening(
            Instant.now(), channel.getLocalAddress(), Transport.TCP, options.limits().backlog()));
    return StreamServer.start(
        channel, Transport.TCP, options.limits(), security, handler, bus, null);
  }
}
