package dev.sockit.core.stream;

import static dev.sockit.core.stream.ConnectionIo.readLine;
import static dev.sockit.core.stream.ConnectionIo.waitUntil;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockit.core.tcp.TcpClient;
import dev.sockit.core.tcp.TcpClientOptions;
import dev.sockit.core.tcp.TcpServer;
import dev.sockit.core.tcp.TcpServerOptions;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ncat's --broker and --chat over real loopback connections. */
@Timeout(10)
class BrokerTest {

  private static Connection connect(StreamServer server) throws IOException {
    return TcpClient.connect(TcpClientOptions.of("127.0.0.1", server.port()));
  }

  private static StreamServer serve(Broker broker) throws IOException {
    return TcpServer.bind(
        TcpServerOptions.of(java.net.InetAddress.getByName("127.0.0.1"), 0), broker.handler());
  }

  @Test
  void dataFromOneClientReachesEveryOtherClientButNotTheSender() throws Exception {
    Broker broker = new Broker(false);
    try (StreamServer server = serve(broker);
        Connection a = connect(server);
        Connection b = connect(server);
        Connection c = connect(server)) {
      waitUntil(() -> broker.size() == 3, "three clients have joined");

      a.write("from a\n".getBytes(US_ASCII));
      assertThat(readLine(b)).isEqualTo("from a\n");
      assertThat(readLine(c)).isEqualTo("from a\n");

      b.write("from b\n".getBytes(US_ASCII));
      // The first thing a reads is b's line: its own never came back.
      assertThat(readLine(a)).isEqualTo("from b\n");
      assertThat(readLine(c)).isEqualTo("from b\n");

      broker.broadcast("to all\n".getBytes(US_ASCII));
      for (Connection each : new Connection[] {a, b, c}) {
        assertThat(readLine(each)).isEqualTo("to all\n");
      }
    }
  }

  /**
   * A client is in the room by the time the server announces it (the Accepted event, which `-v`
   * prints as "connection from"), so data sent right after that announcement reaches it. The broker
   * used to join clients on their own threads, later: a test that sent at once lost data.
   */
  @Test
  void aClientIsInTheRoomWhenItsAcceptedEventIsPublished() throws Exception {
    Broker broker = new Broker(false);
    dev.sockit.core.event.TrafficBus bus = new dev.sockit.core.event.TrafficBus();
    java.util.List<Integer> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
    bus.subscribe(
        e -> {
          if (e instanceof dev.sockit.core.event.TrafficEvent.Accepted) {
            sizes.add(broker.size());
          }
        });
    try (StreamServer server =
        TcpServer.bind(
            TcpServerOptions.of(java.net.InetAddress.getByName("127.0.0.1"), 0),
            broker.handler(),
            bus)) {
      for (int round = 0; round < 20; round++) {
        try (Connection a = connect(server);
            Connection b = connect(server)) {
          waitUntil(() -> sizes.size() == 2, "both accepted");
          a.write("now\n".getBytes(US_ASCII));
          assertThat(readLine(b)).isEqualTo("now\n");
        }
        waitUntil(() -> broker.size() == 0, "both gone");
        assertThat(sizes).containsExactly(1, 2);
        sizes.clear();
      }
    }
  }

  /**
   * In chat mode the greeting is the first thing a client reads, even when others join and talk the
   * moment it has been accepted: it is written on the accepting thread, before the client can
   * receive anything relayed.
   */
  @Test
  void aChatGreetingComesBeforeAnythingElse() throws Exception {
    Broker broker = new Broker(true);
    try (StreamServer server = serve(broker)) {
      for (int round = 0; round < 10; round++) {
        try (Connection talker = connect(server)) {
          assertThat(readLine(talker)).startsWith("<announce> already connected:");
          java.util.List<Connection> joined = new java.util.ArrayList<>();
          try {
            for (int i = 0; i < 4; i++) {
              talker.write(("line " + i + "\n").getBytes(US_ASCII)); // while the others arrive
              joined.add(connect(server));
            }
            for (Connection c : joined) {
              assertThat(readLine(c))
                  .as("first line of a new client")
                  .startsWith("<announce> already connected:");
            }
          } finally {
            for (Connection c : joined) {
              c.close();
            }
          }
        }
        waitUntil(() -> broker.size() == 0, "everyone left");
      }
    }
  }

