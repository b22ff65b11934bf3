package dev.sockit.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockit.core.testing.Libc22;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every scan test again, run against the multi-release jar: on Java 22+ Linux the TCP scans without
 * banners now go through libc ({@link NativeConnectScan}), and must give the same answers.
 */
class NativeConnectScanIT extends PortScannerTest {
  @BeforeAll
  static void nativeScanIsTheOneUnderTest() {
    Libc22.assumeLibcCalls("the NIO scan is tested by PortScannerTest");
    assertThat(NativeConnectScan.available())
        .as("the jar's Java 22 NativeConnectScan is on the class path")
        .isTrue();
    assertThat(NativeConnectScan.blocking(InetAddress.getLoopbackAddress()))
        .as("loopback: blocking connects")
        .isTrue();
  }

  @Test
  void aLoopbackAddressOutsideTheListenersRangeAndIpv6AnswerToo() throws Exception {
    try (ServerSocketChannel v6 = ServerSocketChannel.open()) {
      v6.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
      int port = ((InetSocketAddress) v6.getLocalAddress()).getPort();
      List<PortResult> r =
          NativeConnectScan.run(
              InetAddress.getByName("::1"),
              new int[] {port, 1},
              ScanOptions.tcpDefaults().withConcurrency(2),
              n -> {});
      assertThat(r.get(0).status()).isEqualTo(PortStatus.OPEN);
      assertThat(r.get(0).reason()).isEqualTo("syn-ack");
      assertThat(r.get(1).status()).isEqualTo(PortStatus.CLOSED);
      assertThat(r.get(1).reason()).isEqualTo("conn-refused");
    }
    // 127.0.0.2 is loopback too (the whole 127/8 is), with nothing listening
    List<PortResult> r =
        NativeConnectScan.run(
            InetAddress.getByName("127.0.0.2"),
            new int[] {9, 10},
            ScanOptions.tcpDefaults().withConcurrency(1),
            n -> {});
    assertThat(r)
        .extracting(PortResult::status)
        .containsExactly(PortStatus.CLOSED, PortStatus.CLOSED);
    assertThat(r).allSatisfy(x -> assertThat(x.time()).isLessThan(Duration.ofSeconds(5)));
  }

  /**
   * A socket whose connect was refused is connected again for the next port: after any run of
   * refusals, open and closed ports must still read as such, over IPv4 and IPv6.
   */
  @Test
  void aRefusedSocketUsedAgainStillAnswersEveryPortRightly() throws Exception {
    for (String host : new String[] {"127.0.0.1", "::1"}) {
      InetAddress address = InetAddress.getByName(host);
      try (ServerSocketChannel a = ServerSocketChannel.open();
          ServerSocketChannel b = ServerSocketChannel.open()) {
        a.bind(new InetSocketAddress(address, 0));
        b.bind(new InetSocketAddress(address, 0));
        int pa = ((InetSocketAddress) a.getLocalAddress()).getPort();
        int pb = ((InetSocketAddress) b.getLocalAddress()).getPort();
        int[] closed = new int[6];
        for (int i = 0; i < closed.length; i++) {
          try (ServerSocketChannel c = ServerSocketChannel.open()) {
            c.bind(new InetSocketAddress(address, 0));
            closed[i] = ((InetSocketAddress) c.getLocalAddress()).getPort();
          }
        }
        int[] ports = {
          closed[0], closed[1], closed[2], pa, closed[3], pb, pa, closed[4], closed[5]
        };
        List<PortResult> r =
            NativeConnectScan.run(
                address, ports, ScanOptions.tcpDefaults().withConcurrency(1), n -> {});
        assertThat(r)
            .extracting(PortResult::status)
            .as(host)
            .containsExactly(
                PortStatus.CLOSED,
                PortStatus.CLOSED,
                PortStatus.CLOSED,
                PortStatus.OPEN,
                PortStatus.CLOSED,
                PortStatus.OPEN,
                PortStatus.OPEN,
                PortStatus.CLOSED,
                PortStatus.CLOSED);
        assertThat(r)
            .filteredOn(x -> x.status() == PortStatus.CLOSED)
            .extracting(PortResult::reason)
            .containsOnly("conn-refused");
      }
    }
  }

