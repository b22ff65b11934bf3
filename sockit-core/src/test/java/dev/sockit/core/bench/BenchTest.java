package dev.sockit.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each mode for about a second against a real server on loopback. */
@Timeout(60)
class BenchTest {
  private static final Duration SECOND = Duration.ofSeconds(1);

  private static BenchResult run(
      BenchServerOptions server, BenchOptions options, IntervalListener l) throws Exception {
    try (BenchServer s = BenchServer.bind(server)) {
      return BenchClient.run(s.localAddress(), options, l);
    }
  }

  @Test
  void streamMovesBytesAndReportsIntervals() throws Exception {
    AtomicInteger intervals = new AtomicInteger();
    BenchOptions o =
        new BenchOptions(BenchMode.STREAM, SECOND, 128 * 1024, 2, false, 0, Duration.ofMillis(250));
    BenchResult r =
        run(
            BenchServerOptions.loopback(0),
            o,
            (from, to, bytes, tx) -> {
              assertThat(to).isGreaterThan(from);
              intervals.incrementAndGet();
            });
    assertThat(r.bytes()).isGreaterThan(10L << 20);
    assertThat(r.bitsPerSecond()).isGreaterThan(80e6);
    assertThat(intervals.get()).isEqualTo(4); // the last one too: the run waits for it
  }

  /**
   * Parallel streams are counted each on its own, as iperf3 shows them: every interval's streams
   * add up to its total, and the result's shares add up to the result, warm-up left out, both ways.
   */
  @Test
  void parallelStreamsAreCountedEachAndAddUp() throws Exception {
    for (boolean reverse : new boolean[] {false, true}) {
      java.util.List<long[]> shares = new java.util.concurrent.CopyOnWriteArrayList<>();
      java.util.List<Long> totals = new java.util.concurrent.CopyOnWriteArrayList<>();
      IntervalListener l =
          new IntervalListener() {
            @Override
            public void interval(double from, double to, long bytes, long transactions) {
              totals.add(bytes);
            }

            @Override
            public void omitted(double from, double to, long bytes, long transactions) {
              totals.add(bytes);
            }

            @Override
            public void streams(double from, double to, long[] bytes, boolean omitted) {
              shares.add(bytes.clone());
            }
          };
      BenchOptions o =
          new BenchOptions(
              BenchMode.STREAM,
              Duration.ofMillis(600),
              64 * 1024,
              3,
              reverse,
              0,
              Duration.ofMillis(200),
              Duration.ofMillis(200));
      BenchResult r = run(BenchServerOptions.loopback(0), o, l);
      assertThat(r.streams())
          .as("reverse %s", reverse)
          .hasSize(3)
          .allSatisfy(b -> assertThat(b).isPositive());
      assertThat(r.streams().stream().mapToLong(Long::longValue).sum())
          .as("reverse %s", reverse)
          .isEqualTo(r.bytes());
      assertThat(shares)
          .as("reverse %s: a streams call per interval, warm-up included", reverse)
          .hasSize(totals.size())
          .hasSize(4);
      for (int i = 0; i < shares.size(); i++) {
        assertThat(shares.get(i)).hasSize(3);
        assertThat(java.util.Arrays.stream(shares.get(i)).sum())
            .as("interval %d", i)
            .isEqualTo(totals.get(i));
      }
    }
    BenchOptions one =
        new BenchOptions(BenchMode.STREAM, Duration.ofMillis(300), 64 * 1024, 1, false, 0, SECOND);
    boolean[] told = new boolean[1];
    BenchResult r =
        run(
            BenchServerOptions.loopback(0),
            one,
            new IntervalListener() {
              @Override
              public void interval(double from, double to, long bytes, long transactions) {}

              @Override
              public void streams(double from, double to, long[] bytes, boolean omitted) {
                told[0] = true;
              }
            });
    assertThat(r.streams()).as("a single stream has no shares").isEmpty();
    assertThat(told[0]).isFalse();
  }

  @Test
  void reverseStreamCountsWhatTheServerSent() throws Exception {
    BenchOptions o = new BenchOptions(BenchMode.STREAM, SECOND, 64 * 1024, 1, true, 0, SECOND);
    assertThat(run(BenchServerOptions.loopback(0), o, IntervalListener.NONE).bytes())
        .isGreaterThan(10L << 20);
  }

