package dev.sockit.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockit.core.access.AccessList;
import dev.sockit.core.event.RecordingListener;
import dev.sockit.core.event.TrafficEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The UDP relay with real sockets on loopback: a thousand clients at once each get their own
 * replies (and no other client's), the table's bound and its policy, idle sessions, access, and the
 * traffic a view sees. The target is a tagging echo: it answers {@code reply:} followed by what it
 * got, to whoever sent it.
 */
@Timeout(60)
class DatagramRelayTest {
  private DatagramChannel echo;
  private Thread echoThread;

  @BeforeEach
  void startTaggingEcho() throws IOException {
    echo = DatagramChannel.open(StandardProtocolFamily.INET);
    echo.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
    echo.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    echoThread =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  ByteBuffer in = ByteBuffer.allocate(65_536);
                  try {
                    while (true) {
                      SocketAddress from = echo.receive(in.clear());
                      in.flip();
                      ByteBuffer out = ByteBuffer.allocate(6 + in.remaining());
                      out.put("reply:".getBytes(StandardCharsets.US_ASCII)).put(in).flip();
                      echo.send(out, from);
                    }
                  } catch (IOException e) {
                    // closed by the test
                  }
                });
  }

  @AfterEach
  void stopEcho() throws Exception {
    echo.close();
    echoThread.join(5000);
  }

  private int echoPort() throws IOException {
    return ((InetSocketAddress) echo.getLocalAddress()).getPort();
  }

  @Test
  void aThousandClientsAtOnceEachGetTheirOwnRepliesAcrossIpv6ToIpv4() throws Exception {
    int clients = 1000;
    RelayRecorder events = new RelayRecorder();
    try (Relay relay =
            Relay.start(
                options("udp:[::1]:0", "udp:127.0.0.1:" + echoPort()).withMaxSessions(clients),
                events);
        Selector selector = Selector.open()) {
      List<DatagramChannel> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < clients; i++) {
          DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET6);
          c.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
          c.configureBlocking(false);
          c.register(selector, SelectionKey.OP_READ, i);
          sockets.add(c);
        }
        Map<Integer, String> replies = exchange(sockets, selector, relay.localAddress());
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          String want = "reply:client-" + i;
          if (!want.equals(replies.get(i))) {
            wrong.add(i + " got " + replies.get(i));
          }
        }
        assertThat(wrong).as("clients without their own reply").isEmpty();
        assertThat(relay.sessions()).isEqualTo(clients);
        assertThat(events.all(RelayEvent.Opened.class)).hasSize(clients);
        assertThat(events.all(RelayEvent.Refused.class)).isEmpty();
      } finally {
        for (DatagramChannel c : sockets) {
          c.close();
        }
      }
    }
  }

  /**
   * Sends {@code client-I} from socket I and waits for answers, sending again from the sockets
   * still without one (UDP may drop a datagram), for at most ten rounds. Every datagram a socket
   * gets is kept: a second, different one would show as a wrong reply.
   */
  private static Map<Integer, String> exchange(
      List<DatagramChannel> sockets, Selector selector, SocketAddress relay) throws IOException {
    Map<Integer, String> replies = new HashMap<>();
    ByteBuffer buffer = ByteBuffer.allocate(65_536);
    for (int round = 0; round < 10 && replies.size() < sockets.size(); round++) {
      for (int i = 0; i < sockets.size(); i++) {
        if (!replies.containsKey(i)) {
          sockets.get(i).send(ByteBuffer.wrap(("client-" + i).getBytes()), relay);
        }
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (replies.size() < sockets.size() && System.nanoTime() < deadline) {
        selector.select(100);
        for (SelectionKey key : selector.selectedKeys()) {
          int i = (Integer) key.attachment();
          DatagramChannel c = (DatagramChannel) key.channel();
          SocketAddress from;
          while ((from = c.receive(buffer.clear())) != null) {
            assertThat(from).isEqualTo(relay);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            String before = replies.putIfAbsent(i, text);
            if (before != null && !before.equals(text)) {
              replies.put(i, before + " AND " + text);
            }
          }
        }
        selector.selectedKeys().clear();
      }
    }
    return replies;
  }

  @Test
  void aFullTableDropsNewClientsAndKeepsServingTheOnesItHas() throws Exception {
    RelayRecorder events = new RelayRecorder();
    try (Relay relay =
            Relay.start(
                options("udp:127.0.0.1:0", "udp:127.0.0.1:" + echoPort()).withMaxSessions(2),
                events);
        DatagramChannel a = client();
        DatagramChannel b = client();
        DatagramChannel c = client()) {
      assertThat(ask(a, relay, "a")).isEqualTo("reply:a");
      assertThat(ask(b, relay, "b")).isEqualTo("reply:b");
      assertThat(ask(c, relay, "c")).isNull();
      assertThat(events.await(RelayEvent.Refused.class).reason())
          .contains("session table full (2 sessions)");
      assertThat(ask(a, relay, "a2")).isEqualTo("reply:a2");
      assertThat(((DatagramRelay) relay).dropped()).isEqualTo(1);
    }
  }

  @Test
  void anIdleSessionEndsAndFreesItsPlaceForTheNextClient() throws Exception {
    RelayRecorder events = new RelayRecorder();
    try (Relay relay =
            Relay.start(
                options("udp:127.0.0.1:0", "udp:127.0.0.1:" + echoPort())
                    .withMaxSessions(1)
                    .withIdle(Duration.ZERO, Duration.ofMillis(200)),
                events);
        DatagramChannel a = client();
        DatagramChannel b = client()) {
      assertThat(ask(a, relay, "a")).isEqualTo("reply:a");
      RelayEvent.Closed closed = events.await(RelayEvent.Closed.class);
      assertThat(closed.summary().ending()).isEqualTo(Ending.IDLE);
      assertThat(closed.summary().datagramsFromClient()).isEqualTo(1);
      assertThat(closed.summary().datagramsFromUpstream()).isEqualTo(1);
      assertThat(closed.summary().bytesFromUpstream()).isEqualTo("reply:a".length());
      assertThat(ask(b, relay, "b")).isEqualTo("reply:b");
      assertThat(events.await(RelayEvent.Opened.class, o -> o.session() == 2).client())
          .isEqualTo(b.getLocalAddress());
    }
  }

  @Test
  void deniedClientsGetNothingAndAreReported() throws Exception {
    RelayRecorder events = new RelayRecorder();
    try (Relay relay =
            Relay.start(
                options("udp:127.0.0.1:0", "udp:127.0.0.1:" + echoPort())
                    .withAccess(AccessList.of(List.of("10.0.0.0/8"), List.of())),
                events);
        DatagramChannel a = client()) {
      assertThat(ask(a, relay, "a")).isNull();
      assertThat(events.await(RelayEvent.Refused.class).reason()).contains("not allowed");
      assertThat(relay.sessions()).isZero();
    }
  }

  @Test
  void aViewSeesTheClientsAndTheTargetsDatagramsUnderTheirOwnConnections() throws Exception {
    RelayRecorder events = new RelayRecorder();
    RecordingListener traffic = RecordingListener.withPayloads();
    try (Relay relay =
            Relay.start(options("udp:127.0.0.1:0", "udp:127.0.0.1:" + echoPort()), events);
        DatagramChannel a = client()) {
      relay.events().subscribe(traffic);
      assertThat(ask(a, relay, "hello")).isEqualTo("reply:hello");
      RelayEvent.Opened opened = events.await(RelayEvent.Opened.class);
      TrafficEvent.Received fromClient =
          traffic.await(
              TrafficEvent.Received.class, r -> r.connection() == opened.clientConnection());
      TrafficEvent.Received fromTarget =
          traffic.await(
              TrafficEvent.Received.class, r -> r.connection() == opened.upstreamConnection());
      assertThat(new String(fromClient.data(), StandardCharsets.UTF_8)).isEqualTo("hello");
      assertThat(new String(fromTarget.data(), StandardCharsets.UTF_8)).isEqualTo("reply:hello");
      assertThat(fromClient.peer()).isEqualTo(a.getLocalAddress());
    }
  }

  @Test
  void closingTheRelayEndsEverySession() throws Exception {
    RelayRecorder events = new RelayRecorder();
    Relay relay = Relay.start(options("udp:127.0.0.1:0", "udp:127.0.0.1:" + echoPort()), events);
    try (DatagramChannel a = client();
        DatagramChannel b = client()) {
      assertThat(ask(a, relay, "a")).isEqualTo("reply:a");
      assertThat(ask(b, relay, "b")).isEqualTo("reply:b");
      relay.close();
      assertThat(relay.awaitStop(Duration.ofSeconds(5))).isTrue();
      TreeSet<Ending> endings = new TreeSet<>();
      for (RelayEvent.Closed c : events.all(RelayEvent.Closed.class)) {
        endings.add(c.summary().ending());
      }
      assertThat(events.all(RelayEvent.Closed.class)).hasSize(2);
      assertThat(endings).containsExactly(Ending.STOPPED);
    }
  }

  private static RelayOptions options(String source, String target) {
    return RelayOptions.of(RelayEndpoint.source(source), RelayEndpoint.target(target));
  }

  private static DatagramChannel client() throws IOException {
    DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET);
    c.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    return c;
  }

  /** Sends {@code text} to the relay and waits up to 1 s for one reply; null if none came. */
  private static String ask(DatagramChannel c, Relay relay, String text) throws IOException {
    c.send(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), relay.localAddress());
    c.socket().setSoTimeout(1000);
    java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[65_536], 65_536);
    try {
      c.socket().receive(p);
    } catch (java.net.SocketTimeoutException e) {
      return null;
    }
    return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
  }
}
