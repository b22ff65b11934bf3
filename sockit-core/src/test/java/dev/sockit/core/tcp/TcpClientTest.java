package dev.sockit.core.tcp;

import static dev.sockit.core.stream.ConnectionIo.echo;
import static dev.sockit.core.stream.ConnectionIo.readAll;
import static dev.sockit.core.tcp.TcpServerTest.assertEchoes;
import static dev.sockit.core.tcp.TcpServerTest.hasIpv6Loopback;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockit.core.event.RecordingListener;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.net.Family;
import dev.sockit.core.stream.Connection;
import dev.sockit.core.stream.StreamServer;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The TCP client against real loopback servers: name fallback, failures, source binding. */
@Timeout(10)
class TcpClientTest {
  private static final InetAddress V4 = address("127.0.0.1");
  private static final InetAddress V6 = address("::1");

  @Test
  void localhostReachesAServerBoundOnlyTo127001() throws IOException {
    try (StreamServer server = TcpServer.bind(TcpServerOptions.of(V4, 0), echo());
        Connection client = TcpClient.connect(TcpClientOptions.of("localhost", server.port()))) {
      assertThat(client.peerAddress()).isEqualTo(new InetSocketAddress(V4, server.port()));
      assertEchoes(client, "hello");
    }
  }

  @Test
  void localhostReachesAServerBoundOnlyToIpv6Loopback() throws IOException {
    Assumptions.assumeTrue(hasIpv6Loopback(), "no IPv6 loopback (::1) on this host");
    Assumptions.assumeTrue(
        Arrays.asList(InetAddress.getAllByName("localhost")).contains(V6),
        "localhost does not resolve to ::1 on this host (see /etc/hosts)");
    try (StreamServer server = TcpServer.bind(TcpServerOptions.of(V6, 0), echo());
        Connection client = TcpClient.connect(TcpClientOptions.of("localhost", server.port()))) {
      assertThat(client.peerAddress()).isEqualTo(new InetSocketAddress(V6, server.port()));
      assertEchoes(client, "hello");
    }
  }

  @Test
  void fallsBackToIpv4WhenIpv6IsRefused() throws Exception {
    RecordingListener events = RecordingListener.counting();
    TrafficBus bus = new TrafficBus();
    bus.subscribe(events);
    try (StreamServer server = TcpServer.bind(TcpServerOptions.of(V4, 0), echo());
        Connection client =
            TcpClient.connect(
                TcpClientOptions.of(TestHostsResolverProvider.V6_FIRST, server.port()), bus)) {
      assertThat(client.peerAddress()).isEqualTo(new InetSocketAddress(V4, server.port()));
      assertEchoes(client, "fallback");

      assertThat(events.all(TrafficEvent.Connecting.class))
          .extracting(TrafficEvent::peer)
          .containsExactly(
              new InetSocketAddress(V6, server.port()), new InetSocketAddress(V4, server.port()));
      assertThat(events.all(TrafficEvent.Failed.class))
          .singleElement()
          .satisfies(
              f -> assertThat(f.message()).startsWith("connect to [::1]:" + server.port() + ": "));
    }
  }

  @Test
  void fallsBackToIpv6WhenIpv4IsRefused() throws IOException {
    Assumptions.assumeTrue(hasIpv6Loopback(), "no IPv6 loopback (::1) on this host");
    try (StreamServer server = TcpServer.bind(TcpServerOptions.of(V6, 0), echo());
        Connection client =
            TcpClient.connect(
                TcpClientOptions.of(TestHostsResolverProvider.V4_FIRST, server.port()))) {
      assertThat(client.peerAddress()).isEqualTo(new InetSocketAddress(V6, server.port()));
      assertEchoes(client, "fallback");
    }
  }

  @Test
  void familyRestrictsTheAddressesTried() throws Exception {
    RecordingListener events = RecordingListener.counting();
    TrafficBus bus = new TrafficBus();
    bus.subscribe(events);
    try (StreamServer server = TcpServer.bind(TcpServerOptions.of(V4, 0), echo());
        Connection client =
            TcpClient.connect(
                TcpClientOptions.of(TestHostsResolverProvider.V6_FIRST, server.port())
                    .withFamily(Family.IPV4),
                bus)) {
      assertEchoes(client, "v4 only");
      assertThat(events.all(TrafficEvent.Connecting.class)).hasSize(1);
      assertThat(events.all(TrafficEvent.Failed.class)).isEmpty();
    }
    assertThatThrownBy(() -> TcpClient.resolve("127.0.0.1", Family.IPV6))
        .isInstanceOf(UnknownHostException.class)
        .hasMessage("host '127.0.0.1' has no IPv6 address");
    assertThatThrownBy(() -> TcpClient.resolve("::1", Family.IPV4))
        .isInstanceOf(UnknownHostException.class)
        .hasMessage("host '::1' has no IPv4 address");
  }

