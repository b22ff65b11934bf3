package dev.sockit.core.tcp;

import static dev.sockit.core.stream.ConnectionIo.echo;
import static dev.sockit.core.stream.ConnectionIo.readAll;
import static dev.sockit.core.stream.ConnectionIo.readExactly;
import static dev.sockit.core.tcp.TcpServerTest.assertEchoes;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sockit.core.event.RecordingListener;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.event.TrafficEvent.Half;
import dev.sockit.core.net.Transport;
import dev.sockit.core.stream.Connection;
import dev.sockit.core.stream.StreamServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a view sees of a real TCP conversation. */
@Timeout(10)
class TcpEventsTest {
  private static final InetAddress V4 = InetAddress.getLoopbackAddress();

  @Test
  void clientPublishesEveryStepWithByteCounts() throws Exception {
    RecordingListener events = RecordingListener.withPayloads();
    TrafficBus bus = new TrafficBus();
    bus.subscribe(events);
    try (StreamServer server = TcpServer.bind(TcpServerOptions.of(V4, 0), echo())) {
      InetSocketAddress serverAddress = new InetSocketAddress(V4, server.port());
      Connection client =
          TcpClient.connect(TcpClientOptions.of(V4.getHostAddress(), server.port()), bus);
      client.write("hello".getBytes(US_ASCII));
      readExactly(client, 5);
      client.shutdownOutput();
      assertThat(readAll(client)).isEmpty();
      client.close();
      client.close(); // idempotent: one Closed event

      assertThat(kinds(events.events()))
          .containsExactly(
              "Opened",
              "Connecting",
              "Connected",
              "Sent",
              "Received",
              "HalfClosed",
              "HalfClosed",
              "Closed");
      TrafficEvent.Opened opened = events.await(TrafficEvent.Opened.class);
      assertThat(opened.transport()).isEqualTo(Transport.TCP);
      assertThat(opened.family()).isEqualTo("AF_INET");
      assertThat(events.await(TrafficEvent.Connecting.class).peer()).isEqualTo(serverAddress);
      TrafficEvent.Connected connected = events.await(TrafficEvent.Connected.class);
      assertThat(connected.peer()).isEqualTo(serverAddress);
      assertThat(connected.local()).isEqualTo(client.localAddress());
      assertThat(connected.handshake()).isPositive();
      TrafficEvent.Sent sent = events.await(TrafficEvent.Sent.class);
      assertThat(sent.bytes()).isEqualTo(5);
      assertThat(sent.data()).isEqualTo("hello".getBytes(US_ASCII));
      assertThat(
              events.all(TrafficEvent.Received.class).stream()
                  .mapToInt(TrafficEvent.Received::bytes)
                  .sum())
          .isEqualTo(5);
      assertThat(events.all(TrafficEvent.HalfClosed.class))
          .extracting(TrafficEvent.HalfClosed::half)
          .containsExactly(Half.OUTPUT, Half.INPUT);
      TrafficEvent.Closed closed = events.await(TrafficEvent.Closed.class);
      assertThat(closed.bytesSent()).isEqualTo(5);
      assertThat(closed.bytesReceived()).isEqualTo(5);
      assertThat(closed.peer()).isEqualTo(serverAddress);
    }
  }

  @Test
  void aListenerSubscribedWhileTheServerRunsSeesTheConnection() throws Exception {
    try (StreamServer server = TcpServer.bind(TcpServerOptions.of(V4, 0), echo())) {
      RecordingListener events = RecordingListener.counting();
      server.events().subscribe(events);
      try (Connection client =
          TcpClient.connect(TcpClientOptions.of(V4.getHostAddress(), server.port()))) {
        assertEchoes(client, "abc");
        client.shutdownOutput();
        assertThat(readAll(client)).isEmpty();
      }
      TrafficEvent.Closed closed =
          events.await(TrafficEvent.Closed.class, c -> c.connection() != 0);
      List<TrafficEvent> ofConnection =
          events.events().stream().filter(e -> e.connection() == closed.connection()).toList();
      assertThat(kinds(ofConnection))
          .containsExactly("Accepted", "Received", "Sent", "HalfClosed", "Closed");
      assertThat(closed.bytesReceived()).isEqualTo(3);
      assertThat(closed.bytesSent()).isEqualTo(3);
      assertThat(events.await(TrafficEvent.HalfClosed.class).half()).isEqualTo(Half.INPUT);
      TrafficEvent.Accepted accepted = events.await(TrafficEvent.Accepted.class);
      assertThat(accepted.local()).isEqualTo(server.localAddress());
    }
  }

