package dev.sockit.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockit.core.access.AccessList;
import dev.sockit.core.event.RecordingListener;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.stream.Connection;
import dev.sockit.core.stream.ConnectionHandler;
import dev.sockit.core.stream.ConnectionIo;
import dev.sockit.core.stream.StreamServer;
import dev.sockit.core.tcp.TcpClient;
import dev.sockit.core.tcp.TcpClientOptions;
import dev.sockit.core.tcp.TcpServer;
import dev.sockit.core.tcp.TcpServerOptions;
import dev.sockit.core.unix.UnixClient;
import dev.sockit.core.unix.UnixServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream relay with real sockets on loopback: checksummed megabytes both ways, half-close
 * carried through, IPv4 to IPv6 and back, Unix to TCP, limits, resets, timeouts, rate. Here the
 * bytes move on two threads per connection through buffers (the Java 21 classes); {@code
 * StreamRelayIT} runs every test again on the jar's splice loops.
 */
@Timeout(60)
class StreamRelayTest {
  static final int MIB = 1 << 20;

  @TempDir Path dir;

  @Test
  void sixteenMebibytesEachWayWithTheClientsHalfCloseCarriedThrough() throws Exception {
    byte[] up = random(16 * MIB, 1);
    byte[] down = random(16 * MIB, 2);
    CompletableFuture<byte[]> upstreamGot = new CompletableFuture<>();
    // The server answers only after the client's FIN reached it: the half-close went through.
    ConnectionHandler server =
        conn -> {
          upstreamGot.complete(ConnectionIo.readAll(conn));
          conn.write(down);
        };
    RelayRecorder events = new RelayRecorder();
    try (StreamServer target = TcpServer.bind(TcpServerOptions.of(v6(), 0), server);
        Relay relay = start("tcp:127.0.0.1:0", "tcp:[::1]:" + target.port(), events);
        Connection client = connect("127.0.0.1", relay)) {
      CompletableFuture<byte[]> clientGot =
          CompletableFuture.supplyAsync(() -> readAll(client), Thread::startVirtualThread);
      client.write(up);
      client.shutdownOutput();
      assertThat(sha(upstreamGot.get(30, TimeUnit.SECONDS))).isEqualTo(sha(up));
      assertThat(sha(clientGot.get(30, TimeUnit.SECONDS))).isEqualTo(sha(down));
      RelayEvent.Closed closed = events.await(RelayEvent.Closed.class);
      assertThat(closed.summary().ending()).isEqualTo(Ending.CLOSED);
      assertThat(closed.summary().detail()).isEqualTo("client closed first");
      assertThat(closed.summary().bytesFromClient()).isEqualTo(up.length);
      assertThat(closed.summary().bytesFromUpstream()).isEqualTo(down.length);
      RelayEvent.Opened opened = events.await(RelayEvent.Opened.class);
      assertThat(((InetSocketAddress) opened.upstream()).getAddress()).isEqualTo(v6());
      assertThat(((InetSocketAddress) opened.client()).getAddress()).isEqualTo(v4());
    }
  }

  @Test
  void theUpstreamsHalfCloseIsCarriedToTheClientWhichKeepsSending() throws Exception {
    byte[] up = random(4 * MIB, 3);
    CompletableFuture<byte[]> upstreamGot = new CompletableFuture<>();
    // The server says hello and half-closes at once; the client answers after that FIN.
    ConnectionHandler server =
        conn -> {
          conn.write("hello\n".getBytes());
          conn.shutdownOutput();
          upstreamGot.complete(ConnectionIo.readAll(conn));
        };
    RelayRecorder events = new RelayRecorder();
    try (StreamServer target = TcpServer.bind(TcpServerOptions.of(v4(), 0), server);
        Relay relay = start("tcp:[::1]:0", "tcp:127.0.0.1:" + target.port(), events);
        Connection client = connect("::1", relay)) {
      assertThat(readAll(client)).isEqualTo("hello\n".getBytes());
      client.write(up);
      client.shutdownOutput();
      assertThat(sha(upstreamGot.get(30, TimeUnit.SECONDS))).isEqualTo(sha(up));
      RelayEvent.Closed closed = events.await(RelayEvent.Closed.class);
      assertThat(closed.summary().ending()).isEqualTo(Ending.CLOSED);
      assertThat(closed.summary().detail()).isEqualTo("upstream closed first");
    }
  }

