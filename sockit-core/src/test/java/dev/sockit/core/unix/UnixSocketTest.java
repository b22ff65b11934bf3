package dev.sockit.core.unix;

import static dev.sockit.core.stream.ConnectionIo.echo;
import static dev.sockit.core.stream.ConnectionIo.readAll;
import static dev.sockit.core.stream.ConnectionIo.readExactly;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real Unix domain sockets with their files under a temporary directory. */
@Timeout(10)
class UnixSocketTest {
  @TempDir Path dir;

  @Test
  void dataFlowsBothWaysAndTheFileLivesAsLongAsTheServer() throws IOException {
    Path file = dir.resolve("echo.sock");
    ConnectionHandler greetThenEcho =
        conn -> {
          conn.write("hello\n".getBytes(US_ASCII));
          echo().handle(conn);
        };
    StreamServer server = UnixServer.bind(file, ServerLimits.DEFAULT, greetThenEcho);
    try {
      assertThat(file).exists();
      assertThat(server.port()).isEqualTo(-1);
      assertThat(server.transport()).isEqualTo(Transport.UNIX);
      assertThat(server.localAddress()).isEqualTo(UnixDomainSocketAddress.of(file));
      try (Connection client = UnixClient.connect(file)) {
        assertThat(new String(readExactly(client, 6), US_ASCII)).isEqualTo("hello\n");
        byte[] big = new byte[256 * 1024];
        new Random(7).nextBytes(big);
        Thread writer =
            Thread.ofVirtual()
                .start(
                    () -> {
                      try {
                        client.write(big);
                        client.shutdownOutput();
                      } catch (IOException e) {
                        throw new RuntimeException(e);
                      }
                    });
        assertThat(readAll(client)).isEqualTo(big);
        writer.join();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    } finally {
      server.close();
    }
    assertThat(file).doesNotExist();
    server.close();
  }

  @Test
  void eventsCarryTheSocketPath() throws Exception {
    Path file = dir.resolve("events.sock");
    RecordingListener clientEvents = RecordingListener.counting();
    TrafficBus bus = new TrafficBus();
    bus.subscribe(clientEvents);
    try (StreamServer server = UnixServer.bind(file, ServerLimits.DEFAULT, echo());
        Connection client = UnixClient.connect(file, bus)) {
      client.write(new byte[] {1, 2, 3});
      readExactly(client, 3);
      assertThat(server.connections()).hasSize(1);
      TrafficEvent.Opened opened = clientEvents.await(TrafficEvent.Opened.class);
      assertThat(opened.transport()).isEqualTo(Transport.UNIX);
      assertThat(opened.family()).isEqualTo("AF_UNIX");
      assertThat(clientEvents.await(TrafficEvent.Connected.class).peer())
          .isEqualTo(UnixDomainSocketAddress.of(file));
    }
  }

  @Test
  void bindingAnExistingFileNamesThePath() throws IOException {
    Path file = Files.createFile(dir.resolve("taken.sock"));
    assertThatThrownBy(() -> UnixServer.bind(file, ServerLimits.DEFAULT, echo()).close())
        .isInstanceOf(BindException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("already exists");
    assertThat(file).exists();
  }

  @Test
  void aSecondServerOnALiveSocketFileIsRefused() throws IOException {
    Path file = dir.resolve("live.sock");
    try (StreamServer first = UnixServer.bind(file, ServerLimits.DEFAULT, echo())) {
      assertThatThrownBy(() -> UnixServer.bind(file, ServerLimits.DEFAULT, echo()).close())
          .isInstanceOf(BindException.class)
          .hasMessageContaining(file.toString());
      assertThat(first.isOpen()).isTrue();
      try (Connection client = UnixClient.connect(file)) {
        client.write(new byte[] {42});
        assertThat(readExactly(client, 1)).containsExactly(42);
      }
    }
  }

  @Test
  void aPathTooLongForASocketIsNamedInTheError() {
    Path file = dir.resolve("x".repeat(120) + ".sock");
    assertThatThrownBy(() -> UnixServer.bind(file, ServerLimits.DEFAULT, echo()).close())
        .isInstanceOf(BindException.class)
        .hasMessageContaining(file.toString());
    assertThat(file).doesNotExist();
  }

  @Test
  void connectingToAMissingFileIsNoSuchFile() {
    Path file = dir.resolve("missing.sock");
    assertThatThrownBy(() -> UnixClient.connect(file))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void connectingToAStaleSocketFileIsRefused() throws IOException {
    Path file = dir.resolve("stale.sock");
    try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      gone.bind(UnixDomainSocketAddress.of(file));
    }
    assertThat(file).exists(); // closing a Unix listener leaves its file behind
    assertThatThrownBy(() -> UnixClient.connect(file))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void closeEndsLiveClients() throws IOException {
    Path file = dir.resolve("close.sock");
    StreamServer server = UnixServer.bind(file, ServerLimits.DEFAULT, echo());
    try (Connection client = UnixClient.connect(file)) {
      client.write(new byte[] {1});
      readExactly(client, 1);
      server.close();
      assertThat(readAll(client)).isEmpty();
    } finally {
      server.close();
    }
    assertThat(file).doesNotExist();
  }
}