  @Test
  void refusedConnectionNamesTheAddress() throws IOException {
    try (java.net.Socket closed = dev.sockit.core.stream.ConnectionIo.closedPort()) {
      int port = closed.getLocalPort();
      assertThatThrownBy(() -> TcpClient.connect(TcpClientOptions.of("127.0.0.1", port)))
          .isInstanceOf(ConnectException.class)
          .hasMessageContaining("127.0.0.1:" + port)
          .hasMessageContaining("refused");
    }
  }

  @Test
  void everyRefusedAddressIsListed() throws IOException {
    try (java.net.Socket closed = dev.sockit.core.stream.ConnectionIo.closedPort()) {
      int port = closed.getLocalPort();
      assertThatThrownBy(
              () ->
                  TcpClient.connect(TcpClientOptions.of(TestHostsResolverProvider.V4_FIRST, port)))
          .isInstanceOf(ConnectException.class)
          .hasMessageStartingWith(
              "cannot connect to " + TestHostsResolverProvider.V4_FIRST + ":" + port + ": ")
          .hasMessageContaining("127.0.0.1:" + port)
          .hasMessageContaining("[::1]:" + port);
    }
  }

  @Test
  void unknownHostNamesTheHost() {
    String host = "no-such-host.sockit.invalid";
    assertThatThrownBy(() -> TcpClient.connect(TcpClientOptions.of(host, 80)))
        .isInstanceOf(UnknownHostException.class)
        .hasMessageContaining("'" + host + "'");
  }

  @Test
  void bindsTheRequestedSourcePort() throws Exception {
    RecordingListener events = RecordingListener.counting();
    TrafficBus bus = new TrafficBus();
    bus.subscribe(events);
    int sourcePort = freePort();
    try (StreamServer server =
            TcpServer.bind(
                TcpServerOptions.of(V4, 0),
                conn ->
                    conn.write(
                        Integer.toString(((InetSocketAddress) conn.peerAddress()).getPort())
                            .getBytes(US_ASCII)));
        Connection client =
            TcpClient.connect(
                TcpClientOptions.of("127.0.0.1", server.port()).withSource(V4, sourcePort), bus)) {
      assertThat(client.localAddress()).isEqualTo(new InetSocketAddress(V4, sourcePort));
      assertThat(new String(readAll(client), US_ASCII)).isEqualTo(Integer.toString(sourcePort));
      assertThat(events.await(TrafficEvent.Bound.class).local())
          .isEqualTo(new InetSocketAddress(V4, sourcePort));
    }
  }

  @Test
  void sourcePortInUseNamesTheSourceAddress() throws IOException {
    try (StreamServer occupier = TcpServer.bind(TcpServerOptions.of(V4, 0), echo());
        StreamServer target = TcpServer.bind(TcpServerOptions.of(V4, 0), echo())) {
      TcpClientOptions options =
          TcpClientOptions.of("127.0.0.1", target.port()).withSource(V4, occupier.port());
      assertThatThrownBy(() -> TcpClient.connect(options).close())
          .isInstanceOf(BindException.class)
          .hasMessageContaining("127.0.0.1:" + occupier.port())
          .hasMessageContaining("already in use");
    }
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(() -> TcpClientOptions.of("h", 0)).hasMessage("port 0 is outside 1-65535");
    assertThatThrownBy(() -> TcpClientOptions.of("h", 65536))
        .hasMessage("port 65536 is outside 1-65535");
    assertThatThrownBy(() -> TcpClientOptions.of("h", 1).withSource(null, 70000))
        .hasMessage("source port 70000 is outside 0-65535");
    assertThatThrownBy(() -> TcpClientOptions.of("h", 1).withConnectTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TcpClientOptions.of(null, 1)).isInstanceOf(NullPointerException.class);
  }

  /**
   * A port nothing listens on right now (bound and released): for binding to it as a source port.
   */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
