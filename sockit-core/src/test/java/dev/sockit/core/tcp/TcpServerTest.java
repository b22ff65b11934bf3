package dev.sockit.core.tcp;

import static dev.sockit.core.stream.ConnectionIo.assertEndedWithoutData;
import static dev.sockit.core.stream.ConnectionIo.assertRejected;
import static dev.sockit.core.stream.ConnectionIo.echo;
import static dev.sockit.core.stream.ConnectionIo.readAll;
import static dev.sockit.core.stream.ConnectionIo.readExactly;
import static dev.sockit.core.stream.ConnectionIo.waitUntil;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockit.core.access.AccessList;
import dev.sockit.core.event.RecordingListener;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.net.Transport;
import dev.sockit.core.stream.Connection;
import dev.sockit.core.stream.ConnectionHandler;
import dev.sockit.core.stream.ServerLimits;
import dev.sockit.core.stream.StreamServer;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A real TCP server on the loopback address, port 0, with real clients. */
@Timeout(10)
class TcpServerTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private static Connection connect(StreamServer server) throws IOException {
    return TcpClient.connect(TcpClientOptions.of(LOOPBACK.getHostAddress(), server.port()));
  }

  @Test
  void reportsThePortTheSystemChose() throws IOException {
    try (StreamServer server = TcpServer.bind(TcpServerOptions.loopback(0), echo())) {
      assertThat(server.port()).isBetween(1, 65535);
      assertThat(server.localAddress()).isEqualTo(new InetSocketAddress(LOOPBACK, server.port()));
      assertThat(server.transport()).isEqualTo(Transport.TCP);
      assertThat(server.isOpen()).isTrue();
    }
  }

  @Test
  void publishesSocketBindAndListenAndRunsHandlersOnNamedVirtualThreads() throws Exception {
    RecordingListener events = RecordingListener.counting();
    TrafficBus bus = new TrafficBus();
    bus.subscribe(events);
    AtomicReference<Thread> handlerThread = new AtomicReference<>();
    ConnectionHandler record = connection -> handlerThread.set(Thread.currentThread());
    try (StreamServer server = TcpServer.bind(TcpServerOptions.loopback(0), record, bus)) {
      assertThat(events.await(TrafficEvent.Opened.class).family()).isEqualTo("AF_INET");
      assertThat(events.await(TrafficEvent.Bound.class).local()).isEqualTo(server.localAddress());
      TrafficEvent.Listening listening = events.await(TrafficEvent.Listening.class);
      assertThat(listening.local()).isEqualTo(server.localAddress());
      assertThat(listening.backlog()).isEqualTo(ServerLimits.DEFAULT.backlog());
      assertThat(sockitThreads()).contains("sockit-accept-127.0.0.1:" + server.port());

      assertRejected(() -> connect(server)); // the handler returns at once
      TrafficEvent.Accepted accepted = events.await(TrafficEvent.Accepted.class);
      waitUntil(() -> handlerThread.get() != null, "the handler runs");
      assertThat(handlerThread.get().isVirtual()).isTrue();
      assertThat(handlerThread.get().getName()).isEqualTo("sockit-conn-" + accepted.connection());
    }
  }

  @Test
  void abortResetsTheConnection() throws Exception {
    CountDownLatch aborted = new CountDownLatch(1);
    ConnectionHandler abort =
        connection -> {
          readExactly(connection, 1); // abort only once the client is surely connected
          connection.abort();
          aborted.countDown();
        };
    try (StreamServer server = TcpServer.bind(TcpServerOptions.loopback(0), abort);
        Connection client = connect(server)) {
      client.write(new byte[] {0});
      assertThat(aborted.await(5, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(
              () -> {
                // A write may still be accepted locally; the reset shows on the read after it.
                client.write(new byte[] {1});
                client.read(ByteBuffer.allocate(1));
              })
          .isInstanceOf(IOException.class)
          .hasMessageContaining("reset");
    }
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {1 << 20, 5 << 20})
  void echoesRandomBytesUnchanged(int size) throws Exception {
    byte[] sent = new byte[size];
    new Random(size).nextBytes(sent);
    RecordingListener serverEvents = RecordingListener.counting();
    TrafficBus bus = new TrafficBus();
    bus.subscribe(serverEvents);
    try (StreamServer server = TcpServer.bind(TcpServerOptions.loopback(0), echo(), bus);
        Connection client = connect(server)) {
      AtomicReference<Throwable> writeFailure = new AtomicReference<>();
      // Write on another thread: echoing megabytes both ways would fill the socket buffers.
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      for (int off = 0; off < size; off += 100_000) {
                        client.write(ByteBuffer.wrap(sent, off, Math.min(100_000, size - off)));
                      }
                      client.shutdownOutput();
                    } catch (IOException | RuntimeException e) {
                      writeFailure.set(e);
                    }
                  });
      byte[] received = readAll(client);
      writer.join();

      assertThat(writeFailure.get()).isNull();
      assertThat(received).hasSize(size);
      assertThat(sha256(received)).isEqualTo(sha256(sent));
      assertThat(client.bytesSent()).isEqualTo(size);
      assertThat(client.bytesReceived()).isEqualTo(size);
      TrafficEvent.Closed closed =
          serverEvents.await(TrafficEvent.Closed.class, c -> c.connection() != 0);
      assertThat(closed.bytesReceived()).isEqualTo(size);
      assertThat(closed.bytesSent()).isEqualTo(size);
    }
  }

  @Test
  void halfCloseLetsTheServerAnswerAfterReadingEndOfStream() throws IOException {
    ConnectionHandler countThenAnswer =
        connection -> {
          byte[] all = readAll(connection);
          assertThat(connection.inputEnded()).isTrue();
          connection.write(("got " + all.length + "\n").getBytes(US_ASCII));
        };
    try (StreamServer server = TcpServer.bind(TcpServerOptions.loopback(0), countThenAnswer);
        Connection client = connect(server)) {
      client.write("hello".getBytes(US_ASCII));
      client.shutdownOutput();
      client.shutdownOutput(); // idempotent

      assertThat(new String(readAll(client), US_ASCII)).isEqualTo("got 5\n");
      assertThat(client.inputEnded()).isTrue();
      assertThatThrownBy(() -> client.write(new byte[] {1})).isInstanceOf(IOException.class);
    }
  }

  @Test
  void servesIpv6Loopback() throws IOException {
    InetAddress v6 = InetAddress.getByName("::1");
    Assumptions.assumeTrue(hasIpv6Loopback(), "no IPv6 loopback (::1) on this host");
    try (StreamServer server = TcpServer.bind(TcpServerOptions.of(v6, 0), echo());
        Connection client = TcpClient.connect(TcpClientOptions.of("::1", server.port()))) {
      assertThat(((InetSocketAddress) server.localAddress()).getAddress())
          .isInstanceOf(Inet6Address.class);
      client.write("v6".getBytes(US_ASCII));
      assertThat(readExactly(client, 2)).isEqualTo("v6".getBytes(US_ASCII));
    }
  }

  @Test
  void maxConnectionsClosesTheExtraClientAtOnceAndPublishesRejected() throws Exception {
    RecordingListener events = RecordingListener.counting();
    TrafficBus bus = new TrafficBus();
    bus.subscribe(events);
    ServerLimits two = ServerLimits.DEFAULT.withMaxConnections(2);
    try (StreamServer server =
        TcpServer.bind(TcpServerOptions.loopback(0).withLimits(two), echo(), bus)) {
      Connection first = connect(server);
      try (Connection second = connect(server)) {
        assertEchoes(first, "a");
        assertEchoes(second, "b");

        assertRejected(() -> connect(server));
        TrafficEvent.Rejected rejected = events.await(TrafficEvent.Rejected.class);
        assertThat(rejected.reason()).isEqualTo("too many connections (max 2)");
        assertThat(server.connections()).hasSize(2);

        first.close();
        waitUntil(() -> server.connections().size() < 2, "the server drops the first client");
        try (Connection fourth = connect(server)) {
          assertEchoes(fourth, "d");
        }
        assertEchoes(second, "e");
      } finally {
        first.close();
      }
    }
  }

  @Test
  void aConnectionClosedByItsHandlerFreesItsSlotBeforeTheClosedEventIsSeen() throws Exception {
    // The handler closes the connection and then still has work to do (as a logging or chat
    // handler may): a client that reconnects on seeing the Closed event must be admitted.
    CountDownLatch finish = new CountDownLatch(1);
    ConnectionHandler closeThenLinger =
        connection -> {
          readExactly(connection, 1);
          connection.close();
          try {
            finish.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    RecordingListener events = RecordingListener.counting();
    TrafficBus bus = new TrafficBus();
    bus.subscribe(events);
    ServerLimits one = ServerLimits.DEFAULT.withMaxConnections(1);
    try (StreamServer server =
            TcpServer.bind(TcpServerOptions.loopback(0).withLimits(one), closeThenLinger, bus);
        Connection first = connect(server)) {
      first.write(new byte[] {1});
      events.await(TrafficEvent.Closed.class);
      try (Connection second = connect(server)) {
        second.write(new byte[] {2});
        waitUntil(
            () ->
                events.all(TrafficEvent.Accepted.class).size() == 2
                    || !events.all(TrafficEvent.Rejected.class).isEmpty(),
            "the second client is accepted or rejected");
        assertThat(events.all(TrafficEvent.Rejected.class)).isEmpty();
      } finally {
        finish.countDown();
      }
    }
  }

  @Test
  void acceptLimitOneServesOneClientThenStopsListening() throws Exception {
    ServerLimits once = ServerLimits.DEFAULT.withAcceptLimit(1);
    ConnectionHandler greet = connection -> connection.write("one\n".getBytes(US_ASCII));
    try (StreamServer server =
        TcpServer.bind(TcpServerOptions.loopback(0).withLimits(once), greet)) {
      try (Connection client = connect(server)) {
        assertThat(new String(readAll(client), US_ASCII)).isEqualTo("one\n");
      }
      assertThat(server.awaitStop(Duration.ofSeconds(5))).isTrue();

      assertThatThrownBy(() -> connect(server))
          .isInstanceOf(ConnectException.class)
          .hasMessageContaining(LOOPBACK.getHostAddress() + ":" + server.port());
    }
  }

  @Test
  void idleTimeoutClosesASilentConnection() throws Exception {
    RecordingListener events = RecordingListener.counting();
    TrafficBus bus = new TrafficBus();
    bus.subscribe(events);
    ServerLimits idle = ServerLimits.DEFAULT.withIdleTimeout(Duration.ofMillis(200));
    try (StreamServer server =
        TcpServer.bind(TcpServerOptions.loopback(0).withLimits(idle), echo(), bus)) {
      long start =
          System.nanoTime(); // before the connect: the server's idle clock starts at its accept
      try (Connection client = connect(server)) {
        assertEndedWithoutData(client);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(150));

      TrafficEvent.Failed failed = events.await(TrafficEvent.Failed.class);
      assertThat(failed.message()).isEqualTo("idle for 200 ms; closed");
      TrafficEvent.Closed closed =
          events.await(TrafficEvent.Closed.class, c -> c.connection() == failed.connection());
      assertThat(events.events()).containsSubsequence(failed, closed);
      waitUntil(() -> server.connections().isEmpty(), "the idle connection is dropped");
    }
  }

  @Test
  void idleTimeoutSparesAConnectionThatKeepsTalking() throws Exception {
    RecordingListener events = RecordingListener.counting();
    TrafficBus bus = new TrafficBus();
    bus.subscribe(events);
    ServerLimits idle = ServerLimits.DEFAULT.withIdleTimeout(Duration.ofSeconds(1));
    try (StreamServer server =
            TcpServer.bind(TcpServerOptions.loopback(0).withLimits(idle), echo(), bus);
        Connection client = connect(server)) {
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1600);
      int i = 0;
      while (System.nanoTime() < end) {
        assertEchoes(client, Integer.toString(i++ % 10));
        Thread.sleep(100);
      }
      assertThat(events.all(TrafficEvent.Failed.class)).isEmpty();
    }
  }

  @Test
  void idleTimeoutReportsOnceEvenWhenTheHandlerIsSlowToNotice() throws Exception {
    RecordingListener events = RecordingListener.counting();
    TrafficBus bus = new TrafficBus();
    bus.subscribe(events);
    CountDownLatch release = new CountDownLatch(1);
    // A handler busy with something other than the socket does not notice the close at once.
    ConnectionHandler busy =
        connection -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    ServerLimits idle = ServerLimits.DEFAULT.withIdleTimeout(Duration.ofMillis(100));
    try (StreamServer server =
            TcpServer.bind(TcpServerOptions.loopback(0).withLimits(idle), busy, bus);
        Connection client = connect(server)) {
      assertEndedWithoutData(client);
      events.await(TrafficEvent.Failed.class);
      Thread.sleep(300); // a dozen watcher ticks (25 ms each) while the handler is still running
      release.countDown();
      waitUntil(() -> server.connections().isEmpty(), "the handler returns");
      assertThat(events.all(TrafficEvent.Failed.class)).hasSize(1);
    }
  }

  @Test
  void denyListRejectsLoopbackClients() throws Exception {
    RecordingListener events = RecordingListener.counting();
    TrafficBus bus = new TrafficBus();
    bus.subscribe(events);
    AtomicBoolean served = new AtomicBoolean();
    ServerLimits deny =
        ServerLimits.DEFAULT.withAccess(AccessList.of(List.of(), List.of("127.0.0.0/8")));
    try (StreamServer server =
        TcpServer.bind(
            TcpServerOptions.of(InetAddress.getByName("127.0.0.1"), 0).withLimits(deny),
            connection -> served.set(true),
            bus)) {
      assertRejected(() -> TcpClient.connect(TcpClientOptions.of("127.0.0.1", server.port())));
      TrafficEvent.Rejected rejected = events.await(TrafficEvent.Rejected.class);
      assertThat(rejected.reason()).isEqualTo("address 127.0.0.1 is not allowed");
      assertThat(((InetSocketAddress) rejected.peer()).getAddress())
          .isEqualTo(InetAddress.getByName("127.0.0.1"));
      assertThat(served).isFalse();
      assertThat(events.all(TrafficEvent.Accepted.class)).isEmpty();
    }
  }

  @Test
  void allowEntryWinsOverDenyEntry() throws Exception {
    AccessList list = AccessList.of(List.of("127.0.0.1"), List.of("127.0.0.0/8"));
    try (StreamServer server =
            TcpServer.bind(
                TcpServerOptions.of(InetAddress.getByName("127.0.0.1"), 0)
                    .withLimits(ServerLimits.DEFAULT.withAccess(list)),
                echo());
        Connection client = TcpClient.connect(TcpClientOptions.of("127.0.0.1", server.port()))) {
      assertEchoes(client, "allowed");
    }
  }

  @Test
  void allowListRefusesEveryoneElse() throws Exception {
    AccessList list = AccessList.of(List.of("10.0.0.0/8"), List.of());
    try (StreamServer server =
        TcpServer.bind(
            TcpServerOptions.loopback(0).withLimits(ServerLimits.DEFAULT.withAccess(list)),
            echo())) {
      assertRejected(() -> connect(server));
    }
  }

  @Test
  void closeIsIdempotentEndsEveryConnectionAndLeavesNoThread() throws Exception {
    RecordingListener events = RecordingListener.counting();
    TrafficBus bus = new TrafficBus();
    bus.subscribe(events);
    CountDownLatch handlersDone = new CountDownLatch(3);
    ConnectionHandler echoThenCount =
        connection -> {
          try {
            echo().handle(connection);
          } finally {
            handlersDone.countDown();
          }
        };
    ServerLimits limits = ServerLimits.DEFAULT.withIdleTimeout(Duration.ofMinutes(1));
    StreamServer server =
        TcpServer.bind(TcpServerOptions.loopback(0).withLimits(limits), echoThenCount, bus);
    List<Connection> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Connection c = connect(server);
        clients.add(c);
        assertEchoes(c, "x" + i);
      }
      assertThat(sockitThreads())
          .as("the accepting thread runs while the server is open")
          .isNotEmpty();

      server.close();

      assertThat(handlersDone.getCount()).as("handlers still running after close()").isZero();
      assertThat(server.isOpen()).isFalse();
      assertThat(server.connections()).isEmpty();
      assertThat(server.awaitStop(Duration.ZERO)).isTrue();
      for (Connection c : clients) {
        assertEndedWithoutData(c);
      }
      assertThat(sockitThreads()).isEmpty();

      server.close();
      assertThat(events.all(TrafficEvent.Closed.class).stream().filter(c -> c.connection() == 0))
          .as("the listener's Closed event")
          .hasSize(1);
    } finally {
      server.close();
      for (Connection c : clients) {
        c.close();
      }
    }
  }

  @Test
  void closeFromInsideAHandlerDoesNotWaitForItself() throws Exception {
    AtomicReference<StreamServer> self = new AtomicReference<>();
    AtomicLong closeNanos = new AtomicLong(-1);
    CountDownLatch ready = new CountDownLatch(1);
    ConnectionHandler quit =
        connection -> {
          try {
            ready.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          long start = System.nanoTime();
          self.get().close();
          closeNanos.set(System.nanoTime() - start);
        };
    try (StreamServer server = TcpServer.bind(TcpServerOptions.loopback(0), quit);
        Connection client = connect(server)) {
      self.set(server);
      ready.countDown();
      assertEndedWithoutData(client);
      assertThat(server.awaitStop(Duration.ofSeconds(8))).isTrue();
      waitUntil(() -> closeNanos.get() >= 0, "the handler's close() returns");
      assertThat(Duration.ofNanos(closeNanos.get())).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void handlerFailureBecomesAFailedEventAndTheServerCarriesOn() throws Exception {
    RecordingListener events = RecordingListener.counting();
    TrafficBus bus = new TrafficBus();
    bus.subscribe(events);
    AtomicLong calls = new AtomicLong();
    ConnectionHandler flaky =
        connection -> {
          if (calls.incrementAndGet() == 1) {
            throw new IOException("handler gave up");
          }
          echo().handle(connection);
        };
    try (StreamServer server = TcpServer.bind(TcpServerOptions.loopback(0), flaky, bus)) {
      assertRejected(() -> connect(server));
      assertThat(events.await(TrafficEvent.Failed.class).message()).isEqualTo("handler gave up");
      try (Connection second = connect(server)) {
        assertEchoes(second, "still here");
      }
    }
  }

  @Test
  void bindingAPortInUseNamesTheAddress() throws IOException {
    try (StreamServer first = TcpServer.bind(TcpServerOptions.loopback(0), echo())) {
      String address = LOOPBACK.getHostAddress() + ":" + first.port();
      assertThatThrownBy(
              () -> TcpServer.bind(TcpServerOptions.loopback(first.port()), echo()).close())
          .isInstanceOf(BindException.class)
          .hasMessageContaining(address)
          .hasMessageContaining("already in use");
      // The first server is unharmed.
      try (Connection client = connect(first)) {
        assertEchoes(client, "ok");
      }
    }
  }

  @Test
  void limitsAreValidated() {
    assertThatThrownBy(() -> ServerLimits.DEFAULT.withBacklog(0)).hasMessageContaining("backlog");
    assertThatThrownBy(() -> ServerLimits.DEFAULT.withMaxConnections(0))
        .hasMessageContaining("max connections");
    assertThatThrownBy(() -> ServerLimits.DEFAULT.withAcceptLimit(-1))
        .hasMessageContaining("accept limit");
    assertThatThrownBy(() -> ServerLimits.DEFAULT.withIdleTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("idle timeout");
  }

  static void assertEchoes(Connection client, String text) throws IOException {
    byte[] bytes = text.getBytes(US_ASCII);
    client.write(bytes);
    assertThat(new String(readExactly(client, bytes.length), US_ASCII)).isEqualTo(text);
  }

  static boolean hasIpv6Loopback() {
    try {
      NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getByName("::1"));
      return lo != null && lo.isUp();
    } catch (IOException e) {
      return false;
    }
  }

  private static List<String> sockitThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("sockit-"))
        .map(Thread::getName)
        .toList();
  }

  private static byte[] sha256(byte[] data) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }
}
