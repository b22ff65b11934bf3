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
    ConnectionHandler sink =
        connection -> {
          try (FileChannel out =
              FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
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
      try (Connection client =
              TcpClient.connect(
                  TcpClientOptions.of(
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

  /**
   * A transfer that starts while another thread links the zero-copy calls copies through a buffer
   * and then switches (to splice, when the jar's Java 22 classes run: PumpIT), losing and
   * reordering nothing. The source is a named pipe, so that the test decides when bytes come.
   */
  @Test
  void aTransferStartedWhileLinkingSwitchesWithoutLosingAByte() throws Exception {
    byte[] first = new byte[100_000];
    byte[] rest = new byte[3 * 1024 * 1024 + 5];
    new Random(5).nextBytes(first);
    new Random(6).nextBytes(rest);
    Path fifo = dir.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
    CompletableFuture<Void> closed = new CompletableFuture<>();
    ConnectionHandler sink =
        connection -> {
          java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(65536);
          int n;
          while ((n = connection.read(b.clear())) >= 0) {
            synchronized (got) {
              got.write(b.array(), 0, n);
            }
            count.addAndGet(n);
          }
          closed.complete(null);
        };
    Pump.linkingForTest(true);
    try (StreamServer server = TcpServer.bind(TcpServerOptions.loopback(0), sink);
        Connection client =
            TcpClient.connect(
                TcpClientOptions.of(
                    java.net.InetAddress.getLoopbackAddress().getHostAddress(), server.port()))) {
      CompletableFuture<Long> sent =
          CompletableFuture.supplyAsync(
              () -> {
                try (FileChannel in = FileChannel.open(fifo, StandardOpenOption.READ)) {
                  return Pump.toConnection(in, client);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      try (FileChannel out = FileChannel.open(fifo, StandardOpenOption.WRITE)) {
        out.write(java.nio.ByteBuffer.wrap(first));
        ConnectionIo.waitUntil(
            () -> count.get() == first.length,
            "the first bytes arrived, copied through the buffer");
        Pump.linkingForTest(false);
        out.write(java.nio.ByteBuffer.wrap(rest));
      }
      assertThat(sent.get(15, TimeUnit.SECONDS)).isEqualTo(first.length + rest.length);
      client.shutdownOutput();
      closed.get(15, TimeUnit.SECONDS);
    } finally {
      Pump.linkingForTest(false);
    }
    byte[] all = new byte[first.length + rest.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    assertThat(got.toByteArray()).isEqualTo(all);
  }

  /**
   * A short relay (a request, an answer) never links the zero-copy calls; one that carries more
   * than {@link Pump#LINK_AFTER} bytes starts linking on another thread and goes on meanwhile.
   */
  @Test
  void onlyARelayThatCarriesAMegabyteLinksTheZeroCopyCalls() throws Exception {
    Pump.unlinkedForTest();
    Pump.linkAfterForTest(Pump.LINK_AFTER);
    try {
      byte[] small = new byte[512 * 1024];
      assertThat(relayed(small)).isEqualTo(small);
      assertThat(Pump.linkingStarted()).as("after a short relay").isFalse();
      byte[] big = new byte[3 * 1024 * 1024 + 5];
      new Random(7).nextBytes(big);
      assertThat(relayed(big)).isEqualTo(big);
      assertThat(Pump.linkingStarted()).as("after a relay of 3 MiB").isTrue();
    } finally {
      Pump.linkAfterForTest(linkAfterOfThisClass());
      Pump.prepare(); // the state the other tests start from: linked (splice where the jar's Java
      // 22 classes run)
    }
  }

  /** The threshold this class's tests run with (PumpIT: 0, splice from the first byte). */
  long linkAfterOfThisClass() {
    return Pump.LINK_AFTER;
  }

  /** {@code data} from a stream through {@link Pump#toConnection} to a server that keeps it. */
  private byte[] relayed(byte[] data) throws Exception {
    CompletableFuture<byte[]> got = new CompletableFuture<>();
    ConnectionHandler keep =
        connection -> {
          java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
          java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(65536);
          int n;
          while ((n = connection.read(b.clear())) >= 0) {
            all.write(b.array(), 0, n);
          }
          got.complete(all.toByteArray());
        };
    try (StreamServer server = TcpServer.bind(TcpServerOptions.loopback(0), keep);
        Connection client =
            TcpClient.connect(
                TcpClientOptions.of(
                    java.net.InetAddress.getLoopbackAddress().getHostAddress(), server.port()))) {
      Path file = Files.write(dir.resolve("relay-" + data.length + ".bin"), data);
      try (FileChannel in = FileChannel.open(file)) {
        assertThat(Pump.toConnection(in, client)).isEqualTo(data.length);
      }
      client.shutdownOutput();
      return got.get(15, TimeUnit.SECONDS);
    }
  }

  @Test
  void worksWithPlainStreamsToo() throws Exception {
    byte[] content = new byte[200_000];
    new Random(4).nextBytes(content);
    try (StreamServer server = TcpServer.bind(TcpServerOptions.loopback(0), ConnectionIo.echo());
        Connection client =
            TcpClient.connect(
                TcpClientOptions.of(
                    java.net.InetAddress.getLoopbackAddress().getHostAddress(), server.port()))) {
      CompletableFuture<byte[]> back = new CompletableFuture<>();
      Thread.ofVirtual()
          .start(
              () -> {
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