  @Test
  void payloadsAreCopiedOnlyWhileSomeoneAsksForThem() throws Exception {
    try (StreamServer server = TcpServer.bind(TcpServerOptions.of(V4, 0), echo());
        Connection client =
            TcpClient.connect(TcpClientOptions.of(V4.getHostAddress(), server.port()))) {
      RecordingListener counting = RecordingListener.counting();
      server.events().subscribe(counting);
      assertEchoes(client, "one");
      TrafficEvent.Received withoutCopy = counting.await(TrafficEvent.Received.class);
      assertThat(withoutCopy.bytes()).isEqualTo(3);
      assertThat(withoutCopy.data()).isEmpty();
      // The server publishes Sent after its write returns, which may be after the client read the
      // echo.
      assertThat(counting.await(TrafficEvent.Sent.class).data()).isEmpty();

      RecordingListener copying = RecordingListener.withPayloads();
      TrafficBus.Subscription subscription = server.events().subscribe(copying);
      assertEchoes(client, "two");
      assertThat(copying.await(TrafficEvent.Received.class).data())
          .isEqualTo("two".getBytes(US_ASCII));
      assertThat(copying.await(TrafficEvent.Sent.class).data()).isEqualTo("two".getBytes(US_ASCII));

      subscription.close();
      int before = counting.all(TrafficEvent.Received.class).size();
      assertEchoes(client, "three");
      TrafficEvent.Received after =
          counting.await(TrafficEvent.Received.class, r -> r.bytes() == 5);
      counting.await(TrafficEvent.Sent.class, e -> e.bytes() == 5);
      assertThat(counting.all(TrafficEvent.Received.class)).hasSize(before + 1);
      assertThat(after.data()).isEmpty();
      assertThat(copying.all(TrafficEvent.Received.class)).hasSize(1);
    }
  }

  @Test
  void aThrowingListenerBreaksNeitherTheSocketNorTheOtherListeners() throws Exception {
    AtomicInteger thrown = new AtomicInteger();
    RecordingListener events = RecordingListener.counting();
    TrafficBus clientBus = new TrafficBus();
    clientBus.subscribe(
        e -> {
          thrown.incrementAndGet();
          throw new IllegalStateException("listener bug");
        });
    clientBus.subscribe(events);
    try (StreamServer server = TcpServer.bind(TcpServerOptions.of(V4, 0), echo())) {
      server
          .events()
          .subscribe(
              e -> {
                throw new IllegalStateException("server listener bug");
              });
      try (Connection client =
          TcpClient.connect(TcpClientOptions.of(V4.getHostAddress(), server.port()), clientBus)) {
        for (int i = 0; i < 3; i++) {
          assertEchoes(client, "round " + i);
        }
      }
    }
    assertThat(thrown.get()).isGreaterThanOrEqualTo(6);
    assertThat(events.await(TrafficEvent.Closed.class).bytesReceived()).isEqualTo(21);
  }

  /**
   * Event kinds in order, with runs of Received or Sent (one write may arrive in pieces) merged.
   */
  private static List<String> kinds(List<TrafficEvent> events) {
    List<String> out = new ArrayList<>();
    for (TrafficEvent e : events) {
      String kind = e.getClass().getSimpleName();
      boolean repeat =
          !out.isEmpty()
              && out.getLast().equals(kind)
              && (e instanceof TrafficEvent.Received || e instanceof TrafficEvent.Sent);
      if (!repeat) {
        out.add(kind);
      }
    }
    return out;
  }
}
