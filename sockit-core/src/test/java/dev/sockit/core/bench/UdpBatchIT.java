package dev.sockit.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockit.core.testing.Libc22;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every bench test again, run against the multi-release jar: on Java 22+ Linux the server reads
 * datagrams with recvmmsg (kernel arrival times) and flat-out clients send with sendmmsg.
 */
@Timeout(60)
class UdpBatchIT extends BenchTest {
  @BeforeAll
  static void batchesAreTheOnesUnderTest() {
    Libc22.assumeLibcCalls("the one-per-call path is tested by BenchTest");
    assertThat(UdpBatch.available()).as("the jar's Java 22 UdpBatch is on the class path").isTrue();
  }

  @Test
  void datagramsGoAndComeInBatchesWithTheirBytesAndKernelArrivalTimes() throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (DatagramChannel in = DatagramChannel.open();
        DatagramChannel out = DatagramChannel.open()) {
      in.setOption(
          java.net.StandardSocketOptions.SO_RCVBUF,
          4 << 20); // room for all of them: UDP may drop otherwise
      in.bind(new InetSocketAddress(lo, 0));
      out.connect(in.getLocalAddress());
      int size = 200;
      try (UdpBatch receiver = UdpBatch.receiver(in);
          UdpBatch sender = UdpBatch.sender(out, size)) {
        assertThat(receiver.receive(50)).as("nothing sent yet: the wait times out").isZero();
        long before = System.nanoTime();
        for (int round = 0; round < 3; round++) {
          for (int i = 0; i < UdpBatch.COUNT; i++) {
            sender.putLong(i, 0, 42);
            sender.putLong(i, 8, round * UdpBatch.COUNT + i);
            sender.putLong(i, 16, -i);
          }
          sender.send(UdpBatch.COUNT);
        }
        long expected = 0;
        long lastArrival = 0;
        for (int tries = 0; expected < 3L * UdpBatch.COUNT && tries < 50; tries++) {
          int n = receiver.receive(100);
          for (int i = 0; i < n; i++) {
            assertThat(receiver.length(i)).isEqualTo(size);
            assertThat(receiver.getLong(i, 0)).isEqualTo(42);
            assertThat(receiver.getLong(i, 8)).isEqualTo(expected);
            assertThat(receiver.getLong(i, 16)).isEqualTo(-(expected % UdpBatch.COUNT));
            assertThat(receiver.arrivalNanos(i))
                .isGreaterThanOrEqualTo(lastArrival)
                .isBetween(before - 1_000_000_000L, System.nanoTime() + 1_000_000_000L);
            lastArrival = receiver.arrivalNanos(i);
            expected++;
          }
        }
        assertThat(expected).isEqualTo(3L * UdpBatch.COUNT);
      }
    }
  }

  /**
   * With UDP GSO one message carries many datagrams, which the kernel cuts apart: the receiver gets
   * each one separately, whole and in order. Then the same without GSO (what a refused GSO send
   * falls back to), across several sendmmsg calls.
   */
  @Test
  void segmentedAndUnsegmentedSendsArriveAsSeparateDatagrams() throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (DatagramChannel in = DatagramChannel.open();
        DatagramChannel out = DatagramChannel.open()) {
      in.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 8 << 20);
      in.bind(new InetSocketAddress(lo, 0));
      out.connect(in.getLocalAddress());
      int size = 1400;
      try (UdpBatch receiver = UdpBatch.receiver(in);
          UdpBatch sender = UdpBatch.sender(out, size)) {
        org.junit.jupiter.api.Assumptions.assumeTrue(
            sender.segmented(), "this kernel does not take UDP_SEGMENT");
        int n = sender.capacity();
        assertThat(n).isGreaterThan(UdpBatch.COUNT);
        long seq = 0;
        for (boolean segmented : new boolean[] {true, false}) {
          if (!segmented) {
            sender.unsegment();
            assertThat(sender.segmented()).isFalse();
          }
          for (int i = 0; i < n; i++) {
            sender.putLong(i, 0, 7);
            sender.putLong(i, 8, seq + i);
          }
          sender.send(n);
          long expected = seq;
          for (int tries = 0; expected < seq + n && tries < 100; tries++) {
            int got = receiver.receive(100);
            for (int i = 0; i < got; i++) {
              assertThat(receiver.length(i)).as("datagram %d", expected).isEqualTo(size);
              assertThat(receiver.getLong(i, 0)).isEqualTo(7);
              assertThat(receiver.getLong(i, 8)).isEqualTo(expected);
              expected++;
            }
          }
          assertThat(expected).as(segmented ? "with GSO" : "without").isEqualTo(seq + n);
          seq += n;
        }
      }
    }
  }

  @Test
  void flatOutCountsEveryDatagramOnceWithASaneJitter() throws Exception {
    flatOut(1400);
  }

  /** A size that is not a multiple of 8 puts the batch's datagrams at unaligned offsets. */
  @Test
  void flatOutTakesDatagramsOfAnySize() throws Exception {
    flatOut(1401);
    flatOut(65_507);
  }

  private static void flatOut(int size) throws Exception {
    BenchOptions o =
        new BenchOptions(
            BenchMode.UDP, Duration.ofSeconds(1), size, 1, false, 0, Duration.ofSeconds(1));
    try (BenchServer s = BenchServer.bind(BenchServerOptions.loopback(0))) {
      UdpReport u = BenchClient.run(s.localAddress(), o, IntervalListener.NONE).udp();
      assertThat(u.sent()).isGreaterThan(size > 10_000 ? 1_000 : 10_000);
      assertThat(u.received() + u.lost()).isEqualTo(u.sent());
      assertThat(u.received())
          .isGreaterThan(
              size > 10_000 ? 100 : 1_000); // UDP may drop when the receiver loses the CPU
      assertThat(u.duplicates()).isZero();
      assertThat(u.jitterMillis()).isBetween(0.0, 50.0);
    }
  }
}