  @Test
  void bothWaysAtOnceThroughAnEchoServer() throws Exception {
    byte[] data = random(8 * MIB, 4);
    try (StreamServer target = TcpServer.bind(TcpServerOptions.of(v4(), 0), ConnectionIo.echo());
        Relay relay = start("tcp:127.0.0.1:0", "tcp:127.0.0.1:" + target.port(), null);
        Connection client = connect("127.0.0.1", relay)) {
      CompletableFuture<byte[]> echoed =
          CompletableFuture.supplyAsync(() -> readAll(client), Thread::startVirtualThread);
      client.write(data);
      client.shutdownOutput();
      assertThat(sha(echoed.get(30, TimeUnit.SECONDS))).isEqualTo(sha(data));
    }
  }

  @Test
  void unixClientsToATcpTargetAndTcpClientsToAUnixTarget() throws Exception {
    byte[] data = random(2 * MIB, 5);
    Path unixTarget = dir.resolve("target.sock");
    Path unixSource = dir.resolve("relay.sock");
    try (StreamServer tcpEcho = TcpServer.bind(TcpServerOptions.of(v4(), 0), ConnectionIo.echo());
        StreamServer unixEcho =
            UnixServer.bind(
                unixTarget, dev.sockit.core.stream.ServerLimits.DEFAULT, ConnectionIo.echo());
        Relay unixToTcp = start("unix:" + unixSource, "tcp:127.0.0.1:" + tcpEcho.port(), null);
        Relay tcpToUnix = start("tcp:127.0.0.1:0", "unix:" + unixTarget, null)) {
      try (Connection c = UnixClient.connect(unixSource)) {
        assertThat(echo(c, data)).isEqualTo(data);
      }
      try (Connection c = connect("127.0.0.1", tcpToUnix)) {
        assertThat(echo(c, data)).isEqualTo(data);
      }
    }
  }

  @Test
  void aClientWhoseTargetRefusesIsResetAndReported() throws Exception {
    RelayRecorder events = new RelayRecorder();
    try (java.net.Socket held = ConnectionIo.closedPort();
        Relay relay = start("tcp:127.0.0.1:0", "tcp:127.0.0.1:" + held.getLocalPort(), events);
        Connection client = connect("127.0.0.1", relay)) {
      ConnectionIo.assertEndedWithoutData(client);
      RelayEvent.Refused refused = events.await(RelayEvent.Refused.class);
      assertThat(refused.reason()).contains("127.0.0.1:" + held.getLocalPort()).contains("refused");
      assertThat(refused.session()).isEqualTo(1);
    }
  }

  @Test
  void clientsPastTheSessionLimitAreTurnedAwayWhileTheFirstGoesOn() throws Exception {
    RelayRecorder events = new RelayRecorder();
    try (StreamServer target = TcpServer.bind(TcpServerOptions.of(v4(), 0), ConnectionIo.echo());
        Relay relay =
            Relay.start(
                options("tcp:127.0.0.1:0", "tcp:127.0.0.1:" + target.port()).withMaxSessions(1),
                events);
        Connection first = connect("127.0.0.1", relay)) {
      assertThat(echo(first, "one".getBytes(), false)).isEqualTo("one".getBytes());
      ConnectionIo.assertRejected(() -> connect("127.0.0.1", relay));
      assertThat(events.await(RelayEvent.Refused.class).reason()).contains("too many");
      assertThat(echo(first, "two".getBytes(), false)).isEqualTo("two".getBytes());
    }
  }

