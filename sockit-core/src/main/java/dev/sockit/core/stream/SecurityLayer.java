package dev.sockit.core.stream;

import dev.sockit.core.event.TrafficBus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * What a secured {@link Connection} reads and writes through: a layer (TLS, in {@code
 * dev.sockit.core.tls}) that turns the plaintext the connection's users see into what crosses the
 * socket. The connection serialises writers and counts plaintext bytes; the layer may read and
 * write the socket from inside any of these calls (TLS answers a key update while reading).
 *
 * <p>A plain connection has no layer: its bytes go straight to the socket, and zero-copy transfers
 * ({@link Pump}) are used only then.
 */
public interface SecurityLayer {

  /**
   * Reads plaintext into {@code dst}, blocking until at least one byte is there or the peer ended
   * its side.
   *
   * @param dst where plaintext goes
   * @return bytes read, or {@code -1} when the peer ended its sending side
   * @throws IOException if the socket or the protocol fails
   */
  int read(ByteBuffer dst) throws IOException;

  /**
   * Writes all remaining plaintext of {@code src}; called by one writer at a time.
   *
   * @param src the plaintext; its position advances as bytes are taken
   * @throws IOException if the socket or the protocol fails
   */
  void write(ByteBuffer src) throws IOException;

  /**
   * Ends our sending side (TLS: a {@code close_notify}, then the socket's FIN); reading goes on.
   *
   * @throws IOException if that cannot be sent
   */
  void shutdownOutput() throws IOException;

  /**
   * Says goodbye before the connection closes the socket (TLS: a {@code close_notify} if none was
   * sent yet), without blocking for long. Never throws: the socket closes anyway.
   */
  void close();

  /**
   * Makes the layer for an accepted socket on a server, e.g. by running a TLS handshake. Called on
   * the connection's own thread, so one slow client does not hold up the others; it must give up
   * within a bounded time.
   */
  @FunctionalInterface
  interface ServerSide {
    /**
     * Sets up the layer for one accepted socket.
     *
     * @param channel the accepted socket, blocking
     * @param id the connection id its events carry
     * @param bus where events go
     * @return the layer to read and write through
     * @throws IOException if the set-up fails (the server publishes it and closes the socket)
     */
    SecurityLayer accept(SocketChannel channel, long id, TrafficBus bus) throws IOException;
  }

  /** Makes the layer for a connected socket on a client, e.g. by running a TLS handshake. */
  @FunctionalInterface
  interface ClientSide {
    /**
     * Sets up the layer for one connected socket.
     *
     * @param channel the connected socket, blocking
     * @param host the host name or IP literal connected to, or {@code null} (a Unix socket)
     * @param port the port connected to, or 0
     * @param id the connection id its events carry
     * @param bus where events go
     * @return the layer to read and write through
     * @throws IOException if the set-up fails
     */
    SecurityLayer secure(SocketChannel channel, String host, int port, long id, TrafficBus bus)
        throws IOException;
  }
}