  @Test
  void aClientThatLeavesIsForgottenAndTheOthersCarryOn() throws Exception {
    Broker broker = new Broker(false);
    try (StreamServer server = serve(broker);
        Connection a = connect(server);
        Connection b = connect(server)) {
      Connection c = connect(server);
      waitUntil(() -> broker.size() == 3, "three clients have joined");
      c.close();
      waitUntil(() -> broker.size() == 2, "the third client is gone");
      a.write("still\n".getBytes(US_ASCII));
      assertThat(readLine(b)).isEqualTo("still\n");
    }
  }

  @Test
  void chatPrefixesUsersAndAnnouncesJoinsAndLeaves() throws Exception {
    Broker broker = new Broker(true);
    try (StreamServer server = serve(broker);
        Connection a = connect(server)) {
      assertThat(readLine(a)).isEqualTo("<announce> already connected: nobody.\n");
      Connection b = connect(server);
      try {
        assertThat(readLine(b)).isEqualTo("<announce> already connected: 127.0.0.1 as <user1>.\n");
        assertThat(readLine(a)).isEqualTo("<announce> 127.0.0.1 is connected as <user2>.\n");

        a.write("hi\r\n".getBytes(US_ASCII));
        assertThat(readLine(b)).isEqualTo("<user1> hi\\x0d\n");
        b.write("yo\n".getBytes(US_ASCII));
        assertThat(readLine(a)).isEqualTo("<user2> yo\n");
      } finally {
        b.close();
      }
      assertThat(readLine(a)).isEqualTo("<announce> <user2> is disconnected.\n");
    }
  }

  /**
   * A client the others have been told about is in the room: what they send the moment the
   * announcement arrives reaches it. The broker used to announce first and add the client after, so
   * a quick reply could miss it (a CI run hung on that).
   */
  @Test
  @Timeout(60)
  void aClientAnnouncedToTheOthersIsAlreadyInTheRoom() throws Exception {
    Broker broker = new Broker(true);
    try (StreamServer server = serve(broker)) {
      for (int round = 0; round < 100; round++) {
        try (Connection a = connect(server)) {
          assertThat(readLine(a)).startsWith("<announce> already connected:");
          try (Connection b = connect(server)) {
            assertThat(readLine(b)).startsWith("<announce> already connected:");
            assertThat(readLine(a)).endsWith(" is connected as <user" + (2 * round + 2) + ">.\n");
            assertThat(broker.size())
                .as("round %d: members once the newcomer is announced", round)
                .isEqualTo(2);
            a.write("quick\n".getBytes(US_ASCII));
            assertThat(readLine(b)).isEqualTo("<user" + (2 * round + 1) + "> quick\n");
          }
        }
        waitUntil(() -> broker.size() == 0, "everyone left");
      }
    }
  }

  @Test
  void aClientWhoseGreetingFailsDoesNotStayJoined() throws Exception {
    Broker broker = new Broker(true);
    try (StreamServer server = TcpServer.bind(TcpServerOptions.loopback(0), conn -> {})) {
      Connection dead =
          TcpClient.connect(
              TcpClientOptions.of(
                  java.net.InetAddress.getLoopbackAddress().getHostAddress(), server.port()));
      dead.close();
      assertThatThrownBy(() -> broker.handler().handle(dead)).isInstanceOf(IOException.class);
      assertThat(broker.size()).isZero();
    }
  }

  @Test
  void chatLineEscapesControlBytesButKeepsLfTabAndHighBytes() {
    byte[] data = {'a', '\t', 'b', '\n', 0, '\r', 0x1b, 0x7f, (byte) 0xe4, ' '};
    assertThat(new String(Broker.chatLine(3, data), ISO_8859_1))
        .isEqualTo("<user3> a\tb\n\\x00\\x0d\\x1b\\x7f\u00e4 ");
    assertThat(new String(Broker.chatLine(1, new byte[0]), US_ASCII)).isEqualTo("<user1> ");
  }

  @Test
  void chatLineCopesWithLargeUserNumbers() {
    assertThat(new String(Broker.chatLine(Integer.MAX_VALUE, new byte[] {1}), US_ASCII))
        .isEqualTo("<user2147483647> \\x01");
    assertThat(new String(Broker.chatLine(1_000_000_000, new byte[0]), US_ASCII))
        .isEqualTo("<user1000000000> ");
  }
}