  @Test
  void deniedClientsAreTurnedAway() throws Exception {
    RelayRecorder events = new RelayRecorder();
    try (StreamServer target = TcpServer.bind(TcpServerOptions.of(v4(), 0), ConnectionIo.echo());
        Relay relay =
            Relay.start(
                options("tcp:0", "tcp:127.0.0.1:" + target.port())
                    .withAccess(AccessList.of(List.of(), List.of("127.0.0.0/8"))),
                events)) {
      ConnectionIo.assertRejected(() -> connect("127.0.0.1", relay));
      assertThat(events.await(RelayEvent.Refused.class).reason()).contains("not allowed");
      try (Connection allowed = connect("::1", relay)) {
        assertThat(echo(allowed, "v6".getBytes(), false)).isEqualTo("v6".getBytes());
      }
    }
  }

  @Test
  void anUpstreamResetResetsTheClientAndSaysSo() throws Exception {
    ConnectionHandler server =
        conn -> {
          ConnectionIo.readExactly(conn, 5);
          conn.abort();
        };
    RelayRecorder events = new RelayRecorder();
    try (StreamServer target = TcpServer.bind(TcpServerOptions.of(v4(), 0), server);
        Relay relay = start("tcp:127.0.0.1:0", "tcp:127.0.0.1:" + target.port(), events);
        Connection client = connect("127.0.0.1", relay)) {
      client.write("hello".getBytes());
      assertThatThrownBy(() -> readAll(client)).hasMessageContaining("reset");
      RelayEvent.Closed closed = events.await(RelayEvent.Closed.class);
      assertThat(closed.summary().ending()).isEqualTo(Ending.UPSTREAM_FAILED);
      assertThat(closed.summary().detail()).containsIgnoringCase("reset");
    }
  }