  @Test
  void roundTripsHaveOrderedPercentiles() throws Exception {
    for (BenchMode mode : new BenchMode[] {BenchMode.RR, BenchMode.CRR}) {
      BenchResult r =
          run(
              BenchServerOptions.loopback(0),
              BenchOptions.of(mode).withDuration(SECOND),
              IntervalListener.NONE);
      Latency l = r.latency();
      assertThat(r.transactions()).as(mode.name()).isGreaterThan(100).isEqualTo(l.count());
      assertThat(l.p50Micros()).isPositive().isLessThanOrEqualTo(l.p90Micros());
      assertThat(l.p90Micros()).isLessThanOrEqualTo(l.p99Micros());
      assertThat(l.p99Micros()).isLessThanOrEqualTo(l.p999Micros());
      assertThat(l.p999Micros()).isLessThanOrEqualTo(l.maxMicros());
      assertThat(r.bytes()).isEqualTo(2 * r.transactions());
    }
  }

  @Test
  void pacedUdpArrivesWithoutLossOnLoopback() throws Exception {
    BenchOptions o = new BenchOptions(BenchMode.UDP, SECOND, 1000, 1, false, 20_000_000, SECOND);
    BenchResult r = run(BenchServerOptions.loopback(0), o, IntervalListener.NONE);
    UdpReport u = r.udp();
    assertThat(u.sent())
        .isBetween(2_000L, 2_600L); // 20 Mbit/s of 1000-byte datagrams is 2,500 per second
    assertThat(u.received() + u.lost()).isEqualTo(u.sent());
    assertThat(u.lossPercent()).isLessThan(1.0);
  }

  @Test
  void datagramsDroppedOnTheReceivingSideShowAsLoss() throws Exception {
    BenchOptions o = new BenchOptions(BenchMode.UDP, SECOND, 500, 1, false, 16_000_000, SECOND);
    BenchServerOptions dropping =
        new BenchServerOptions(java.net.InetAddress.getLoopbackAddress(), 0, 10);
    UdpReport u = run(dropping, o, IntervalListener.NONE).udp();
    assertThat(u.sent()).isGreaterThan(1_000);
    assertThat(u.lost()).isGreaterThanOrEqualTo(u.sent() / 10 - 1);
    assertThat(u.lossPercent()).isBetween(9.0, 12.0);
    assertThat(u.received() + u.lost()).isEqualTo(u.sent());
  }

  /** Collects the warm-up's intervals and the measured ones apart. */
  private static final class Intervals implements IntervalListener {
    final java.util.List<double[]> warmUp = new java.util.concurrent.CopyOnWriteArrayList<>();
    final java.util.List<double[]> measured = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void interval(double from, double to, long bytes, long transactions) {
      measured.add(new double[] {from, to, bytes, transactions});
    }

    @Override
    public void omitted(double from, double to, long bytes, long transactions) {
      warmUp.add(new double[] {from, to, bytes, transactions});
    }

    double sum(java.util.List<double[]> list, int field) {
      return list.stream().mapToDouble(x -> x[field]).sum();
    }
  }

  @Test
  void aWarmUpIsReportedApartAndLeftOutOfRoundTrips() throws Exception {
    Intervals seen = new Intervals();
    BenchOptions o =
        BenchOptions.of(BenchMode.RR)
            .withDuration(Duration.ofMillis(500))
            .withOmit(Duration.ofMillis(500));
    BenchResult r =
        run(
            BenchServerOptions.loopback(0),
            new BenchOptions(
                o.mode(), o.duration(), o.size(), 1, false, 0, Duration.ofMillis(250), o.omit()),
            seen);
    assertThat(seen.warmUp).hasSize(2);
    assertThat(seen.warmUp.get(0)[0]).isZero();
    assertThat(seen.warmUp.get(1)[1]).isEqualTo(0.5);
    assertThat(seen.measured).hasSize(2);
    assertThat(seen.measured.get(0)[0]).isZero(); // measured time starts again at 0
    assertThat(r.seconds()).isBetween(0.45, 1.0); // the measurement only, not the warm-up too
    double warmTx = seen.sum(seen.warmUp, 3);
    assertThat(warmTx).isGreaterThan(10);
    // the histogram holds the measured round trips only; the intervals are the reporter's counts,
    // taken when it wakes a little after the boundary, so the round trips of that moment (tens of
    // microseconds each) go to the warm-up's last interval though the histogram has them; on a
    // loaded machine the reporter can wake tens of ms late. The warm-up's round trips counted too
    // would double the figure.
    double measuredTx = seen.sum(seen.measured, 3);
    assertThat((double) r.transactions()).isBetween(measuredTx * 0.8, measuredTx * 1.25 + 2);
  }

