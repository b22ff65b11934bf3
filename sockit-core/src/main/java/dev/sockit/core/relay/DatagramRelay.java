package dev.sockit.core.relay;

import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.net.Transport;
import dev.sockit.core.tcp.TcpClient;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay: one socket where clients send, and a session per client (keyed by its address and
 * port) with a socket of its own connected to the target, so that each reply goes back to the
 * client whose session it came in on and to no other. Two platform threads do all the work: one
 * reads the clients' datagrams and forwards each through its session's socket, one waits for
 * replies on every session socket at once (a {@link Selector}) and sends each to its client.
 *
 * <p>Bounds: at most {@link RelayOptions#maxSessions()} sessions. When the table is full, a
 * datagram from a new client is dropped and reported (once a second at most, with a count), while
 * the existing sessions go on: a flood of new or forged source addresses cannot push out the
 * clients already served. A session with no datagram either way for {@link
 * RelayOptions#sessionIdle()} is ended and its socket closed, which frees its place. A session
 * socket reads at most {@link #BURST} datagrams before the others get their turn.
 */
public final class DatagramRelay implements Relay {
  private static final System.Logger LOG = System.getLogger(DatagramRelay.class.getName());

  /** Room for the largest datagram. */
  private static final int DATAGRAM_MAX = 65_536;

  /** Datagrams read from one session socket before the next socket's turn. */
  static final int BURST = 64;

  /** The client socket's receive buffer: room for bursts from many clients at once. */
  private static final int RECEIVE_BUFFER = 4 << 20;

  private final RelayOptions options;
  private final RelayListener listener;
  private final TrafficBus bus;
  private final DatagramChannel listen;
  private final InetSocketAddress local;
  private final InetSocketAddress target;
  private final String targetText;
  private final Selector selector;
  private final ConcurrentHashMap<InetSocketAddress, Session> table = new ConcurrentHashMap<>();
  private final Queue<Session> toRegister = new ConcurrentLinkedQueue<>();
  private final AtomicLong sessionNumbers = new AtomicLong();
  private final DropReport drops;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread inbound;
  private final Thread outbound;

  private DatagramRelay(
      RelayOptions options,
      RelayListener listener,
      TrafficBus bus,
      DatagramChannel listen,
      InetSocketAddress target,
      Selector selector)
      throws IOException {
    this.options = options;
    this.listener = listener;
    this.bus = bus;
    this.listen = listen;
    this.local = (InetSocketAddress) listen.getLocalAddress();
    this.target = target;
    this.targetText = options.target().toString();
    this.selector = selector;
    this.drops = new DropReport(listener, targetText);
    String name = SocketAddresses.format(local);
    this.inbound = Thread.ofPlatform().name("sockit-udp-relay-in-" + name).unstarted(this::inLoop);
    this.outbound =
        Thread.ofPlatform().name("sockit-udp-relay-out-" + name).unstarted(this::outLoop);
  }

  static DatagramRelay start(RelayOptions options, RelayListener listener, TrafficBus bus)
      throws IOException {
    RelayEndpoint.Udp source = (RelayEndpoint.Udp) options.source();
    RelayEndpoint.Udp to = (RelayEndpoint.Udp) options.target();
    InetAddress targetAddress = TcpClient.resolve(to.host(), options.family()).get(0);
    InetSocketAddress target = new InetSocketAddress(targetAddress, to.port());
    InetAddress bindAddress = source.host() == null ? null : InetAddress.getByName(source.host());
    DatagramChannel listen = openListener(bindAddress, source.port(), bus);
    Selector selector;
    try {
      selector = Selector.open();
    } catch (IOException e) {
      listen.close();
      throw e;
    }
    DatagramRelay relay = new DatagramRelay(options, listener, bus, listen, target, selector);
    relay.inbound.start();
    relay.outbound.start();
    return relay;
  }

  private static DatagramChannel openListener(InetAddress address, int port, TrafficBus bus)
      throws IOException {
    boolean v4 = address instanceof Inet4Address;
    DatagramChannel channel;
    InetSocketAddress bind;
    try {
      channel =
          DatagramChannel.open(v4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
      bind =
          address == null
              ? new InetSocketAddress(InetAddress.getByAddress(new byte[16]), port)
              : new InetSocketAddress(address, port);
    } catch (UnsupportedOperationException e) {
      if (address != null) {
        throw new java.net.SocketException(
            "IPv6 is not available on this host; cannot bind "
                + SocketAddresses.format(new InetSocketAddress(address, port)));
      }
      v4 = true;
      channel = DatagramChannel.open(StandardProtocolFamily.INET);
      bind = new InetSocketAddress(port);
    }
    try {
      bus.publish(
          new TrafficEvent.Opened(Instant.now(), 0, Transport.UDP, v4 ? "AF_INET" : "AF_INET6"));
      channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
      try {
        channel.bind(bind);
      } catch (BindException e) {
        throw new BindException(SocketAddresses.bindFailure("UDP ", bind, e));
      }
      bus.publish(new TrafficEvent.Bound(Instant.now(), 0, channel.getLocalAddress()));
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** One client's session: its address, its own socket connected to the target, its counts. */
  private static final class Session {
    final long number;
    final long clientId;
    final long upstreamId;
    final InetSocketAddress client;
    final DatagramChannel channel;
    final InetSocketAddress upstreamLocal;
    final long startNanos = System.nanoTime();
    volatile long lastActivity = startNanos;
    volatile long bytesIn;
    volatile long bytesOut;
    volatile long datagramsIn;
    volatile long datagramsOut;
    final AtomicBoolean ended = new AtomicBoolean();

    Session(
        long number,
        long clientId,
        long upstreamId,
        InetSocketAddress client,
        DatagramChannel channel)
        throws IOException {
      this.number = number;
      this.clientId = clientId;
      this.upstreamId = upstreamId;
      this.client = client;
      this.channel = channel;
      this.upstreamLocal = (InetSocketAddress) channel.getLocalAddress();
    }
  }

  /** Reads the clients' datagrams and forwards each through its client's session. */
  private void inLoop() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(DATAGRAM_MAX);
    try {
      while (!closed.get()) {
        buffer.clear();
        InetSocketAddress from = (InetSocketAddress) listen.receive(buffer);
        buffer.flip();
        forward(from, buffer);
      }
    } catch (ClosedChannelException e) {
      // close() was called.
    } catch (IOException | RuntimeException e) {
      if (!closed.get()) {
        LOG.log(System.Logger.Level.WARNING, "the UDP relay stopped receiving", e);
        bus.publish(
            new TrafficEvent.Failed(
                Instant.now(),
                0,
                local,
                null,
                "receiving on " + SocketAddresses.format(local) + " failed: " + e.getMessage()));
      }
    }
  }

  private void forward(InetSocketAddress from, ByteBuffer datagram) throws IOException {
    if (!options.access().permits(from.getAddress())) {
      drops.dropped(
          from, "address " + SocketAddresses.formatIp(from.getAddress()) + " is not allowed");
      return;
    }
    Session session = table.get(from);
    for (int attempt = 0; attempt < 2; attempt++) {
      if (session == null) {
        session = open(from);
        if (session == null) {
          return;
        }
      }
      int n = datagram.remaining();
      if (bus.isActive()) {
        bus.publish(
            new TrafficEvent.Received(
                Instant.now(), session.clientId, local, from, n, payload(datagram)));
      }
      try {
        session.channel.write(datagram);
      } catch (ClosedChannelException e) {
        // The session ended (idle) between the lookup and the write: a new one takes the datagram.
        datagram.rewind();
        session = null;
        continue;
      } catch (PortUnreachableException e) {
        // An earlier datagram drew an ICMP "port unreachable": UDP carries on, as the peer may
        // come up. This datagram was not sent; count it as the client's all the same.
      }
      session.lastActivity = System.nanoTime();
      session.bytesIn += n;
      session.datagramsIn++;
      if (bus.isActive()) {
        datagram.rewind();
        bus.publish(
            new TrafficEvent.Sent(
                Instant.now(),
                session.upstreamId,
                session.upstreamLocal,
                target,
                n,
                payload(datagram)));
      }
      return;
    }
  }

  private Session open(InetSocketAddress client) {
    if (table.size() >= options.maxSessions()) {
      drops.dropped(client, "session table full (" + options.maxSessions() + " sessions)");
      return null;
    }
    DatagramChannel channel = null;
    try {
      channel =
          DatagramChannel.open(
              target.getAddress() instanceof Inet4Address
                  ? StandardProtocolFamily.INET
                  : StandardProtocolFamily.INET6);
      channel.configureBlocking(false);
      channel.connect(target);
      Session session =
          new Session(
              sessionNumbers.incrementAndGet(),
              bus.nextConnectionId(),
              bus.nextConnectionId(),
              client,
              channel);
      table.put(client, session);
      toRegister.add(session);
      selector.wakeup();
      listener.onEvent(
          new RelayEvent.Opened(
              Instant.now(),
              session.number,
              client,
              targetText,
              session.clientId,
              session.upstreamLocal,
              target,
              session.upstreamId));
      return session;
    } catch (IOException e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      drops.dropped(
          client,
          "cannot open a socket to " + SocketAddresses.format(target) + ": " + e.getMessage());
      return null;
    }
  }

  /** Waits for replies on every session socket and sends each to its client; ends idle ones. */
  private void outLoop() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(DATAGRAM_MAX);
    long idle = options.sessionIdle().toNanos();
    long tick =
        Math.max(
            TimeUnit.MILLISECONDS.toNanos(10), Math.min(idle / 4, TimeUnit.SECONDS.toNanos(1)));
    long nextSweep = System.nanoTime() + tick;
    try {
      while (!closed.get()) {
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(tick)));
        for (Session s; (s = toRegister.poll()) != null; ) {
          if (!s.ended.get()) {
            s.channel.register(selector, SelectionKey.OP_READ, s);
          }
        }
        var ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
          SelectionKey key = ready.next();
          ready.remove();
          if (key.isValid()) {
            replies((Session) key.attachment(), buffer);
          }
        }
        long now = System.nanoTime();
        if (now >= nextSweep) {
          sweep(now, idle);
          drops.flush();
          nextSweep = now + tick;
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!closed.get()) {
        LOG.log(System.Logger.Level.WARNING, "the UDP relay stopped relaying replies", e);
      }
    }
  }

  private void replies(Session session, ByteBuffer buffer) throws IOException {
    for (int i = 0; i < BURST; i++) {
      buffer.clear();
      SocketAddress from;
      try {
        from = session.channel.receive(buffer);
      } catch (PortUnreachableException e) {
        continue; // an ICMP answer to an earlier datagram: nothing to relay
      } catch (ClosedChannelException e) {
        return;
      }
      if (from == null) {
        return;
      }
      buffer.flip();
      int n = buffer.remaining();
      if (bus.isActive()) {
        bus.publish(
            new TrafficEvent.Received(
                Instant.now(),
                session.upstreamId,
                session.upstreamLocal,
                target,
                n,
                payload(buffer)));
      }
      listen.send(buffer, session.client);
      session.lastActivity = System.nanoTime();
      session.bytesOut += n;
      session.datagramsOut++;
      if (bus.isActive()) {
        buffer.rewind();
        bus.publish(
            new TrafficEvent.Sent(
                Instant.now(), session.clientId, local, session.client, n, payload(buffer)));
      }
    }
  }

  private void sweep(long now, long idle) {
    for (Session s : table.values()) {
      if (now - s.lastActivity >= idle) {
        end(s, Ending.IDLE, "no datagram for " + options.sessionIdle().toMillis() + " ms");
      }
    }
  }

  private void end(Session s, Ending ending, String detail) {
    if (!s.ended.compareAndSet(false, true)) {
      return;
    }
    table.remove(s.client, s);
    try {
      s.channel.close(); // also cancels its key
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing a session socket failed", e);
    }
    listener.onEvent(
        new RelayEvent.Closed(
            Instant.now(),
            s.number,
            s.client,
            targetText,
            new RelaySummary(
                s.bytesIn,
                s.bytesOut,
                s.datagramsIn,
                s.datagramsOut,
                Duration.ofNanos(System.nanoTime() - s.startNanos),
                ending,
                detail)));
  }

  private byte[] payload(ByteBuffer datagram) {
    if (!bus.wantsPayload()) {
      return null;
    }
    byte[] copy = new byte[datagram.remaining()];
    datagram.get(datagram.position(), copy);
    return copy;
  }

  /** Datagrams dropped so far (refused clients, full table, sockets that could not be opened). */
  public long dropped() {
    return drops.total();
  }

  @Override
  public SocketAddress localAddress() {
    return local;
  }

  @Override
  public TrafficBus events() {
    return bus;
  }

  @Override
  public int sessions() {
    return table.size();
  }

  @Override
  public boolean awaitStop(Duration timeout) throws InterruptedException {
    if (timeout == null) {
      stopped.await();
      return true;
    }
    return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    IOException failure = null;
    try {
      listen.close();
    } catch (IOException e) {
      failure = e;
    }
    selector.wakeup();
    try {
      inbound.join(Duration.ofSeconds(5));
      outbound.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Session s : List.copyOf(table.values())) {
      end(s, Ending.STOPPED, "the relay was closed");
    }
    try {
      selector.close();
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    drops.flush();
    bus.publish(new TrafficEvent.Closed(Instant.now(), 0, local, null, 0, 0));
    stopped.countDown();
    if (failure != null) {
      throw failure;
    }
  }
}
