package dev.sockit.core.relay;

import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.stream.Connection;
import dev.sockit.core.stream.Pump;
import dev.sockit.core.stream.ServerLimits;
import dev.sockit.core.stream.StreamServer;
import dev.sockit.core.tcp.TcpClient;
import dev.sockit.core.tcp.TcpClientOptions;
import dev.sockit.core.tcp.TcpServer;
import dev.sockit.core.tcp.TcpServerOptions;
import dev.sockit.core.unix.UnixClient;
import dev.sockit.core.unix.UnixServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A relay between stream sockets (TCP or Unix, in any combination): one listener, and for each
 * client a connection of its own to the target, joined by a {@link Bridge} on the client's virtual
 * thread. Clients that the access list refuses or that come past the session limit are accepted and
 * closed at once (as {@link StreamServer} does), and reported as {@link RelayEvent.Refused}; a
 * client whose target cannot be reached is reset.
 */
public final class StreamRelay implements Relay {
  private final RelayOptions options;
  private final RelayListener listener;
  private final TrafficBus bus;
  private final AtomicLong sessions = new AtomicLong();
  private final String target;
  private StreamServer server;

  private StreamRelay(RelayOptions options, RelayListener listener, TrafficBus bus) {
    this.options = options;
    this.listener = listener;
    this.bus = bus;
    this.target = options.target().toString();
  }

  static StreamRelay start(RelayOptions options, RelayListener listener, TrafficBus bus)
      throws IOException {
    StreamRelay relay = new StreamRelay(options, listener, bus);
    // The relay's idle timeout is the bridge's (it sees both sides); the server's watch stays off.
    ServerLimits limits =
        new ServerLimits(
            options.backlog(), options.maxSessions(), 0, Duration.ZERO, options.access());
    bus.subscribe(relay::onTraffic);
    relay.server =
        switch (options.source()) {
          case RelayEndpoint.Tcp tcp ->
              TcpServer.bind(
                  TcpServerOptions.of(bindAddress(tcp), tcp.port()).withLimits(limits),
                  relay::serve,
                  bus);
          case RelayEndpoint.Unix unix -> UnixServer.bind(unix.path(), limits, relay::serve, bus);
          case RelayEndpoint.Udp udp ->
              throw new IllegalArgumentException("a UDP source is relayed by DatagramRelay");
        };
    // Link the splice calls now, off the clients' paths: the first bulk client moves its bytes
    // inside the kernel from its first megabyte.
    Thread.ofPlatform().daemon().name("sockit-relay-link").start(Pump::prepare);
    return relay;
  }

  private static InetAddress bindAddress(RelayEndpoint.Tcp tcp) throws IOException {
    return tcp.host() == null ? null : InetAddress.getByName(tcp.host());
  }

  private void onTraffic(TrafficEvent event) {
    if (event instanceof TrafficEvent.Rejected r) {
      listener.onEvent(new RelayEvent.Refused(r.time(), 0, r.peer(), target, r.reason()));
    }
  }

  private void serve(Connection client) throws IOException {
    long session = sessions.incrementAndGet();
    SocketAddress peer = client.peerAddress();
    Connection upstream;
    try {
      upstream = dial();
    } catch (IOException e) {
      listener.onEvent(
          new RelayEvent.Refused(Instant.now(), session, peer, target, e.getMessage()));
      client.abort();
      return;
    }
    listener.onEvent(
        new RelayEvent.Opened(
            Instant.now(),
            session,
            peer,
            target,
            client.id(),
            upstream.localAddress(),
            upstream.peerAddress(),
            upstream.id()));
    RelaySummary summary =
        Bridge.join(
            client, upstream, new BridgeOptions(options.bytesPerSecond(), options.idleTimeout()));
    listener.onEvent(new RelayEvent.Closed(Instant.now(), session, peer, target, summary));
  }

  private Connection dial() throws IOException {
    return switch (options.target()) {
      case RelayEndpoint.Tcp tcp ->
          TcpClient.connect(
              TcpClientOptions.of(tcp.host(), tcp.port())
                  .withFamily(options.family())
                  .withConnectTimeout(options.connectTimeout()),
              bus);
      case RelayEndpoint.Unix unix -> UnixClient.connect(unix.path(), bus);
      case RelayEndpoint.Udp udp ->
          throw new IllegalStateException("a stream relay has no UDP target");
    };
  }

  @Override
  public SocketAddress localAddress() {
    return server.localAddress();
  }

  @Override
  public TrafficBus events() {
    return bus;
  }

  @Override
  public int sessions() {
    return server.connections().size();
  }

  @Override
  public boolean awaitStop(Duration timeout) throws InterruptedException {
    return server.awaitStop(timeout);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
