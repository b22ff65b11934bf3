package dev.sockit.core.unix;

import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.net.Transport;
import dev.sockit.core.stream.ConnectionHandler;
import dev.sockit.core.stream.SecurityLayer;
import dev.sockit.core.stream.ServerLimits;
import dev.sockit.core.stream.StreamServer;
import java.io.IOException;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Unix domain stream servers ({@code AF_UNIX, SOCK_STREAM}): the same server as TCP, bound to a
 * file path. The socket file is deleted when the server closes.
 *
 * <pre>{@code
 * try (StreamServer server = UnixServer.bind(Path.of("/tmp/demo.sock"), ServerLimits.DEFAULT,
 *     conn -> conn.write("hello\n".getBytes(UTF_8)))) {
 *   server.awaitStop(null);
 * }
 * }</pre>
 */
public final class UnixServer {
  private UnixServer() {}

  /**
   * Binds {@code path}, listens and starts accepting.
   *
   * @param path the socket file to create; it must not exist
   * @param limits connection limits (the access list does not apply to Unix sockets)
   * @param handler serves each connection on its own virtual thread
   * @param bus where events go
   * @return the running server
   * @throws IOException if the file exists or cannot be created; the message names the path
   */
  public static StreamServer bind(
      Path path, ServerLimits limits, ConnectionHandler handler, TrafficBus bus)
      throws IOException {
    return bind(path, limits, null, handler, bus);
  }

  /**
   * As {@link #bind(Path, ServerLimits, ConnectionHandler, TrafficBus)}, setting up {@code
   * security} on each accepted connection (a TLS handshake: pass a {@code
   * dev.sockit.core.tls.TlsServer}) on its own thread before the handler sees it.
   *
   * @param path the socket file to create; it must not exist
   * @param limits connection limits
   * @param security the layer to set up on each connection, or {@code null} for plain connections
   * @param handler serves each connection
   * @param bus where events go
   * @return the running server
   * @throws IOException if the socket file cannot be created
   */
  public static StreamServer bind(
      Path path,
      ServerLimits limits,
      SecurityLayer.ServerSide security,
      ConnectionHandler handler,
      TrafficBus bus)
      throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(bus, "bus");
    if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new BindException(
          "socket file "
              + path
              + " already exists; remove it if no server is using it, or choose another path");
    }
    ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    bus.publish(new TrafficEvent.Opened(Instant.now(), 0, Transport.UNIX, "AF_UNIX"));
    try {
      channel.bind(UnixDomainSocketAddress.of(path), limits.backlog());
    } catch (IOException e) {
      channel.close();
      throw new BindException("cannot create socket file " + path + ": " + e.getMessage());
    }
    bus.publish(new TrafficEvent.Bound(Instant.now(), 0, channel.getLocalAddress()));
    bus.publish(
        new TrafficEvent.Listening(
            Instant.now(), channel.getLocalAddress(), Transport.UNIX, limits.backlog()));
    return StreamServer.start(channel, Transport.UNIX, limits, security, handler, bus, path);
  }

  /**
   * As {@link #bind(Path, ServerLimits, ConnectionHandler, TrafficBus)} with a new bus.
   *
   * @param path the socket file
   * @param limits connection limits
   * @param handler serves each connection
   * @return the running server
   * @throws IOException if the socket file cannot be created
   */
  public static StreamServer bind(Path path, ServerLimits limits, ConnectionHandler handler)
      throws IOException {
    return bind(path, limits, handler, new TrafficBus());
  }
}