  /** A run of refusals costs one socket per scanning thread: each refused socket connects again. */
  @Test
  void refusedPortsShareOneSocket() throws Exception {
    InetAddress address = InetAddress.getByName("127.0.0.1");
    int[] closed = new int[6];
    for (int i = 0; i < closed.length; i++) {
      try (ServerSocketChannel c = ServerSocketChannel.open()) {
        c.bind(new InetSocketAddress(address, 0));
        closed[i] = ((InetSocketAddress) c.getLocalAddress()).getPort();
      }
    }
    long before = NativeConnectScan.socketsOpened();
    List<PortResult> r =
        NativeConnectScan.run(
            address, closed, ScanOptions.tcpDefaults().withConcurrency(1), n -> {});
    assertThat(r).extracting(PortResult::status).containsOnly(PortStatus.CLOSED);
    assertThat(NativeConnectScan.socketsOpened() - before).isEqualTo(1);
  }

  /**
   * SYNs that loopback drops (a listener whose accept queue is full) are waited for together: on
   * the blocking path one probe waits out the send timeout and the rest go non-blocking, so twenty
   * such probes take about one probe timeout, not twenty send timeouts one after another.
   */
  @Test
  void droppedSynsAreWaitedForTogether() throws Exception {
    ServerSocketChannel full = fullListener();
    int[] ports = new int[20];
    java.util.Arrays.fill(ports, port(full));
    long start = System.nanoTime();
    List<PortResult> r =
        NativeConnectScan.run(
            InetAddress.getByName("127.0.0.1"),
            ports,
            ScanOptions.tcpDefaults().withTimeout(Duration.ofMillis(300)).withConcurrency(50),
            n -> {});
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(r).extracting(PortResult::status).containsOnly(PortStatus.FILTERED);
    // one after another they would take 20 x (20 ms + 300 ms); together about one timeout
    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(300))
        .isLessThan(Duration.ofSeconds(3));
  }

  /**
   * A full loopback scan hands out its ports in chunks, each a scan of its own: a chunk that sees a
   * dropped SYN says so, and the chunks after it start non-blocking (they would each wait out a
   * send timeout otherwise); chunks of ports that answer do not say so.
   */
  @Test
  void aChunkThatSeesADroppedSynTellsTheChunksAfterIt() throws Exception {
    InetAddress address = InetAddress.getByName("127.0.0.1");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        NativeConnectScan.blocking(address),
        "non-blocking from the start: no chunk has anything to tell (NativeNonblockingScanIT)");
    java.util.concurrent.atomic.AtomicBoolean dropped =
        new java.util.concurrent.atomic.AtomicBoolean();
    try (ServerSocketChannel open = ServerSocketChannel.open()) {
      open.bind(new InetSocketAddress(address, 0));
      // A machine busy enough to hold loopback's answer past the 20 ms send timeout makes a chunk
      // report a drop (harmlessly: the scan goes non-blocking); answered ports must not, every
      // time.
      boolean quiet = false;
      for (int attempt = 0; attempt < 3 && !quiet; attempt++) {
        dropped.set(false);
        NativeConnectScan.run(
            address, new int[] {port(open), 1}, ScanOptions.tcpDefaults(), n -> {}, dropped);
        quiet = !dropped.get();
      }
      assertThat(quiet).as("answered ports, in one of three tries").isTrue();
    }
    ServerSocketChannel full = fullListener();
    List<PortResult> r =
        NativeConnectScan.run(
            address,
            new int[] {port(full)},
            ScanOptions.tcpDefaults().withTimeout(Duration.ofMillis(200)),
            n -> {},
            dropped);
    assertThat(r.get(0).status()).isEqualTo(PortStatus.FILTERED);
    assertThat(dropped).as("a dropped SYN").isTrue();
  }
}
