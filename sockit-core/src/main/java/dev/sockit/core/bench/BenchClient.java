package dev.sockit.core.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one measurement against a {@link BenchServer}. Every loop is bounded by the run's deadline;
 * a reporter thread tells the {@link IntervalListener} about each interval. A warm-up ({@link
 * BenchOptions#omit()}) runs the same traffic first and is left out of the result: stream bytes are
 * counted from the moment it ends, round trips that began in it are not recorded, and its datagrams
 * carry sequence number -1, which the server does not count.
 */
public final class BenchClient {
  private final InetSocketAddress server;
  private final BenchOptions options;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong transactions = new AtomicLong();

  /**
   * Each stream's bytes, when a STREAM run has several streams (else empty): those streams count
   * here instead of in {@link #bytes} (no shared counter between them), and the reporter adds them
   * up.
   */
  private final AtomicLong[] perStream;

  /** {@link #perStream} when the warm-up ended, taken with {@link #bytesBefore}. */
  private final long[] perStreamBefore;

  private final IntervalListener listener;
  private volatile long start;

  /** When the warm-up ends and the measurement begins ({@code start} without a warm-up). */
  private volatile long measured;

  private volatile long deadline;

  /**
   * The client's byte count when the warm-up ended (0 without one), which the reporter takes at
   * that moment; read after the run, which lasts at least 100 ms past it.
   */
  private volatile long bytesBefore;

  private Thread reporter;

  /** When a {@link Stop} ended the run early ({@code Long.MAX_VALUE} until then). */
  private volatile long stoppedAt = Long.MAX_VALUE;

  private volatile Thread runner;

  /** Reverse streams' channels: a stop closes them, as only the server would end those reads. */
  private final java.util.Set<SocketChannel> receiving =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Channels waiting for the server's greeting: a stop closes them too. */
  private final java.util.Set<SocketChannel> greeting =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Ends a run early, as Ctrl-C ends iperf3's: the run stops where it is and returns a result for
   * the time measured so far (its seconds say how long), with the interval under way reported up to
   * the stop. May be called from any thread, before or during the run.
   */
  public static final class Stop {
    private volatile BenchClient client;
    private volatile boolean requested;

    /** Stops the run this was given to (or the next one, if it has not started). */
    public void stop() {
      requested = true;
      BenchClient c = client;
      if (c != null) {
        c.stopNow();
      }
    }

    /**
     * Whether {@link #stop} was called.
     *
     * @return true once it was
     */
    public boolean requested() {
      return requested;
    }

    private void attach(BenchClient c) {
      client = c;
      if (requested) {
        c.stopNow();
      }
    }
  }

  private synchronized void stopNow() {
    long now = System.nanoTime();
    stoppedAt = now;
    if (now < deadline) {
      deadline = now;
    }
    if (now < measured) {
      measured = now;
    }
    for (java.util.Set<SocketChannel> set : List.of(receiving, greeting)) {
      for (SocketChannel ch : set) {
        try {
          ch.close();
        } catch (IOException e) {
          // it ends the read either way
        }
      }
    }
    Thread r = runner;
    if (r != null) {
      LockSupport.unpark(r); // a paced UDP sender may be waiting for its next datagram
    }
    Thread rep = reporter;
    if (rep != null) {
      LockSupport.unpark(rep);
    }
  }

  private BenchClient(InetSocketAddress server, BenchOptions options, IntervalListener listener) {
    this.server = server;
    this.options = options;
    this.listener = listener;
    int streams =
        options.mode() == BenchMode.STREAM && options.parallel() > 1 ? options.parallel() : 0;
    this.perStream = new AtomicLong[streams];
    for (int i = 0; i < streams; i++) {
      perStream[i] = new AtomicLong();
    }
    this.perStreamBefore = new long[streams];
  }

  /**
   * Measures for {@code options.duration()}.
   *
   * @param server the server's address (TCP; UDP uses the same port)
   * @param options what to measure
   * @param listener told about each interval
   * @return the result
   * @throws IOException if the server cannot be reached or fails mid-run
   */
  public static BenchResult run(
      InetSocketAddress server, BenchOptions options, IntervalListener listener)
      throws IOException {
    return run(server, options, listener, new Stop());
  }

  /**
   * Measures for {@code options.duration()}, or until {@code stop} is called.
   *
   * @param server the server's address (TCP; UDP uses the same port)
   * @param options what to measure
   * @param listener told about each interval
   * @param stop ends the run early; the result then covers the time measured until then
   * @return the result
   * @throws IOException if the server cannot be reached or fails mid-run
   */
  public static BenchResult run(
      InetSocketAddress server, BenchOptions options, IntervalListener listener, Stop stop)
      throws IOException {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(stop, "stop");
    BenchClient c = new BenchClient(server, options, listener);
    c.runner = Thread.currentThread();
    c.begin();
    stop.attach(c);
    try {
      BenchResult r =
          switch (options.mode()) {
            case STREAM -> c.stream();
            case RR -> c.rr();
            case CRR -> c.crr();
            case UDP -> c.udp();
          };
      c.awaitLastInterval();
      return r;
    } finally {
      c.reporter.interrupt();
    }
  }

  /**
   * Starts the clock and the reporter; a mode that needs a handshake first calls it again after.
   */
  private synchronized void begin() {
    if (reporter != null) {
      reporter.interrupt();
    }
    start = System.nanoTime();
    long stop = stoppedAt;
    measured = Math.min(start + options.omit().toNanos(), stop);
    deadline = Math.min(start + options.omit().toNanos() + options.duration().toNanos(), stop);
    bytesBefore = 0;
    java.util.Arrays.fill(perStreamBefore, 0);
    long from = start;
    reporter =
        Thread.ofPlatform()
            .daemon()
            .name("sockit-bench-report")
            .start(() -> report(listener, from));
  }

  /**
   * Lets the reporter tell the last interval, which ends at the deadline the run has just reached
   * (interrupting it at once could lose that line). Bounded: at most half a second.
   */
  private void awaitLastInterval() {
    try {
      reporter.join(Duration.ofMillis(500));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void report(IntervalListener listener, long start) {
    long step = options.interval().toNanos();
    long plannedMeasured = start + options.omit().toNanos();
    long plannedDeadline = plannedMeasured + options.duration().toNanos();
    long lastBytes = 0;
    long lastTx = 0;
    long[] lastStream = new long[perStream.length];
    long[] streamBytes = new long[perStream.length];
    long from = start;
    while (from < Math.min(plannedDeadline, stoppedAt)) {
      // a stop ends the warm-up or the run where it is; the interval under way ends there too
      long measured = Math.min(plannedMeasured, stoppedAt);
      long deadline = Math.min(plannedDeadline, stoppedAt);
      boolean warmUp = from < measured;
      long origin = warmUp ? start : measured;
      long at = Math.min(from + step, warmUp ? measured : deadline);
      for (long now = System.nanoTime(); now < at && stoppedAt >= at; now = System.nanoTime()) {
        LockSupport.parkNanos(
            at - now); // again if it returns early: the counts are taken at the interval's end
        if (Thread.interrupted()) {
          return;
        }
      }
      if (stoppedAt < at) {
        continue; // stopped while waiting: this interval ends at the stop
      }
      if (Thread.interrupted()) {
        return;
      }
      long b = bytes.get();
      for (int i = 0; i < perStream.length; i++) {
        long now = perStream[i].get();
        streamBytes[i] = now - lastStream[i];
        lastStream[i] = now;
        b += now;
      }
      long t = transactions.get();
      if (perStream.length > 0) {
        listener.streams((from - origin) / 1e9, (at - origin) / 1e9, streamBytes, warmUp);
      }
      if (warmUp) {
        listener.omitted((from - origin) / 1e9, (at - origin) / 1e9, b - lastBytes, t - lastTx);
        if (at == measured) {
          System.arraycopy(lastStream, 0, perStreamBefore, 0, lastStream.length);
          bytesBefore = b;
        }
      } else {
        listener.interval((from - origin) / 1e9, (at - origin) / 1e9, b - lastBytes, t - lastTx);
      }
      lastBytes = b;
      lastTx = t;
      from = at;
    }
  }

  /** Whether a {@link Stop} has ended the run. */
  private boolean stopped() {
    return stoppedAt != Long.MAX_VALUE;
  }

  /** Seconds measured so far (the warm-up left out). */
  private double elapsed() {
    return Math.max(0, Math.min(System.nanoTime(), deadline) - measured) / 1e9;
  }

  /**
   * Waits for the server's greeting ({@link Io#expectGreeting}, up to 5 s), which a stop cuts
   * short: the channel is closed and the run fails, as nothing was measured yet.
   */
  private void greeted(SocketChannel ch) throws IOException {
    greeting.add(ch);
    try {
      if (stopped()) {
        throw new java.nio.channels.ClosedChannelException();
      }
      Io.expectGreeting(ch);
    } catch (IOException e) {
      if (!stopped()) {
        throw e;
      }
      IOException stopped =
          new java.io.InterruptedIOException(
              "interrupted before "
                  + server.getAddress().getHostAddress()
                  + " port "
                  + server.getPort()
                  + " answered");
      stopped.initCause(e);
      throw stopped;
    } finally {
      greeting.remove(ch);
    }
  }

  private SocketChannel open() throws IOException {
    SocketChannel ch = SocketChannel.open(server);
    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
    return ch;
  }

  private BenchResult stream() throws IOException {
    List<CompletableFuture<Long>> streams = new ArrayList<>();
    for (int i = 0; i < options.parallel(); i++) {
      CompletableFuture<Long> f = new CompletableFuture<>();
      AtomicLong mine = perStream.length > 0 ? perStream[i] : null;
      // platform threads: see BenchServer.onPlatformThread
      Thread.ofPlatform()
          .name("sockit-bench-stream")
          .daemon()
          .start(
              () -> {
                try {
                  f.complete(options.reverse() ? receiveStream(mine) : sendStream(mine));
                } catch (Throwable t) {
                  f.completeExceptionally(t);
                }
              });
      streams.add(f);
    }
    long total = 0;
    long[] each = new long[streams.size()];
    for (int i = 0; i < each.length; i++) {
      each[i] = join(streams.get(i));
      total += each[i];
    }
    // Forward, the server's count; reversed, ours. Either way less what moved in the warm-up.
    // nothing measured (stopped during the warm-up): nothing counted, whatever was still in flight
    boolean none = deadline - measured <= 0;
    total = none ? 0 : Math.max(0, total - bytesBefore);
    // each stream's share the same way; they add up to the total (bytesBefore is the sum of the
    // streams' warm-up counts, and no stream's count is below its warm-up's: the server received
    // at least what was sent by then, and a reverse stream counted at least that)
    List<Long> shares = new ArrayList<>();
    for (int i = 0; i < perStream.length; i++) {
      shares.add(none ? 0 : Math.max(0, each[i] - perStreamBefore[i]));
    }
    return new BenchResult(
        BenchMode.STREAM, Math.max(0, deadline - measured) / 1e9, total, 0, null, null, shares);
  }

  private static long join(CompletableFuture<Long> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }

  private ByteBuffer streamHeader(boolean reverse) {
    return Io.greeting(14)
        .put(BenchMode.STREAM.code)
        .put((byte) (reverse ? 1 : 0))
        .putLong(options.omit().toNanos() + options.duration().toNanos())
        .putInt(options.size())
        .flip();
  }

  private long sendStream(AtomicLong mine) throws IOException {
    try (SocketChannel ch = open()) {
      Io.writeFully(ch, streamHeader(false));
      greeted(ch);
      ByteBuffer buf = ByteBuffer.allocateDirect(options.size());
      while (System.nanoTime() < deadline) {
        Io.writeFully(ch, buf.clear());
        (mine != null ? mine : bytes).addAndGet(buf.capacity());
      }
      ch.shutdownOutput();
      return Io.fill(ch, ByteBuffer.allocate(8)).getLong();
    }
  }

  private long receiveStream(AtomicLong mine) throws IOException {
    try (SocketChannel ch = open()) {
      receiving.add(ch);
      long total = 0;
      try {
        if (stopped()) {
          return 0;
        }
        Io.writeFully(ch, streamHeader(true));
        greeted(ch);
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        for (int n = ch.read(buf); n >= 0; n = ch.read(buf.clear())) {
          if (System.nanoTime()
              <= deadline) { // the server's clock starts later and ends later: what comes after
            // ours is left out
            total += n;
            (mine != null ? mine : bytes).addAndGet(n);
          }
        }
      } catch (java.nio.channels.ClosedChannelException e) {
        if (!stopped()) {
          throw e;
        }
        return total; // stopped: the server would have gone on sending
      } finally {
        receiving.remove(ch);
      }
      long early = deadline - System.nanoTime();
      if (early
          > 0) { // the server's run ends after ours, so only a server that stopped ends sooner
        throw new IOException(
            String.format(
                java.util.Locale.ROOT,
                "the server ended the stream %.2f s before the end of the run;"
                    + " was it stopped?",
                early / 1e9));
      }
      return total;
    }
  }

  private BenchResult rr() throws IOException {
    LatencyHistogram h = new LatencyHistogram();
    int size = options.size();
    try (SocketChannel ch = open()) {
      Io.writeFully(ch, Io.greeting(5).put(BenchMode.RR.code).putInt(size).flip());
      greeted(ch);
      ByteBuffer req = ByteBuffer.allocateDirect(size);
      ByteBuffer resp = ByteBuffer.allocateDirect(size);
      long t0 = System.nanoTime();
      while (t0 < deadline) {
        Io.writeFully(ch, req.clear());
        Io.fill(ch, resp.clear());
        t0 = roundTrip(h, t0, size);
      }
    }
    return latencies(BenchMode.RR, h, size);
  }

  private BenchResult crr() throws IOException {
    LatencyHistogram h = new LatencyHistogram();
    int size = options.size();
    // every connection of this test carries its id, so that a server can add them up per test
    ByteBuffer req = ByteBuffer.allocateDirect(Io.MAGIC.length + 13 + size);
    req.put(Io.MAGIC).put(BenchMode.CRR.code).putInt(size).putLong(new SecureRandom().nextLong());
    ByteBuffer resp = ByteBuffer.allocateDirect(Io.MAGIC.length + size);
    long t0 = System.nanoTime();
    boolean first = true;
    while (t0 < deadline) {
      try (SocketChannel ch = open()) {
        Io.writeFully(ch, req.clear());
        if (first) {
          greeted(ch); // the server's answer starts with the greeting: checked once, with a timeout
          resp.position(Io.MAGIC.length);
          first = false;
        } else {
          resp.clear();
        }
        Io.fill(ch, resp);
      }
      t0 = roundTrip(h, t0, size);
    }
    return latencies(BenchMode.CRR, h, size);
  }

  /**
   * Counts one exchange of {@code size} bytes each way that began at {@code t0} (recorded only if
   * it began after the warm-up); returns its end.
   */
  private long roundTrip(LatencyHistogram h, long t0, int size) {
    long t1 = System.nanoTime();
    if (t0 >= measured) {
      h.record(t1 - t0);
    }
    transactions.incrementAndGet();
    bytes.addAndGet(2L * size);
    return t1;
  }

  private BenchResult latencies(BenchMode mode, LatencyHistogram h, int size) {
    return new BenchResult(mode, elapsed(), 2L * size * h.count(), h.count(), h.summary(), null);
  }

  private BenchResult udp() throws IOException {
    long run = new SecureRandom().nextLong();
    int size = options.size();
    try (SocketChannel control = open();
        DatagramChannel dc = DatagramChannel.open()) {
      Io.writeFully(control, Io.greeting(9).put(BenchMode.UDP.code).putLong(run).flip());
      greeted(control);
      Io.fill(control, ByteBuffer.allocate(1)); // the server counts this run from now on
      begin();
      dc.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
      dc.connect(new InetSocketAddress(server.getAddress(), server.getPort()));
      ByteBuffer d = ByteBuffer.allocateDirect(size);
      long gap = options.bitrate() == 0 ? 0 : (long) (size * 8 * 1e9 / options.bitrate());
      boolean batched = gap == 0 && UdpBatch.available();
      long seq =
          batched ? flatOut(dc, run, size) : 0; // counted datagrams: those sent after the warm-up
      long paced = 0; // every datagram, the warm-up's too: the schedule
      for (long now = System.nanoTime(); !batched && now < deadline; now = System.nanoTime()) {
        long due = start + paced * gap;
        if (now < due) {
          LockSupport.parkNanos(Math.min(due - now, deadline - now));
          continue;
        }
        boolean counted = now >= measured;
        d.clear();
        d.putLong(0, run).putLong(8, counted ? seq : -1).putLong(16, System.nanoTime());
        dc.write(d);
        paced++;
        if (counted) {
          seq++;
        }
        transactions.incrementAndGet();
        bytes.addAndGet(size);
      }
      double seconds = elapsed();
      Io.writeFully(control, ByteBuffer.allocate(8).putLong(0, seq));
      ByteBuffer r = Io.fill(control, ByteBuffer.allocate(40));
      UdpReport report =
          new UdpReport(seq, r.getLong(), r.getLong(), r.getLong(), r.getLong(), r.getDouble());
      return new BenchResult(BenchMode.UDP, seconds, report.received() * size, seq, null, report);
    }
  }

  /**
   * Flat out (no target bitrate): many datagrams per system call ({@link UdpBatch#capacity()}; with
   * UDP GSO the kernel cuts them apart), each stamped as it is filled in. Paced runs send one at a
   * time so that each stamp is its sending time.
   *
   * @return how many were sent
   */
  private long flatOut(DatagramChannel dc, long run, int size) throws IOException {
    long seq = 0;
    try (UdpBatch batch = UdpBatch.sender(dc, size)) {
      int n = batch.capacity();
      for (long now = System.nanoTime(); now < deadline; now = System.nanoTime()) {
        boolean counted =
            now >= measured; // warm-up datagrams carry -1: the server does not count them
        for (int i = 0; i < n; i++) {
          batch.putLong(i, 0, run);
          batch.putLong(i, 8, counted ? seq + i : -1);
          batch.putLong(i, 16, System.nanoTime());
        }
        batch.send(n);
        if (counted) {
          seq += n;
        }
        transactions.addAndGet(n);
        bytes.addAndGet((long) n * size);
      }
    }
    return seq;
  }
}
