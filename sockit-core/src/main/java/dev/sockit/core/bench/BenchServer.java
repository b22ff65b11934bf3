package dev.sockit.core.bench;

import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Answers every {@link BenchMode} on one port number, TCP and UDP. Each TCP connection starts with
 * its mode byte: STREAM sinks data and reports the count (or, reversed, sends for a given time), RR
 * echoes fixed-size requests, CRR answers one request (tagged with its test's id) and closes, UDP
 * registers a run whose datagrams the UDP thread counts until the client says how many it sent. One
 * platform thread accepts, one reads datagrams, one virtual thread per connection. A listener given
 * to {@link #bind(BenchServerOptions, Consumer)} is told what the server saw of each test
 * connection when it ends ({@link Served}), as iperf3's server prints each test.
 */
public final class BenchServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(BenchServer.class.getName());

  /** How long after the client's last datagram the count waits for stragglers. */
  private static final long UDP_GRACE_MILLIS = 200;

  private final ServerSocketChannel tcp;
  private final DatagramChannel udp;
  private final int dropEvery;
  private final Map<Long, UdpAccount> runs = new ConcurrentHashMap<>();
  private final Thread acceptor;
  private final Thread datagrams;
  private final Consumer<Served> listener;

  /**
   * Open once the datagram thread can keep up (its native calls linked): runs are acknowledged only
   * then.
   */
  private final CountDownLatch udpReady = new CountDownLatch(1);

  private volatile boolean closed;
  private volatile boolean batching;

  /**
   * What the server saw of one test connection, when it ended.
   *
   * @param client the client's address
   * @param mode the test
   * @param reverse STREAM: the server sent (the client's {@code --reverse})
   * @param bytes STREAM: payload bytes received (sent, when reversed); RR and CRR: request bytes
   *     echoed
   * @param exchanges RR: round trips; CRR: 1 (each connection is one); otherwise 0
   * @param took from the client's greeting to the end of the connection
   * @param udp UDP: what arrived, as reported to the client; {@code null} otherwise, or when the
   *     run ended before its report
   * @param test CRR: the client's id for the test, the same on all of its connections; otherwise 0
   */
  public record Served(
      InetSocketAddress client,
      BenchMode mode,
      boolean reverse,
      long bytes,
      long exchanges,
      Duration took,
      UdpReport udp,
      long test) {}

  private BenchServer(
      ServerSocketChannel tcp, DatagramChannel udp, int dropEvery, Consumer<Served> listener) {
    this.tcp = tcp;
    this.udp = udp;
    this.dropEvery = dropEvery;
    this.listener = listener;
    this.acceptor =
        Thread.ofPlatform().name("sockit-bench-accept").daemon().start(this::acceptLoop);
    this.datagrams = Thread.ofPlatform().name("sockit-bench-udp").daemon().start(this::udpLoop);
  }

  /**
   * Binds TCP and then UDP on the same port number and starts serving.
   *
   * @param options where to listen
   * @return the running server
   * @throws IOException if either socket cannot be bound
   */
  public static BenchServer bind(BenchServerOptions options) throws IOException {
    return bind(options, served -> {});
  }

  /**
   * Binds TCP and then UDP on the same port number and starts serving, telling {@code listener}
   * about each test connection when it ends (on that connection's thread).
   *
   * @param options where to listen
   * @param listener told what the server saw; keep it quick and thread-safe
   * @return the running server
   * @throws IOException if either socket cannot be bound
   */
  public static BenchServer bind(BenchServerOptions options, Consumer<Served> listener)
      throws IOException {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(listener, "listener");
    for (int attempt = 1; ; attempt++) {
      ServerSocketChannel tcp = ServerSocketChannel.open();
      DatagramChannel udp = null;
      try {
        tcp.bind(new InetSocketAddress(options.address(), options.port()), 1024);
        int port = ((InetSocketAddress) tcp.getLocalAddress()).getPort();
        udp = DatagramChannel.open();
        udp.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
        try {
          udp.bind(new InetSocketAddress(options.address(), port));
        } catch (java.net.BindException e) {
          if (options.port() == 0 && attempt < 10) {
            tcp.close(); // the system's choice of a TCP port is taken for UDP: another one
            udp.close();
            continue;
          }
          throw new UdpBindException(port, e);
        }
        return new BenchServer(tcp, udp, options.dropEvery(), listener);
      } catch (IOException | RuntimeException e) {
        tcp.close();
        if (udp != null) {
          udp.close();
        }
        throw e;
      }
    }
  }

  /**
   * The UDP socket could not be bound to the port number the TCP socket got (the server needs
   * both): that UDP port is in use.
   */
  public static final class UdpBindException extends java.net.BindException {
    private static final long serialVersionUID = 1L;
    private final int port;

    UdpBindException(int port, java.net.BindException cause) {
      super(cause.getMessage());
      initCause(cause);
      this.port = port;
    }

    /**
     * The port number that UDP could not have.
     *
     * @return the port
     */
    public int port() {
      return port;
    }
  }

  /**
   * The TCP address bound (UDP has the same port).
   *
   * @return the address
   * @throws IOException if closed
   */
  public InetSocketAddress localAddress() throws IOException {
    return (InetSocketAddress) tcp.getLocalAddress();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        SocketChannel ch = tcp.accept();
        // Virtual threads measured faster here than platform threads for both rr and crr
        // (thread start and futex wake-ups cost more than the JDK poller's hand-off).
        Thread.ofVirtual().name("sockit-bench-conn").start(() -> serve(ch));
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "accept failed", e);
      }
    }
  }

  private void serve(SocketChannel ch) {
    try (ch) {
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      ByteBuffer hello =
          Io.greetingFrom(
              ch); // a client that sends less than a greeting is dropped after a few seconds
      byte[] magic = new byte[Io.MAGIC.length];
      hello.get(magic);
      BenchMode mode = BenchMode.of(hello.get());
      if (!java.util.Arrays.equals(magic, Io.MAGIC) || mode == null) {
        return; // not a bench client (nc, a browser, 'sockit send'): closed without an answer
      }
      InetSocketAddress client = (InetSocketAddress) ch.getRemoteAddress();
      long t0 = System.nanoTime();
      Tally tally = new Tally();
      try {
        switch (mode) {
          case STREAM -> onPlatformThread(() -> stream(ch, tally));
          case RR -> echo(ch, Io.fill(ch, ByteBuffer.allocate(4)).getInt(), false, tally);
          case CRR -> {
            ByteBuffer head = Io.fill(ch, ByteBuffer.allocate(12)); // size, then the test's id
            int size = head.getInt();
            tally.test = head.getLong();
            echo(ch, size, true, tally);
          }
          case UDP -> udpRun(ch, tally);
        }
      } finally {
        tell(
            new Served(
                client,
                mode,
                tally.reverse,
                tally.bytes,
                tally.exchanges,
                Duration.ofNanos(System.nanoTime() - t0),
                tally.udp,
                tally.test));
      }
    } catch (EOFException | ClosedChannelException e) {
      // the client finished or went away
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "bench connection failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What a test connection has done so far (written by its one thread, read after it). */
  private static final class Tally {
    volatile boolean reverse;
    volatile long bytes;
    volatile long exchanges;
    volatile UdpReport udp;
    volatile long test;
  }

  private void tell(Served served) {
    try {
      listener.accept(served);
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "bench server listener failed", e);
    }
  }

  /** An I/O action. */
  private interface IoAction {
    void run() throws IOException;
  }

  /**
   * Runs a bulk stream on a platform thread: a virtual thread parks through the JDK's poller each
   * time the socket runs dry, which on loopback costs a quarter of the throughput (measured).
   */
  private static void onPlatformThread(IoAction action) throws IOException, InterruptedException {
    IOException[] failure = new IOException[1];
    Thread t =
        Thread.ofPlatform()
            .name("sockit-bench-stream")
            .start(
                () -> {
                  try {
                    action.run();
                  } catch (IOException e) {
                    failure[0] = e;
                  }
                });
    t.join();
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  private static void stream(SocketChannel ch, Tally tally) throws IOException {
    ByteBuffer head = Io.fill(ch, ByteBuffer.allocate(13));
    Io.writeFully(
        ch, ByteBuffer.wrap(Io.MAGIC)); // the client starts (or reads the data) only after this
    boolean reverse = head.get() != 0;
    tally.reverse = reverse;
    long nanos = head.getLong();
    int size = head.getInt();
    if (!reverse) {
      ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
      long total = 0;
      try {
        for (int n = ch.read(buf); n >= 0; n = ch.read(buf.clear())) {
          total += n;
        }
      } finally {
        tally.bytes = total;
      }
      Io.writeFully(ch, ByteBuffer.allocate(8).putLong(0, total));
      return;
    }
    ByteBuffer buf = ByteBuffer.allocateDirect(Math.max(1, Math.min(size, 64 << 20)));
    long end = System.nanoTime() + nanos;
    long sent = 0;
    try {
      while (System.nanoTime() < end) {
        Io.writeFully(ch, buf.clear());
        sent += buf.capacity();
      }
    } finally {
      tally.bytes = sent;
    }
  }

  /**
   * RR greets once, then echoes; CRR answers its one request with the greeting and the echo in one
   * write, so a crr round trip stays one round trip.
   */
  private static void echo(SocketChannel ch, int size, boolean once, Tally tally)
      throws IOException {
    if (size < 1 || size > 64 << 20) {
      return;
    }
    ByteBuffer buf = ByteBuffer.allocateDirect(size);
    if (once) {
      Io.fill(ch, buf.clear());
      Io.writeFully(
          ch,
          ByteBuffer.allocateDirect(Io.MAGIC.length + size).put(Io.MAGIC).put(buf.rewind()).flip());
      tally.bytes = size;
      tally.exchanges = 1;
      return;
    }
    Io.writeFully(ch, ByteBuffer.wrap(Io.MAGIC));
    long exchanges = 0;
    try {
      while (true) {
        Io.fill(ch, buf.clear());
        Io.writeFully(ch, buf.rewind());
        exchanges++;
      }
    } finally {
      tally.exchanges = exchanges;
      tally.bytes = exchanges * size;
    }
  }

  private void udpRun(SocketChannel ch, Tally tally) throws IOException, InterruptedException {
    long run = Io.fill(ch, ByteBuffer.allocate(8)).getLong();
    UdpAccount account = new UdpAccount();
    runs.put(run, account);
    try {
      // A client of a server that has just started (`bench loopback`) would otherwise send while
      // the receive calls are still being linked, and count the datagrams that overflow meanwhile
      // as lost. Bounded: after 5 s the run goes ahead with whatever receives.
      Io.writeFully(
          ch,
          ByteBuffer.wrap(
              Io.MAGIC)); // greeted at once: the wait below is not the client's greeting timeout
      udpReady.await(5, TimeUnit.SECONDS);
      Io.writeFully(
          ch, ByteBuffer.wrap(new byte[] {1})); // registered: datagrams of this run now count
      long sent = Io.fill(ch, ByteBuffer.allocate(8)).getLong();
      Thread.sleep(UDP_GRACE_MILLIS);
      UdpReport r = account.report(sent);
      tally.udp = r;
      ByteBuffer out =
          ByteBuffer.allocate(40)
              .putLong(r.received())
              .putLong(r.lost())
              .putLong(r.reordered())
              .putLong(r.duplicates())
              .putDouble(r.jitterMillis());
      Io.writeFully(ch, out.flip());
    } finally {
      runs.remove(run);
    }
  }

  private void udpLoop() {
    try {
      receiveDatagrams();
    } finally {
      udpReady.countDown(); // never leave a run waiting on a thread that has ended
    }
  }

  private void receiveDatagrams() {
    if (UdpBatch.available()) {
      batching = true; // from here close() waits for this thread before it closes the channel
      try (UdpBatch batch = UdpBatch.receiver(udp)) {
        // Its calls made once before runs are let in: the first call of each links it (tens of
        // ms in a fresh JVM), and datagrams sent meanwhile could overflow the receive buffer.
        // Nothing received now belongs to a run: clients send only once udpReady has opened.
        batch.receive(0);
        udpReady.countDown();
        batchLoop(batch);
        return;
      } catch (IOException | RuntimeException e) {
        batching = false;
        if (closed) {
          return;
        }
        LOG.log(
            Level.DEBUG, "batched datagram receive failed; one datagram per call from now on", e);
      }
    }
    ByteBuffer buf = ByteBuffer.allocateDirect(65_536);
    long arrivals = 0;
    udpReady.countDown();
    while (!closed) {
      try {
        udp.receive(buf.clear());
        long now = System.nanoTime();
        if (buf.flip().remaining() < BenchOptions.UDP_HEADER
            || (dropEvery > 0 && ++arrivals % dropEvery == 0)) {
          continue;
        }
        UdpAccount account = runs.get(buf.getLong());
        if (account != null) {
          account.record(buf.getLong(), buf.getLong(), now);
        }
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "datagram receive failed", e);
      }
    }
  }

  /**
   * Datagrams {@link UdpBatch#COUNT} at a time, each with the kernel's arrival time. The loop looks
   * at {@code closed} at least every 100 ms; {@link #close} waits for it before closing the
   * channel.
   */
  private void batchLoop(UdpBatch batch) throws IOException {
    long arrivals = 0;
    while (!closed) {
      int n = batch.receive(100);
      for (int i = 0; i < n; i++) {
        if (batch.length(i) < BenchOptions.UDP_HEADER
            || (dropEvery > 0 && ++arrivals % dropEvery == 0)) {
          continue;
        }
        UdpAccount account = runs.get(batch.getLong(i, 0));
        if (account != null) {
          account.record(batch.getLong(i, 8), batch.getLong(i, 16), batch.arrivalNanos(i));
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    if (batching) {
      // The batch loop calls libc on the descriptor itself: it must be done before the channel
      // closes the descriptor (whose number could otherwise be reused under it).
      try {
        datagrams.join(); // ends within 100 ms: the loop looks at closed after every wait
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    IOException first = null;
    for (AutoCloseable c : new AutoCloseable[] {tcp, udp}) {
      try {
        c.close();
      } catch (Exception e) {
        if (first == null) {
          first = e instanceof IOException io ? io : new IOException(e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    try {
      acceptor.join(2000);
      datagrams.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (first != null) {
      throw first;
    }
  }
}
