package dev.sockit.core.stream;

import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.net.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A listening stream socket, TCP or Unix: one named platform thread accepts, one virtual thread per
 * connection runs the {@link ConnectionHandler}.
 *
 * <p>A secured server (TLS) runs each client's handshake on that client's own thread, bounded by
 * the layer's own timeout, before the connection joins {@link #connections()} and meets the
 * handler: a slow or silent client holds up no other, a handshaking client counts against the
 * connection limit, and the accept limit counts clients that completed their handshake (a port scan
 * does not use up a one-client server).
 *
 * <p>States: listening → (accept limit reached: not listening, connections still served) → closed.
 * {@link #close()} is idempotent: it closes the listening socket and every connection, waits for
 * their threads to end, and deletes a Unix socket file.
 *
 * <p>Use {@code TcpServer.bind} or {@code UnixServer.bind} to create one.
 */
public final class StreamServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(StreamServer.class.getName());

  private final ServerSocketChannel channel;
  private final Transport transport;
  private final ServerLimits limits;
  private final ConnectionHandler handler;
  private final SecurityLayer.ServerSide security;
  private final TrafficBus bus;
  private final Path socketFile;
  private final SocketAddress local;
  private final Set<Connection> live = ConcurrentHashMap.newKeySet();
  private final Set<SocketChannel> handshaking = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicLong secured =
      new java.util.concurrent.atomic.AtomicLong();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread acceptor;
  private final Thread idleWatch;
  private volatile boolean closed;
  private volatile boolean acceptDone;
  private long accepted;

  private StreamServer(
      ServerSocketChannel channel,
      Transport transport,
      ServerLimits limits,
      SecurityLayer.ServerSide security,
      ConnectionHandler handler,
      TrafficBus bus,
      Path socketFile)
      throws IOException {
    this.channel = channel;
    this.transport = transport;
    this.limits = limits;
    this.security = security;
    this.handler = handler;
    this.bus = bus;
    this.socketFile = socketFile;
    this.local = channel.getLocalAddress();
    this.acceptor =
        Thread.ofPlatform().name("sockit-accept-" + describe(local)).unstarted(this::acceptLoop);
    this.idleWatch =
        limits.idleTimeout().isZero()
            ? null
            : Thread.ofVirtual().name("sockit-idle-" + describe(local)).unstarted(this::watchIdle);
  }

  /**
   * Starts serving on an already bound and listening channel. For endpoint implementations; users
   * call {@code TcpServer.bind} or {@code UnixServer.bind}.
   *
   * @param channel a bound server channel in blocking mode
   * @param transport TCP or UNIX
   * @param limits connection limits
   * @param handler serves each connection
   * @param bus where events go
   * @param socketFile the Unix socket file to delete on close, or {@code null}
   * @return the running server
   * @throws IOException if the channel's address cannot be read
   */
  public static StreamServer start(
      ServerSocketChannel channel,
      Transport transport,
      ServerLimits limits,
      ConnectionHandler handler,
      TrafficBus bus,
      Path socketFile)
      throws IOException {
    return start(channel, transport, limits, null, handler, bus, socketFile);
  }

  /**
   * As {@link #start(ServerSocketChannel, Transport, ServerLimits, ConnectionHandler, TrafficBus,
   * Path)}, setting up {@code security} (TLS) on each accepted connection first.
   *
   * @param channel a bound server channel in blocking mode
   * @param transport TCP or UNIX
   * @param limits connection limits
   * @param security the layer each connection gets, or {@code null} for plain connections
   * @param handler serves each connection
   * @param bus where events go
   * @param socketFile the Unix socket file to delete on close, or {@code null}
   * @return the running server
   * @throws IOException if the channel's address cannot be read
   */
  public static StreamServer start(
      ServerSocketChannel channel,
      Transport transport,
      ServerLimits limits,
      SecurityLayer.ServerSide security,
      ConnectionHandler handler,
      TrafficBus bus,
      Path socketFile)
      throws IOException {
    StreamServer server =
        new StreamServer(
            Objects.requireNonNull(channel, "channel"),
            Objects.requireNonNull(transport, "transport"),
            Objects.requireNonNull(limits, "limits"),
            security,
            Objects.requireNonNull(handler, "handler"),
            Objects.requireNonNull(bus, "bus"),
            socketFile);
    server.acceptor.start();
    if (server.idleWatch != null) {
      server.idleWatch.start();
    }
    return server;
  }

  /** The address the server listens on, with the real port when port 0 was asked for. */
  public SocketAddress localAddress() {
    return local;
  }

  /** The TCP port listened on, or {@code -1} for a Unix socket. */
  public int port() {
    return local instanceof InetSocketAddress inet ? inet.getPort() : -1;
  }

  /** The transport: TCP or UNIX. */
  public Transport transport() {
    return transport;
  }

  /** The live subscription point for this server's and its connections' events. */
  public TrafficBus events() {
    return bus;
  }

  /** A snapshot of the connections being served now. */
  public List<Connection> connections() {
    return List.copyOf(live);
  }

  /** Whether the server is still accepting or serving. */
  public boolean isOpen() {
    return !closed && stopped.getCount() > 0;
  }

  /**
   * Waits until the server has stopped: closed, or accept limit reached and every connection
   * served.
   *
   * @param timeout how long to wait at most; {@code null} waits for ever
   * @return {@code true} if it stopped in time
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitStop(Duration timeout) throws InterruptedException {
    if (timeout == null) {
      stopped.await();
      return true;
    }
    return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void acceptLoop() {
    try {
      while (!closed && channel.isOpen()) {
        if (acceptOne()
            && security == null
            && limits.acceptLimit() > 0
            && accepted >= limits.acceptLimit()) {
          channel.close();
          break;
        }
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing the listener failed", e);
    } finally {
      acceptDone = true;
      checkStopped();
    }
  }

  /**
   * Accepts and admits one client; returns whether it is being served. A failed accept (e.g. too
   * many open files) is published and retried after a pause instead of ending the server.
   */
  private boolean acceptOne() {
    try {
      SocketChannel client = channel.accept();
      if (admit(client)) {
        accepted++;
        return true;
      }
      return false;
    } catch (ClosedChannelException e) {
      return false; // close() was called: the loop ends
    } catch (IOException e) {
      if (!closed) {
        bus.publish(
            new TrafficEvent.Failed(
                Instant.now(),
                0,
                local,
                null,
                "accept on " + describe(local) + " failed: " + e.getMessage()));
        LOG.log(System.Logger.Level.WARNING, "accept failed", e);
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
      }
      return false;
    }
  }

  private boolean admit(SocketChannel client) throws IOException {
    long id = bus.nextConnectionId();
    SocketAddress peer = client.getRemoteAddress();
    String reason = null;
    if (peer instanceof InetSocketAddress inet && !limits.access().permits(inet.getAddress())) {
      reason = "address " + inet.getAddress().getHostAddress() + " is not allowed";
    } else if (live.size() + handshaking.size() >= limits.maxConnections()
        && openConnections() + handshaking.size() >= limits.maxConnections()) {
      reason = "too many connections (max " + limits.maxConnections() + ")";
    }
    if (reason != null) {
      bus.publish(new TrafficEvent.Rejected(Instant.now(), id, local, peer, reason));
      client.close();
      return false;
    }
    if (security != null) {
      return admitSecured(client, id, peer);
    }
    Connection connection = new Connection(client, id, bus);
    live.add(connection);
    if (closed) {
      // close() may have walked `live` before this connection joined it: do not serve it.
      live.remove(connection);
      connection.close();
      return false;
    }
    handler.admitted(connection);
    bus.publish(new TrafficEvent.Accepted(Instant.now(), id, connection.localAddress(), peer));
    Thread thread = Thread.ofVirtual().name("sockit-conn-" + id).unstarted(() -> serve(connection));
    threads.add(thread);
    thread.start();
    return true;
  }

  /** A client of a secured server: its handshake and then its service run on its own thread. */
  private boolean admitSecured(SocketChannel client, long id, SocketAddress peer)
      throws IOException {
    handshaking.add(client);
    if (closed) {
      handshaking.remove(client);
      client.close();
      return false;
    }
    bus.publish(new TrafficEvent.Accepted(Instant.now(), id, client.getLocalAddress(), peer));
    Thread thread =
        Thread.ofVirtual().name("sockit-conn-" + id).unstarted(() -> secureAndServe(client, id));
    threads.add(thread);
    thread.start();
    return true;
  }

  private void secureAndServe(SocketChannel client, long id) {
    SocketAddress peer = null;
    Connection connection = null;
    try {
      peer = client.getRemoteAddress();
      connection = new Connection(client, id, bus, security.accept(client, id, bus));
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        bus.publish(
            new TrafficEvent.Failed(
                Instant.now(), id, local, peer, String.valueOf(e.getMessage())));
      }
      try {
        client.close();
      } catch (IOException ce) {
        LOG.log(System.Logger.Level.DEBUG, "close failed", ce);
      }
      bus.publish(new TrafficEvent.Closed(Instant.now(), id, local, peer, 0, 0));
    } finally {
      if (connection != null) {
        live.add(connection);
      }
      handshaking.remove(client);
    }
    if (connection == null || !admitAfterHandshake(connection)) {
      threads.remove(Thread.currentThread());
      checkStopped();
      return;
    }
    handler.admitted(connection);
    serve(connection);
  }

  /**
   * Counts a client whose handshake completed against the accept limit: the one that reaches it
   * ends listening (and the handshakes still under way); one past it is closed.
   */
  private boolean admitAfterHandshake(Connection connection) {
    long limit = limits.acceptLimit();
    long n = limit > 0 ? secured.incrementAndGet() : 0;
    if (!closed && (limit == 0 || n <= limit)) {
      if (limit > 0 && n == limit) {
        stopListening();
      }
      return true;
    }
    live.remove(connection);
    if (!closed) {
      bus.publish(
          new TrafficEvent.Rejected(
              Instant.now(),
              connection.id(),
              local,
              connection.peerAddress(),
              "this server takes " + limit + " client(s) and has them"));
    }
    try {
      connection.abort();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "close failed", e);
    }
    return false;
  }

  /** Closes the listening socket (the accept loop ends) and any handshake still under way. */
  private void stopListening() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing the listener failed", e);
    }
    for (SocketChannel c : handshaking) {
      try {
        c.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "close failed", e);
      }
    }
  }

  /**
   * Connections still open. A connection its handler has closed stays in {@code live} until the
   * handler returns; it no longer takes a slot: a client that reconnects as soon as it sees the
   * Closed event must be admitted.
   */
  private int openConnections() {
    int n = 0;
    for (Connection c : live) {
      if (c.isOpen()) {
        n++;
      }
    }
    return n;
  }

  private void serve(Connection connection) {
    try {
      handler.handle(connection);
    } catch (IOException | RuntimeException e) {
      if (connection.isOpen() && !closed) {
        connection.failed(String.valueOf(e.getMessage()));
      }
    } finally {
      live.remove(connection);
      try {
        connection.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "close failed", e);
      }
      threads.remove(Thread.currentThread());
      checkStopped();
    }
  }

  private void checkStopped() {
    if (acceptDone && live.isEmpty() && handshaking.isEmpty()) {
      stopped.countDown();
    }
  }

  private void watchIdle() {
    long idle = limits.idleTimeout().toNanos();
    long tick =
        Math.max(
            TimeUnit.MILLISECONDS.toNanos(10), Math.min(idle / 4, TimeUnit.SECONDS.toNanos(1)));
    try {
      while (!closed) {
        TimeUnit.NANOSECONDS.sleep(tick);
        long now = System.nanoTime();
        for (Connection c : live) {
          // A closed connection stays in `live` until its handler returns; report it only once.
          if (c.isOpen() && !c.isWriting() && now - c.lastActivityNanos() >= idle) {
            c.failed("idle for " + limits.idleTimeout().toMillis() + " ms; closed");
            try {
              c.close();
            } catch (IOException e) {
              LOG.log(System.Logger.Level.DEBUG, "idle close failed", e);
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops listening, closes every connection and waits (up to 5 s) for their threads. Idempotent.
   *
   * @throws IOException if closing the listening socket or deleting the socket file fails; other
   *     failures are attached as suppressed exceptions
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    IOException failure = null;
    try {
      channel.close();
    } catch (IOException e) {
      failure = e;
    }
    for (Connection c : live) {
      try {
        c.close();
      } catch (IOException e) {
        failure = addTo(failure, e);
      }
    }
    for (SocketChannel c : handshaking) {
      try {
        c.close();
      } catch (IOException e) {
        failure = addTo(failure, e);
      }
    }
    if (idleWatch != null) {
      idleWatch.interrupt();
    }
    try {
      // close() may run on one of our own threads (a handler or a listener); never wait for it.
      Thread self = Thread.currentThread();
      if (acceptor != self) {
        acceptor.join(Duration.ofSeconds(5));
      }
      for (Thread t : threads) {
        if (t != self) {
          t.join(Duration.ofSeconds(5));
        }
      }
      if (idleWatch != null && idleWatch != self) {
        idleWatch.join(Duration.ofSeconds(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (socketFile != null) {
      try {
        Files.deleteIfExists(socketFile);
      } catch (IOException e) {
        failure = addTo(failure, e);
      }
    }
    bus.publish(new TrafficEvent.Closed(Instant.now(), 0, local, null, 0, 0));
    stopped.countDown();
    if (failure != null) {
      throw failure;
    }
  }

  private static IOException addTo(IOException first, IOException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  private static String describe(SocketAddress address) {
    return SocketAddresses.format(address);
  }
}
