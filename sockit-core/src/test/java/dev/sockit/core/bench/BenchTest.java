package dev.sockit.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each mode for about a second against a real server on loopback. */
@Timeout(60)
class BenchTest {
  private static final Duration SECOND = Duration.ofSeconds(1);

  private static BenchResult run(BenchServerOptions server, BenchOptions options, IntervalListener l) throws Exception {
    try (BenchServer s = BenchServer.bind(server)) {
      return BenchClient.run(s.localAddress(), options, l);
    }
  }

  @Test
  void streamMovesBytesAndReportsIntervals() throws Exception {
    AtomicInteger intervals = new AtomicInteger();
    BenchOptions o = new BenchOptions(BenchMode.STREAM, SECOND, 128 * 1024, 2, false, 0, Duration.ofMillis(250));
    BenchResult r = run(BenchServerOptions.loopback(0), o, (from, to, bytes, tx) -> {
      assertThat(to).isGreaterThan(from);
      intervals.incrementAndGet();
    });
    assertThat(r.bytes()).isGreaterThan(10L << 20);
    assertThat(r.bitsPerSecond()).isGreaterThan(80e6);
    assertThat(intervals.get()).isBetween(3, 5);
  }

  @Test
  void reverseStreamCountsWhatTheServerSent() throws Exception {
    BenchOptions o = new BenchOptions(BenchMode.STREAM, SECOND, 64 * 1024, 1, true, 0, SECOND);
    assertThat(run(BenchServerOptions.loopback(0), o, IntervalListener.NONE).bytes()).isGreaterThan(10L << 20);
  }

  @Test
  void roundTripsHaveOrderedPercentiles() throws Exception {
    for (BenchMode mode : new BenchMode[] {BenchMode.RR, BenchMode.CRR}) {
      BenchResult r = run(BenchServerOptions.loopback(0), BenchOptions.of(mode).withDuration(SECOND), IntervalListener.NONE);
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
    assertThat(u.sent()).isBetween(2_000L, 2_600L); // 20 Mbit/s of 1000-byte datagrams is 2,500 per second
    assertThat(u.received() + u.lost()).isEqualTo(u.sent());
    assertThat(u.lossPercent()).isLessThan(1.0);
  }

  @Test
  void datagramsDroppedOnTheReceivingSideShowAsLoss() throws Exception {
    BenchOptions o = new BenchOptions(BenchMode.UDP, SECOND, 500, 1, false, 16_000_000, SECOND);
    BenchServerOptions dropping = new BenchServerOptions(java.net.InetAddress.getLoopbackAddress(), 0, 10);
    UdpReport u = run(dropping, o, IntervalListener.NONE).udp();
    assertThat(u.sent()).isGreaterThan(1_000);
    assertThat(u.lost()).isGreaterThanOrEqualTo(u.sent() / 10 - 1);
    assertThat(u.lossPercent()).isBetween(9.0, 12.0);
    assertThat(u.received() + u.lost()).isEqualTo(u.sent());
  }
}