  @Test
  void warmUpDatagramsAreNotCounted() throws Exception {
    Intervals seen = new Intervals();
    BenchOptions o =
        new BenchOptions(
            BenchMode.UDP,
            Duration.ofMillis(500),
            1000,
            1,
            false,
            20_000_000,
            Duration.ofMillis(250),
            Duration.ofMillis(500));
    UdpReport u = run(BenchServerOptions.loopback(0), o, seen).udp();
    assertThat(seen.sum(seen.warmUp, 3))
        .isGreaterThan(1_000); // 2,500 a second were sent in the warm-up too
    assertThat(u.sent())
        .isBetween(1_000L, 1_300L); // half a second at 2,500 a second: the measured ones only
    assertThat(u.received() + u.lost()).isEqualTo(u.sent());
    assertThat(u.lossPercent())
        .isLessThan(1.0); // the warm-up's datagrams did not count as received either
    assertThat(u.received()).isLessThanOrEqualTo(u.sent());
  }

  @Test
  void streamBytesAreCountedFromTheEndOfTheWarmUp() throws Exception {
    for (boolean reverse : new boolean[] {false, true}) {
      Intervals seen = new Intervals();
      BenchOptions o =
          new BenchOptions(
              BenchMode.STREAM,
              Duration.ofMillis(500),
              64 * 1024,
              1,
              reverse,
              0,
              Duration.ofMillis(250),
              Duration.ofMillis(500));
      BenchResult r = run(BenchServerOptions.loopback(0), o, seen);
      double warm = seen.sum(seen.warmUp, 2);
      double measured = seen.sum(seen.measured, 2);
      assertThat(warm).as("reverse " + reverse).isGreaterThan(1 << 20);
      assertThat(r.seconds()).isEqualTo(0.5);
      // the result is the measured part, give or take what was in flight at the boundary and the
      // end
      assertThat((double) r.bytes())
          .as("reverse " + reverse)
          .isBetween(measured * 0.5, measured * 1.5 + (16 << 20));
      assertThat((double) r.bytes()).as("reverse " + reverse).isLessThan(warm + measured);
    }
  }

