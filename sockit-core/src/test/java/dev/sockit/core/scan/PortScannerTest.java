package dev.sockit.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockit.core.net.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scans of loopback only, against listeners this test opens. */
@Timeout(60)
class PortScannerTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @Test
  void openClosedAndFilteredTcpPorts() throws Exception {
    ServerSocketChannel listener = listen(50);
    int closed = closedPort();
    // a listener whose accept queue is full drops new SYNs, which looks exactly like a firewall
    ServerSocketChannel full = fullListener();
    PortList ports = PortList.of(List.of(port(listener), closed, port(full)));
    AtomicInteger progress = new AtomicInteger();
    List<PortResult> results =
        PortScanner.tcp(
            LOOPBACK,
            ports,
            ScanOptions.tcpDefaults().withTimeout(Duration.ofMillis(300)),
            progress::set);
    Map<Integer, PortResult> byPort =
        results.stream().collect(Collectors.toMap(PortResult::port, Function.identity()));
    assertThat(byPort.get(port(listener)).status()).isEqualTo(PortStatus.OPEN);
    assertThat(byPort.get(port(listener)).reason()).isEqualTo("syn-ack");
    assertThat(byPort.get(closed).status()).isEqualTo(PortStatus.CLOSED);
    assertThat(byPort.get(closed).reason()).isEqualTo("conn-refused");
    assertThat(byPort.get(port(full)).status()).isEqualTo(PortStatus.FILTERED);
    assertThat(byPort.get(port(full)).reason()).isEqualTo("no-response");
    assertThat(byPort.get(port(full)).time()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(results).extracting(PortResult::port).isSorted();
    assertThat(progress.get()).isEqualTo(3);
  }

  @Test
  void bannersAreTheFirstBytesAServiceSends() throws Exception {
    ServerSocketChannel talker = listen(50);
    ServerSocketChannel silent = listen(50);
    Thread.ofVirtual()
        .start(
            () -> {
              try (SocketChannel c = talker.accept()) {
                c.write(
                    ByteBuffer.wrap("SSH-2.0-sockit_test\r\n".getBytes(StandardCharsets.US_ASCII)));
                c.read(ByteBuffer.allocate(1)); // until the scanner hangs up
              } catch (IOException e) {
                // the test closed the listener
              }
            });
    long start = System.nanoTime();
    List<PortResult> results =
        PortScanner.tcp(
            LOOPBACK,
            PortList.of(List.of(port(talker), port(silent))),
            ScanOptions.tcpDefaults().withBanner(Duration.ofMillis(500)),
            d -> {});
    Map<Integer, PortResult> byPort =
        results.stream().collect(Collectors.toMap(PortResult::port, Function.identity()));
    assertThat(new String(byPort.get(port(talker)).banner(), StandardCharsets.US_ASCII))
        .isEqualTo("SSH-2.0-sockit_test\r\n");
    assertThat(byPort.get(port(silent)).status()).isEqualTo(PortStatus.OPEN);
    assertThat(byPort.get(port(silent)).banner()).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(500))
        .isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void largeScansSplitAcrossThreadsKeepEveryPortInOrder() throws Exception {
    List<Integer> mine = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      mine.add(port(listen(50)));
    }
    int low = mine.stream().mapToInt(Integer::intValue).min().orElseThrow();
    int from = Math.max(1, low - 3000);
    PortList ports =
        PortList.parse(
            from + "-" + Math.min(65535, from + 7999),
            dev.sockit.core.servicename.ServiceNames.none());
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<PortResult> results =
        PortScanner.tcp(
            LOOPBACK,
            ports,
            ScanOptions.tcpDefaults(),
            d -> {
              calls.incrementAndGet();
              most.accumulateAndGet(d, Math::max);
            });
    assertThat(results).hasSize(ports.size()).doesNotContainNull();
    assertThat(results.stream().mapToInt(PortResult::port).toArray())
        .containsExactly(ports.toArray());
    // progress comes in batches from each thread, and counts every port by the end
    assertThat(most.get()).isEqualTo(ports.size());
    assertThat(calls.get()).isBetween(ports.size() / 64, ports.size());
    for (int p : mine) {
      if (p < from + 8000) {
        assertThat(results.get(p - from).status()).as("port %d", p).isEqualTo(PortStatus.OPEN);
      }
    }
    assertThat(results)
        .filteredOn(r -> r.status() == PortStatus.FILTERED)
        .isEmpty(); // loopback always answers
  }

  @Test
  void udpOpenClosedAndSilentPorts() throws Exception {
    DatagramChannel echo = bindUdp();
    Thread.ofVirtual()
        .start(
            () -> {
              ByteBuffer buf = ByteBuffer.allocate(2048);
              try {
                while (true) {
                  buf.clear();
                  var from = echo.receive(buf);
                  buf.flip();
                  echo.send(ByteBuffer.wrap("pong".getBytes(StandardCharsets.US_ASCII)), from);
                }
              } catch (IOException e) {
                // closed by the test
              }
            });
    DatagramChannel silent = bindUdp();
    int closed;
    try (DatagramChannel gone = DatagramChannel.open(StandardProtocolFamily.INET)) {
      gone.bind(new InetSocketAddress(LOOPBACK, 0));
      closed = ((InetSocketAddress) gone.getLocalAddress()).getPort();
    }
    List<PortResult> results =
        PortScanner.udp(
            LOOPBACK,
            PortList.of(List.of(port(echo), port(silent), closed)),
            ScanOptions.udpDefaults().withTimeout(Duration.ofMillis(200)).withRetries(1),
            d -> {});
    Map<Integer, PortResult> byPort =
        results.stream().collect(Collectors.toMap(PortResult::port, Function.identity()));
    assertThat(byPort.get(port(echo)).status()).isEqualTo(PortStatus.OPEN);
    assertThat(byPort.get(port(echo)).transport()).isEqualTo(Transport.UDP);
    assertThat(byPort.get(closed).status()).isEqualTo(PortStatus.CLOSED);
    assertThat(byPort.get(closed).reason()).isEqualTo("port-unreach");
    assertThat(byPort.get(port(silent)).status()).isEqualTo(PortStatus.OPEN_FILTERED);
    assertThat(byPort.get(port(silent)).time())
        .isGreaterThanOrEqualTo(Duration.ofMillis(400)); // two tries
  }

  @Test
  void udpProbesSpeakDnsAndNtp() {
    assertThat(UdpProbeScan.payload(53)).hasSize(17);
    assertThat(UdpProbeScan.payload(123)).hasSize(48).startsWith((byte) 0x23);
    assertThat(UdpProbeScan.payload(9999)).containsExactly('\n');
  }

  /**
   * A listener whose accept queue is full, so that loopback drops the SYNs of further connects: a
   * backlog of 1 takes two connections. Waits until the kernel shows both queued (ss's Recv-Q of a
   * listener) rather than for a fixed time: a loaded machine may handshake later.
   */
  ServerSocketChannel fullListener() throws Exception {
    ServerSocketChannel full = listen(1);
    for (int i = 0; i < 4; i++) {
      SocketChannel c = keep(SocketChannel.open());
      c.configureBlocking(false);
      c.connect(full.getLocalAddress());
    }
    int port = port(full);
    long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (true) {
      long queued =
          dev.sockit.core.sockettable.PortTable.read(
                  java.util.Set.of(dev.sockit.core.net.Transport.TCP), false)
              .sockets()
              .stream()
              .filter(
                  e ->
                      e.localPort() == port
                          && e.state() == dev.sockit.core.sockettable.SocketState.LISTEN)
              .mapToLong(dev.sockit.core.sockettable.SocketEntry::receiveQueue)
              .max()
              .orElse(0);
      if (queued >= 2) {
        return full;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError(
            "the listener on port "
                + port
                + " holds "
                + queued
                + " queued connections after 10 s, not 2");
      }
      Thread.sleep(5);
    }
  }

  ServerSocketChannel listen(int backlog) throws IOException {
    ServerSocketChannel s = keep(ServerSocketChannel.open(StandardProtocolFamily.INET));
    s.bind(new InetSocketAddress(LOOPBACK, 0), backlog);
    return s;
  }

  private DatagramChannel bindUdp() throws IOException {
    DatagramChannel d = keep(DatagramChannel.open(StandardProtocolFamily.INET));
    d.bind(new InetSocketAddress(LOOPBACK, 0));
    return d;
  }

  /** A port that refuses connections until the test ends (see ConnectionIo.closedPort). */
  private int closedPort() throws IOException {
    return keep(dev.sockit.core.stream.ConnectionIo.closedPort()).getLocalPort();
  }

  <T extends AutoCloseable> T keep(T c) {
    open.add(c);
    return c;
  }

  static int port(java.nio.channels.NetworkChannel c) throws IOException {
    return ((InetSocketAddress) c.getLocalAddress()).getPort();
  }
}
