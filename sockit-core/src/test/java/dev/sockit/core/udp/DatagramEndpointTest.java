package dev.sockit.core.udp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockit.core.event.RecordingListener;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.event.TrafficEvent;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real UDP sockets on the loopback addresses. */
@Timeout(10)
class DatagramEndpointTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private static InetAddress ip(String literal) throws IOException {
    return InetAddress.getByName(literal);
  }

  private static DatagramEndpoint receiver(String literal) throws IOException {
    return DatagramEndpoint.open(UdpOptions.bound(new InetSocketAddress(ip(literal), 0)));
  }

  @Test
  void anUnboundSenderGetsAPortOnItsFirstSendAndTheReceiverSeesIt() throws Exception {
    RecordingListener events = RecordingListener.withPayloads();
    TrafficBus bus = new TrafficBus();
    bus.subscribe(events);
    try (DatagramEndpoint rx = receiver("127.0.0.1");
        DatagramEndpoint tx = DatagramEndpoint.open(UdpOptions.unbound(true), bus)) {
      assertThat(rx.localAddress().getPort()).isPositive();
      assertThat(tx.localAddress()).isNull();
      assertThat(events.all(TrafficEvent.Bound.class)).isEmpty();

      tx.send("你好".getBytes("GBK"), rx.localAddress());

      assertThat(tx.localAddress()).isNotNull();
      int senderPort = tx.localAddress().getPort();
      assertThat(senderPort).isPositive();
      assertThat(events.await(TrafficEvent.Bound.class).local()).isEqualTo(tx.localAddress());
      TrafficEvent.Sent sent = events.await(TrafficEvent.Sent.class);
      assertThat(sent.bytes()).isEqualTo(4);
      assertThat(sent.peer()).isEqualTo(rx.localAddress());
      assertThat(sent.data()).isEqualTo("你好".getBytes("GBK"));

      Datagram d = rx.receive(WAIT);
      assertThat(d).isNotNull();
      assertThat(new String(d.data(), "GBK")).isEqualTo("你好");
      assertThat(d.sender()).isEqualTo(new InetSocketAddress(ip("127.0.0.1"), senderPort));
      assertThat(rx.bytesReceived()).isEqualTo(4);
      assertThat(tx.bytesSent()).isEqualTo(4);
    }
  }

  @Test
  void receiveReturnsNullWhenNothingArrivesInTime() throws IOException {
    try (DatagramEndpoint rx = receiver("127.0.0.1")) {
      long start = System.nanoTime();
      assertThat(rx.receive(Duration.ofMillis(100))).isNull();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(90));
    }
  }

  @Test
  void theReceiverCanAnswerTheSender() throws IOException {
    try (DatagramEndpoint rx = receiver("127.0.0.1");
        DatagramEndpoint tx = DatagramEndpoint.open(UdpOptions.unbound(true))) {
      tx.send("ping".getBytes(US_ASCII), rx.localAddress());
      Datagram question = rx.receive(WAIT);
      rx.send("pong".getBytes(US_ASCII), question.sender());
      Datagram answer = tx.receive(WAIT);
      assertThat(answer).isNotNull();
      assertThat(new String(answer.data(), US_ASCII)).isEqualTo("pong");
      assertThat(answer.sender()).isEqualTo(rx.localAddress());
    }
  }

  @Test
  void theLargestIpv4DatagramArrivesIntact() throws IOException {
    byte[] payload = new byte[DatagramTooLargeException.IPV4_LIMIT];
    new Random(65_507).nextBytes(payload);
    try (DatagramEndpoint rx = receiver("127.0.0.1");
        DatagramEndpoint tx = DatagramEndpoint.open(UdpOptions.unbound(true))) {
      tx.send(payload, rx.localAddress());
      Datagram d = rx.receive(WAIT);
      assertThat(d).isNotNull();
      assertThat(d.length()).isEqualTo(65_507);
      assertThat(d.data()).isEqualTo(payload);
    }
  }

  @Test
  void oneByteMoreIsRefusedBeforeAnythingIsSent() throws IOException {
    try (DatagramEndpoint rx = receiver("127.0.0.1");
        DatagramEndpoint tx = DatagramEndpoint.open(UdpOptions.unbound(true))) {
      assertThatThrownBy(() -> tx.send(new byte[65_508], rx.localAddress()))
          .isInstanceOf(DatagramTooLargeException.class)
          .hasMessageContaining("65508 bytes")
          .hasMessageContaining("65507-byte")
          .hasMessageContaining("127.0.0.1:" + rx.localAddress().getPort());
      assertThat(tx.localAddress()).as("an unsent datagram binds no port").isNull();
      assertThat(tx.bytesSent()).isZero();
      assertThat(rx.receive(Duration.ofMillis(200))).isNull();
    }
  }

  @Test
  void ipv6LoopbackCarriesItsLargerLimit() throws IOException {
    Assumptions.assumeTrue(hasIpv6Loopback(), "no IPv6 loopback (::1) on this host");
    byte[] payload = new byte[DatagramTooLargeException.IPV6_LIMIT];
    new Random(65_527).nextBytes(payload);
    try (DatagramEndpoint rx = receiver("::1");
        DatagramEndpoint tx = DatagramEndpoint.open(UdpOptions.unbound(false))) {
      tx.send("six".getBytes(US_ASCII), rx.localAddress());
      Datagram small = rx.receive(WAIT);
      assertThat(small.sender().getAddress()).isInstanceOf(Inet6Address.class).isEqualTo(ip("::1"));
      assertThat(new String(small.data(), US_ASCII)).isEqualTo("six");

      tx.send(payload, rx.localAddress());
      assertThat(rx.receive(WAIT).data()).isEqualTo(payload);
      assertThatThrownBy(() -> tx.send(new byte[65_528], rx.localAddress()))
          .isInstanceOf(DatagramTooLargeException.class);
    }
  }

  @Test
  void anIpv6SocketAlsoSendsToIpv4() throws IOException {
    Assumptions.assumeTrue(hasIpv6Loopback(), "no IPv6 on this host");
    try (DatagramEndpoint rx = receiver("127.0.0.1");
        DatagramEndpoint tx = DatagramEndpoint.open(UdpOptions.unbound(false))) {
      tx.send("mixed".getBytes(US_ASCII), rx.localAddress());
      Datagram d = rx.receive(WAIT);
      assertThat(new String(d.data(), US_ASCII)).isEqualTo("mixed");
      assertThat(d.sender().getAddress()).isEqualTo(ip("127.0.0.1"));
    }
  }

  @Test
  void anIpv4EndpointRefusesAnIpv6TargetWithAMessage() throws IOException {
    try (DatagramEndpoint tx = DatagramEndpoint.open(UdpOptions.unbound(true))) {
      assertThatThrownBy(() -> tx.send(new byte[1], new InetSocketAddress(ip("::1"), 9)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[::1]:9");
      assertThat(tx.localAddress()).isNull();
    }
  }

  @Test
  void payloadLimitTreatsIpv4MappedAsIpv4() throws IOException {
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = 127;
    mapped[15] = 1;
    assertThat(DatagramEndpoint.payloadLimit(Inet6Address.getByAddress(null, mapped, -1)))
        .isEqualTo(65_507);
    assertThat(DatagramEndpoint.payloadLimit(ip("127.0.0.1"))).isEqualTo(65_507);
    assertThat(DatagramEndpoint.payloadLimit(ip("::1"))).isEqualTo(65_527);
  }

  @Test
  void anUnboundEndpointCannotReceive() throws IOException {
    try (DatagramEndpoint tx = DatagramEndpoint.open(UdpOptions.unbound(true))) {
      assertThatThrownBy(() -> tx.receive(Duration.ofMillis(10)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("unbound");
    }
  }

  @Test
  void closeWakesABlockedReceiveAndIsIdempotent() throws Exception {
    RecordingListener events = RecordingListener.counting();
    TrafficBus bus = new TrafficBus();
    bus.subscribe(events);
    DatagramEndpoint rx =
        DatagramEndpoint.open(UdpOptions.bound(new InetSocketAddress(ip("127.0.0.1"), 0)), bus);
    CompletableFuture<Datagram> blocked = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                blocked.complete(rx.receive(null));
              } catch (Throwable t) {
                blocked.completeExceptionally(t);
              }
            });
    Thread.sleep(100); // let the receiver block; the assertion below does not depend on it
    rx.close();
    rx.close();
    assertThatThrownBy(() -> blocked.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IOException.class);
    assertThat(rx.isOpen()).isFalse();
    assertThat(events.all(TrafficEvent.Closed.class)).hasSize(1);
    assertThatThrownBy(() -> rx.send(new byte[1], new InetSocketAddress(ip("127.0.0.1"), 9)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void bindingAPortInUseNamesTheAddress() throws IOException {
    try (DatagramEndpoint first = receiver("127.0.0.1")) {
      assertThatThrownBy(
              () -> DatagramEndpoint.open(UdpOptions.bound(first.localAddress())).close())
          .isInstanceOf(BindException.class)
          .hasMessageContaining("127.0.0.1:" + first.localAddress().getPort())
          .hasMessageContaining("already in use");
    }
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(() -> UdpOptions.unbound(true).withMulticastTtl(256))
        .hasMessage("multicast TTL must be 0-255, got 256");
    assertThat(UdpOptions.unbound(true).withMulticastTtl(0).multicastTtl()).isZero();
  }

  @Test
  void datagramsCopyTheirPayload() throws IOException {
    byte[] data = {1, 2};
    Datagram d = new Datagram(new InetSocketAddress(ip("127.0.0.1"), 1), data);
    data[0] = 9;
    d.data()[1] = 9;
    assertThat(d.data()).containsExactly(1, 2);
  }

  private static boolean hasIpv6Loopback() {
    try {
      NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getByName("::1"));
      return lo != null && lo.isUp();
    } catch (IOException e) {
      return false;
    }
  }
}
