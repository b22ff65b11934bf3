package dev.sockit.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockit.core.event.RecordingListener;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.tcp.TcpClient;
import dev.sockit.core.tcp.TcpClientOptions;
import dev.sockit.core.tcp.TcpServer;
import dev.sockit.core.tcp.TcpServerOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pump between files or streams and a real loopback connection, both directions. */
@Timeout(20)
class PumpTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "payload copies wanted: {0}")
  @ValueSource(booleans = {false, true})
  void copiesAFileThroughTheConnectionIntoAnotherFile(boolean observed) throws Exception {
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    new Random(3).nextBytes(content);
    Path source = Files.write(dir.resolve("in.bin"), content);
    Path target = dir.resolve("out.bin");
    CompletableFuture<Long> received = new CompletableFuture<>();
    ConnectionHandler sink = connection -> {
      try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        received.complete(Pump.fromConnection(connection, out));
      } catch (IOException | RuntimeException e) {
        received.completeExceptionally(e);
        throw e;
      }
    };
    RecordingListener events = RecordingListener.withPayloads();
    try (StreamServer server = TcpServer.bind(TcpServerOptions.loopback(0), sink)) {
      if (observed) {
        server.events().subscribe(events);
      }
      try (Connection client = TcpClient.connect(TcpClientOptions.of(
              java.net.InetAddress.getLoopbackAddress().getHostAddress(), server.port()));
          FileChannel in = FileChannel.open(source)) {
        assertThat(Pump.toConnection(in, client)).isEqualTo(content.length);
        assertThat(client.bytesSent()).isEqualTo(content.length);
        client.shutdownOutput();
        assertThat(received.get(15, TimeUnit.SECONDS)).isEqualTo(content.length);
      }
    }
    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    if (observed) {
      ByteArrayOutputStream seen = new ByteArrayOutputStream();
      for (TrafficEvent.Received r : events.all(TrafficEvent.Received.class)) {
        seen.writeBytes(r.data());
      }
      assertThat(seen.toByteArray()).isEqualTo(content);
    }
  }

  @Test
  void worksWithPlainStreamsToo() throws Exception {
    byte[] content = new byte[200_000];
    new Random(4).nextBytes(content);
    try (StreamServer server = TcpServer.bind(TcpServerOptions.loopback(0), ConnectionIo.echo());
        Connection client = TcpClient.connect(TcpClientOptions.of(
            java.net.InetAddress.getLoopbackAddress().getHostAddress(), server.port()))) {
      CompletableFuture<byte[]> back = new CompletableFuture<>();
      Thread.ofVirtual().start(() -> {
        try {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          Pump.fromConnection(client, Channels.newChannel(out));
          back.complete(out.toByteArray());
        } catch (Throwable t) {
          back.completeExceptionally(t);
        }
      });
      assertThat(Pump.toConnection(Channels.newChannel(new ByteArrayInputStream(content)), client))
          .isEqualTo(content.length);
      client.shutdownOutput();
      assertThat(back.get(10, TimeUnit.SECONDS)).isEqualTo(content);
    }
  }
}