  @Test
  void aQuietConnectionEndsAfterTheIdleTimeout() throws Exception {
    RelayRecorder events = new RelayRecorder();
    try (StreamServer target = TcpServer.bind(TcpServerOptions.of(v4(), 0), ConnectionIo.echo());
        Relay relay =
            Relay.start(
                options("tcp:127.0.0.1:0", "tcp:127.0.0.1:" + target.port())
                    .withIdle(Duration.ofMillis(300), RelayOptions.DEFAULT_SESSION_IDLE),
                events);
        Connection client = connect("127.0.0.1", relay)) {
      assertThat(echo(client, "ping".getBytes(), false)).isEqualTo("ping".getBytes());
      long start = System.nanoTime();
      ConnectionIo.assertEndedWithoutData(client);
      assertThat(System.nanoTime() - start).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(200));
      RelayEvent.Closed closed = events.await(RelayEvent.Closed.class);
      assertThat(closed.summary().ending()).isEqualTo(Ending.IDLE);
    }
  }

  @Test
  void theRateLimitPacesEachDirection() throws Exception {
    byte[] data = random(64 * 1024, 6);
    long rate = 64 * 1024;
    try (StreamServer target = TcpServer.bind(TcpServerOptions.of(v4(), 0), ConnectionIo.echo());
        Relay relay =
            Relay.start(
                options("tcp:127.0.0.1:0", "tcp:127.0.0.1:" + target.port()).withRate(rate),
                RelayListener.NONE);
        Connection client = connect("127.0.0.1", relay)) {
      long start = System.nanoTime();
      assertThat(echo(client, data)).isEqualTo(data);
      // A second's worth, less the 100 ms of credit a quiet start may use and the first chunk.
      assertThat(System.nanoTime() - start).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(700));
    }
  }

  @Test
  void aViewThatWantsPayloadsSeesEachSidesBytesUnderItsOwnConnection() throws Exception {
    byte[] data = random(MIB, 7);
    RecordingListener traffic = RecordingListener.withPayloads();
    RelayRecorder events = new RelayRecorder();
    try (StreamServer target = TcpServer.bind(TcpServerOptions.of(v4(), 0), ConnectionIo.echo());
        Relay relay = start("tcp:127.0.0.1:0", "tcp:127.0.0.1:" + target.port(), events)) {
      relay.events().subscribe(traffic);
      try (Connection client = connect("127.0.0.1", relay)) {
        assertThat(echo(client, data)).isEqualTo(data);
      }
      RelayEvent.Opened opened = events.await(RelayEvent.Opened.class);
      events.await(RelayEvent.Closed.class);
      assertThat(received(traffic, opened.clientConnection())).isEqualTo(data);
      assertThat(received(traffic, opened.upstreamConnection())).isEqualTo(data);
    }
  }

  @Test
  void aClientThatStopsReadingDoesNotStallAnotherClient() throws Exception {
    // The target floods every client; the first client never reads, the second does round trips.
    ConnectionHandler server =
        conn -> {
          byte[] first = ConnectionIo.readExactly(conn, 1);
          if (first[0] == 'F') {
            byte[] chunk = new byte[MIB];
            while (true) {
              conn.write(chunk);
            }
          }
          ByteBuffer buffer = ByteBuffer.allocate(64);
          conn.write(first);
          while (conn.read(buffer.clear()) >= 0) {
            conn.write(buffer.flip());
          }
        };
    try (StreamServer target = TcpServer.bind(TcpServerOptions.of(v4(), 0), server);
        Relay relay = start("tcp:127.0.0.1:0", "tcp:127.0.0.1:" + target.port(), null);
        Connection flooded = connect("127.0.0.1", relay);
        Connection other = connect("127.0.0.1", relay)) {
      flooded.write("F".getBytes());
      Thread.sleep(300); // the flood fills the relay's and the kernel's buffers meanwhile
      other.write("R".getBytes());
      assertThat(ConnectionIo.readExactly(other, 1)).isEqualTo("R".getBytes());
      for (int i = 0; i < 100; i++) {
        other.write(new byte[] {(byte) i});
        assertThat(ConnectionIo.readExactly(other, 1)[0]).isEqualTo((byte) i);
      }
    }
  }

  @Test
  void closingTheRelayEndsItsSessions() throws Exception {
    RelayRecorder events = new RelayRecorder();
    try (StreamServer target = TcpServer.bind(TcpServerOptions.of(v4(), 0), ConnectionIo.echo());
        Relay relay = start("tcp:127.0.0.1:0", "tcp:127.0.0.1:" + target.port(), events);
        Connection client = connect("127.0.0.1", relay)) {
      assertThat(echo(client, "x".getBytes(), false)).isEqualTo("x".getBytes());
      relay.close();
      ConnectionIo.assertEndedWithoutData(client);
      assertThat(events.await(RelayEvent.Closed.class).summary().ending())
          .isEqualTo(Ending.STOPPED);
      assertThat(relay.awaitStop(Duration.ofSeconds(5))).isTrue();
    }
  }

  // --- helpers

  static Relay start(String source, String target, RelayListener listener) throws IOException {
    return Relay.start(options(source, target), listener == null ? RelayListener.NONE : listener);
  }

  static RelayOptions options(String source, String target) {
    return RelayOptions.of(RelayEndpoint.source(source), RelayEndpoint.target(target));
  }

  static Connection connect(String host, Relay relay) throws IOException {
    return TcpClient.connect(
        TcpClientOptions.of(host, ((InetSocketAddress) relay.localAddress()).getPort()));
  }

  static InetAddress v4() throws IOException {
    return InetAddress.getByName("127.0.0.1");
  }

  static InetAddress v6() throws IOException {
    return InetAddress.getByName("::1");
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static byte[] sha(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  static byte[] readAll(Connection c) {
    try {
      return ConnectionIo.readAll(c);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Writes {@code data}, half-closes, reads until the end: what an echo sends back. */
  static byte[] echo(Connection c, byte[] data) throws Exception {
    return echo(c, data, true);
  }

  /** Writes {@code data} and reads as many bytes back, half-closing first if asked. */
  static byte[] echo(Connection c, byte[] data, boolean close) throws Exception {
    CompletableFuture<byte[]> back =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return close ? ConnectionIo.readAll(c) : ConnectionIo.readExactly(c, data.length);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            Thread::startVirtualThread);
    c.write(data);
    if (close) {
      c.shutdownOutput();
    }
    return back.get(30, TimeUnit.SECONDS);
  }

  static byte[] received(RecordingListener traffic, long connection) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (TrafficEvent.Received r : traffic.all(TrafficEvent.Received.class)) {
      if (r.connection() == connection) {
        out.writeBytes(r.data());
      }
    }
    return out.toByteArray();
  }
}