  @Test
  void aNegativeWarmUpIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> BenchOptions.of(BenchMode.RR).withOmit(Duration.ofMillis(-1)))
        .hasMessageContaining("outside 0 - 1 h");
  }

  @Test
  void aServerThatIsNotABenchServerIsNamedAndNothingIsMeasured() throws Exception {
    try (java.net.ServerSocket web =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread answering =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (!web.isClosed()) {
                      try (java.net.Socket s = web.accept()) {
                        s.getOutputStream()
                            .write(
                                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        s.getInputStream().read(new byte[64]);
                      } catch (IOException e) {
                        // the next one, or closed
                      }
                    }
                  });
      java.net.InetSocketAddress at =
          new java.net.InetSocketAddress(
              java.net.InetAddress.getLoopbackAddress(), web.getLocalPort());
      for (BenchMode mode : BenchMode.values()) {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () ->
                    BenchClient.run(
                        at,
                        BenchOptions.of(mode).withDuration(Duration.ofMillis(300)),
                        IntervalListener.NONE))
            .as(mode.name())
            .isInstanceOf(IOException.class)
            .hasMessageContaining("answered 'HTTP'")
            .hasMessageContaining("not a sockit bench server");
      }
      web.close();
      answering.join(5000);
    }
  }

  @Test
  void aBenchServerClosesOnAClientThatDoesNotGreetIt() throws Exception {
    try (BenchServer s = BenchServer.bind(BenchServerOptions.loopback(0));
        java.nio.channels.SocketChannel ch =
            java.nio.channels.SocketChannel.open(s.localAddress())) {
      // what 'sockit send' would say to it: before, 'S' was read as STREAM and zeros came back for
      // ever
      Io.writeFully(
          ch,
          java.nio.ByteBuffer.wrap(
              "SKTX\0\2\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
      int n;
      try {
        n = ch.read(java.nio.ByteBuffer.allocate(16));
      } catch (
          java.net.SocketException reset) { // closed with our bytes unread: a reset, also no answer
        n = -1;
      }
      assertThat(n).isEqualTo(-1);
    }
  }

  @Test
  void aReverseStreamThatEndsEarlyIsAnError() throws Exception {
    try (java.net.ServerSocket fake =
        new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual()
          .start(
              () -> {
                try (java.net.Socket s =
                    fake.accept()) { // greets like a bench server, sends a little, then stops
                  s.getInputStream().readNBytes(Io.MAGIC.length + 14);
                  s.getOutputStream().write(Io.MAGIC);
                  s.getOutputStream().write(new byte[100_000]);
                } catch (IOException e) {
                  // the test fails on the client side if this goes wrong
                }
              });
      BenchOptions o =
          new BenchOptions(BenchMode.STREAM, Duration.ofSeconds(2), 65536, 1, true, 0, SECOND);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  BenchClient.run(
                      new java.net.InetSocketAddress(
                          java.net.InetAddress.getLoopbackAddress(), fake.getLocalPort()),
                      o,
                      IntervalListener.NONE))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("before the end of the run");
    }
  }

  /** The server tells its listener what it saw of each test: the same counts the client reports. */
  @Test
  void theServerTellsWhatItSawOfEachTest() throws Exception {
    java.util.concurrent.BlockingQueue<BenchServer.Served> seen =
        new java.util.concurrent.LinkedBlockingQueue<>();
    try (BenchServer s = BenchServer.bind(BenchServerOptions.loopback(0), seen::add)) {
      BenchResult stream =
          BenchClient.run(
              s.localAddress(),
              new BenchOptions(BenchMode.STREAM, SECOND, 64 * 1024, 1, false, 0, SECOND),
              IntervalListener.NONE);
      BenchServer.Served a = seen.poll(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(a.mode()).isEqualTo(BenchMode.STREAM);
      assertThat(a.reverse()).isFalse();
      assertThat(a.bytes()).isEqualTo(stream.bytes());
      assertThat(a.client().getAddress().isLoopbackAddress()).isTrue();
      // the server's clock starts after the accept and the header, so a slow start shortens it
      assertThat(a.took()).isGreaterThanOrEqualTo(Duration.ofMillis(500));

      BenchResult reverse =
          BenchClient.run(
              s.localAddress(),
              new BenchOptions(BenchMode.STREAM, SECOND, 64 * 1024, 1, true, 0, SECOND),
              IntervalListener.NONE);
      BenchServer.Served b = seen.poll(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(b.reverse()).isTrue();
      assertThat(b.bytes())
          .isGreaterThanOrEqualTo(reverse.bytes()); // the client counts only to its deadline

      BenchResult rr =
          BenchClient.run(
              s.localAddress(),
              BenchOptions.of(BenchMode.RR).withDuration(Duration.ofMillis(300)),
              IntervalListener.NONE);
      BenchServer.Served c = seen.poll(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(c.mode()).isEqualTo(BenchMode.RR);
      assertThat(c.exchanges()).isBetween(rr.transactions(), rr.transactions() + 1);

      BenchResult crr =
          BenchClient.run(
              s.localAddress(),
              BenchOptions.of(BenchMode.CRR).withDuration(Duration.ofMillis(300)),
              IntervalListener.NONE);
      long connections = 0;
      for (BenchServer.Served d;
          (d = seen.poll(2, java.util.concurrent.TimeUnit.SECONDS)) != null; ) {
        assertThat(d.mode()).isEqualTo(BenchMode.CRR);
        assertThat(d.exchanges()).isEqualTo(1);
        connections++;
      }
      assertThat(connections).isBetween(crr.transactions(), crr.transactions() + 1);

      BenchResult udp =
          BenchClient.run(
              s.localAddress(),
              new BenchOptions(
                  BenchMode.UDP, Duration.ofMillis(500), 1000, 1, false, 8_000_000, SECOND),
              IntervalListener.NONE);
      BenchServer.Served e = seen.poll(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(e.mode()).isEqualTo(BenchMode.UDP);
      assertThat(e.udp()).isEqualTo(udp.udp());
    }
  }

  /**
   * A stop (Ctrl-C in the CLI) ends a 30 s run of each mode at once: the result covers the time
   * measured until then, and the interval under way is reported up to the stop.
   */
  @Test
  void aStoppedRunEndsAtOnceWithTheTimeMeasuredSoFar() throws Exception {
    Duration long_ = Duration.ofSeconds(30);
    BenchOptions[] runs = {
      new BenchOptions(BenchMode.STREAM, long_, 64 * 1024, 2, false, 0, SECOND),
      new BenchOptions(BenchMode.STREAM, long_, 64 * 1024, 1, true, 0, SECOND),
      BenchOptions.of(BenchMode.RR).withDuration(long_),
      BenchOptions.of(BenchMode.CRR).withDuration(long_),
      new BenchOptions(BenchMode.UDP, long_, 1000, 1, false, 8_000_000, SECOND),
      new BenchOptions(
          BenchMode.UDP,
          long_,
          1000,
          1,
          false,
          800,
          SECOND), // a datagram every 10 s: the stop must not wait for the next
    };
    try (BenchServer s = BenchServer.bind(BenchServerOptions.loopback(0))) {
      for (BenchOptions o : runs) {
        BenchClient.Stop stop = new BenchClient.Stop();
        java.util.List<double[]> intervals = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<BenchResult> result =
            java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return BenchClient.run(
                        s.localAddress(),
                        o,
                        (from, to, bytes, tx) -> intervals.add(new double[] {from, to}),
                        stop);
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
        // a first whole interval proves a second measured, however slowly the run got going
        long waitUntil = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (intervals.isEmpty() && System.nanoTime() < waitUntil) {
          Thread.sleep(10);
        }
        Thread.sleep(300);
        long stopped = System.nanoTime();
        stop.stop();
        BenchResult r = result.get(5, java.util.concurrent.TimeUnit.SECONDS);
        String what = o.mode() + (o.reverse() ? " reverse" : "") + " at " + o.bitrate();
        assertThat(Duration.ofNanos(System.nanoTime() - stopped))
            .as(what)
            .isLessThan(Duration.ofSeconds(2));
        assertThat(stop.requested()).isTrue();
        assertThat(r.seconds()).as(what).isBetween(1.0, 2.5);
        assertThat(intervals).as(what).isNotEmpty();
        assertThat(intervals.get(intervals.size() - 1)[1])
            .as(what + ": the last interval ends at the stop")
            .isBetween(1.0, 2.5);
        if (o.mode() == BenchMode.STREAM) {
          assertThat(r.bytes()).as(what).isPositive();
        } else if (o.bitrate() != 800) {
          assertThat(r.transactions()).as(what).isPositive();
        }
      }
    }
  }

  /** The server needs TCP and UDP on one port number: a UDP port in use is named as such. */
  @Test
  void aUdpPortInUseIsNamedAsTheUdpSide() throws Exception {
    try (java.nio.channels.DatagramChannel taken = udpPortFreeForTcp()) {
      int port = ((java.net.InetSocketAddress) taken.getLocalAddress()).getPort();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> BenchServer.bind(BenchServerOptions.loopback(port)).close())
          .isInstanceOfSatisfying(
              BenchServer.UdpBindException.class, e -> assertThat(e.port()).isEqualTo(port));
      // the TCP socket it had bound is closed again: the port is free for TCP
      try (java.nio.channels.ServerSocketChannel tcp =
          java.nio.channels.ServerSocketChannel.open()) {
        tcp.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
      }
    }
  }

  /**
   * Stopped during the warm-up, a stream has measured nothing: 0 s and 0 bytes, whatever was in
   * flight.
   */
  @Test
  void aRunStoppedInItsWarmUpMeasuredNothing() throws Exception {
    try (BenchServer s = BenchServer.bind(BenchServerOptions.loopback(0))) {
      BenchClient.Stop stop = new BenchClient.Stop();
      BenchOptions o =
          new BenchOptions(
              BenchMode.STREAM,
              Duration.ofSeconds(10),
              64 * 1024,
              1,
              false,
              0,
              SECOND,
              Duration.ofSeconds(5));
      java.util.concurrent.CompletableFuture<BenchResult> result =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  return BenchClient.run(s.localAddress(), o, IntervalListener.NONE, stop);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      Thread.sleep(700);
      stop.stop();
      BenchResult r = result.get(5, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(r.seconds()).isZero();
      assertThat(r.bytes()).isZero();
    }
  }

  /**
   * A UDP socket on a port whose TCP twin is free (the system picks UDP ports without looking at
   * TCP, whose same number may be some connection's local port).
   */
  private static java.nio.channels.DatagramChannel udpPortFreeForTcp() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      java.nio.channels.DatagramChannel udp = java.nio.channels.DatagramChannel.open();
      udp.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
      int port = ((java.net.InetSocketAddress) udp.getLocalAddress()).getPort();
      try (java.nio.channels.ServerSocketChannel tcp =
          java.nio.channels.ServerSocketChannel.open()) {
        tcp.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
        return udp;
      } catch (java.net.BindException e) {
        udp.close();
      }
    }
    throw new AssertionError("no UDP port with its TCP twin free in 50 tries");
  }
}
