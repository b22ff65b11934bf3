package dev.sockit.core.unix;

import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.net.Transport;
import dev.sockit.core.stream.Connection;
import dev.sockit.core.stream.SecurityLayer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Unix domain stream clients: {@code socket(AF_UNIX); connect(path)}. */
public final class UnixClient {
  private UnixClient() {}

  /**
   * Connects to the socket file {@code path}.
   *
   * @param path the socket file
   * @param bus where events go
   * @return the connection
   * @throws NoSuchFileException if there is no such file
   * @throws ConnectException if nothing listens on it
   * @throws IOException on another failure
   */
  public static Connection connect(Path path, TrafficBus bus) throws IOException {
    return connect(path, null, bus);
  }

  /**
   * Connects to the socket file {@code path}, then secures the connection (a TLS handshake: pass a
   * {@code dev.sockit.core.tls.TlsClient}; there is no host name, so only a server name set in its
   * options is sent and checked).
   *
   * @param path the socket file
   * @param security the layer to set up, or {@code null} for a plain connection
   * @param bus where events go
   * @return the connection
   * @throws IOException as {@link #connect(Path, TrafficBus)}, or the security layer's failure
   */
  public static Connection connect(Path path, SecurityLayer.ClientSide security, TrafficBus bus)
      throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(bus, "bus");
    if (!Files.exists(path)) {
      throw new NoSuchFileException(
          path.toString(), null, "no such socket file; is the server running?");
    }
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    var remote = UnixDomainSocketAddress.of(path);
    long id = bus.nextConnectionId();
    try {
      bus.publish(new TrafficEvent.Opened(Instant.now(), id, Transport.UNIX, "AF_UNIX"));
      bus.publish(new TrafficEvent.Connecting(Instant.now(), id, remote));
      long start = System.nanoTime();
      try {
        channel.connect(remote);
      } catch (IOException e) {
        throw new ConnectException("cannot connect to socket file " + path + ": " + e.getMessage());
      }
      bus.publish(
          new TrafficEvent.Connected(
              Instant.now(),
              id,
              channel.getLocalAddress(),
              remote,
              Duration.ofNanos(System.nanoTime() - start)));
      SecurityLayer layer = security == null ? null : security.secure(channel, null, 0, id, bus);
      return new Connection(channel, id, bus, layer);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * As {@link #connect(Path, TrafficBus)} with a new bus.
   *
   * @param path the socket file
   * @return the connection
   * @throws IOException if the connection fails
   */
  public static Connection connect(Path path) throws IOException {
    return connect(path, new TrafficBus());
  }
}
