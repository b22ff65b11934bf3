package dev.sockit.core.relay;

import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.net.Transport;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * A running relay: listens on its source, and for each client opens its own way to the target and
 * carries the bytes (or datagrams) both ways. {@link StreamRelay} joins TCP and Unix stream sockets
 * in any combination (IPv4 clients to an IPv6 target and back); {@link DatagramRelay} keeps a
 * session per UDP client.
 *
 * <pre>{@code
 * try (Relay relay = Relay.start(
 *     RelayOptions.of(RelayEndpoint.source("tcp:127.0.0.1:8080"),
 *         RelayEndpoint.target("tcp:[::1]:80")),
 *     event -> System.out.println(event))) {
 *   relay.awaitStop(null);
 * }
 * }</pre>
 */
public sealed interface Relay extends AutoCloseable permits StreamRelay, DatagramRelay {

  /**
   * Starts a relay with a traffic bus of its own.
   *
   * @param options what to relay
   * @param listener gets each session's events
   * @return the running relay
   * @throws IOException if the source cannot be bound (the message names it) or the UDP target's
   *     name does not resolve
   */
  static Relay start(RelayOptions options, RelayListener listener) throws IOException {
    return start(options, listener, new TrafficBus());
  }

  /**
   * Starts a relay publishing every socket's traffic on {@code bus}.
   *
   * @param options what to relay
   * @param listener gets each session's events
   * @param bus where the traffic of both sides of every session is published
   * @return the running relay
   * @throws IOException if the source cannot be bound or the UDP target's name does not resolve
   */
  static Relay start(RelayOptions options, RelayListener listener, TrafficBus bus)
      throws IOException {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(bus, "bus");
    if (options.source().transport() == Transport.UDP) {
      return DatagramRelay.start(options, listener, bus);
    }
    return StreamRelay.start(options, listener, bus);
  }

  /** Where the relay listens, with the real port when port 0 was asked for. */
  SocketAddress localAddress();

  /** The traffic of both sides of every session. */
  TrafficBus events();

  /** Sessions open now. */
  int sessions();

  /**
   * Waits until the relay has stopped.
   *
   * @param timeout how long at most; {@code null} for ever
   * @return whether it stopped in time
   * @throws InterruptedException if interrupted while waiting
   */
  boolean awaitStop(Duration timeout) throws InterruptedException;

  /**
   * Stops listening and ends every session (each ends as {@link Ending#STOPPED}). Idempotent.
   *
   * @throws IOException if closing the listening socket fails
   */
  @Override
  void close() throws IOException;
}
