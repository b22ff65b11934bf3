package dev.sockit.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockit.core.tcp.TcpClient;
import dev.sockit.core.tcp.TcpClientOptions;
import dev.sockit.core.tcp.TcpServer;
import dev.sockit.core.tcp.TcpServerOptions;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Pump#between} on virtual threads, from one real loopback connection into another: through
 * a buffer here, with splice and the JDK's poller in {@code PumpBetweenIT}.
 */
@Timeout(30)
class PumpBetweenTest {

  /** Two connected pairs: [0] and [1] talk, [2] and [3] talk. */
  private static Connection[] twoPairs(StreamServer server, SynchronousQueue<Connection> accepted)
      throws Exception {
    Connection a = TcpClient.connect(TcpClientOptions.of("127.0.0.1", server.port()));
    Connection b = accepted.take();
    Connection c = TcpClient.connect(TcpClientOptions.of("127.0.0.1", server.port()));
    Connection d = accepted.take();
    return new Connection[] {a, b, c, d};
  }

  private static StreamServer holding(SynchronousQueue<Connection> accepted) throws IOException {
    return TcpServer.bind(
        TcpServerOptions.of(java.net.InetAddress.getByName("127.0.0.1"), 0),
        conn -> {
          try {
            accepted.put(conn);
            while (conn.isOpen()) {
              Thread.sleep(50);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  @Test
  void copiesEightMebibytesFromOneConnectionIntoAnotherAndCountsThemOnBoth() throws Exception {
    byte[] data = new byte[8 << 20];
    new Random(11).nextBytes(data);
    SynchronousQueue<Connection> accepted = new SynchronousQueue<>();
    try (StreamServer server = holding(accepted)) {
      Connection[] c = twoPairs(server, accepted);
      // a -> b, then b is copied into c, and d reads what c sent.
      CompletableFuture<Long> copied = new CompletableFuture<>();
      Thread.startVirtualThread(
          () -> {
            try {
              copied.complete(Pump.between(c[1], c[2]));
              c[2].shutdownOutput();
            } catch (IOException e) {
              copied.completeExceptionally(e);
            }
          });
      CompletableFuture<byte[]> got = new CompletableFuture<>();
      Thread.startVirtualThread(
          () -> {
            try {
              got.complete(ConnectionIo.readAll(c[3]));
            } catch (IOException e) {
              got.completeExceptionally(e);
            }
          });
      c[0].write(data);
      c[0].shutdownOutput();
      assertThat(copied.get(20, TimeUnit.SECONDS)).isEqualTo(data.length);
      assertThat(got.get(20, TimeUnit.SECONDS)).isEqualTo(data);
      assertThat(c[1].bytesReceived()).isEqualTo(data.length);
      assertThat(c[2].bytesSent()).isEqualTo(data.length);
      for (Connection x : c) {
        x.close();
      }
    }
  }

  @Test
  void closingTheSourceWakesACopyThatIsWaitingForBytes() throws Exception {
    SynchronousQueue<Connection> accepted = new SynchronousQueue<>();
    try (StreamServer server = holding(accepted)) {
      Connection[] c = twoPairs(server, accepted);
      c[0].write(new byte[2 << 20]); // enough to get past the buffered start onto splice
      CompletableFuture<Long> copied = new CompletableFuture<>();
      Thread.startVirtualThread(
          () -> {
            try {
              copied.complete(Pump.between(c[1], c[2]));
            } catch (IOException e) {
              copied.completeExceptionally(e);
            }
          });
      Thread.startVirtualThread(
          () -> {
            try {
              ConnectionIo.readAll(c[3]);
            } catch (IOException e) {
              // closed at the end
            }
          });
      ConnectionIo.waitUntil(() -> c[2].bytesSent() == 2 << 20, "the first bytes are copied");
      Thread.sleep(100); // the copy is now waiting for more
      c[1].close();
      assertThatThrownBy(() -> copied.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(java.nio.channels.ClosedChannelException.class);
      for (Connection x : c) {
        x.close();
      }
    }
  }

  @Test
  void aFailedWriteIsToldApartFromAFailedRead() throws Exception {
    SynchronousQueue<Connection> accepted = new SynchronousQueue<>();
    try (StreamServer server = holding(accepted)) {
      Connection[] c = twoPairs(server, accepted);
      c[3].abort(); // the destination's peer resets
      CompletableFuture<Long> copied = new CompletableFuture<>();
      Thread.startVirtualThread(
          () -> {
            try {
              copied.complete(Pump.between(c[1], c[2]));
            } catch (IOException e) {
              copied.completeExceptionally(e);
            }
          });
      // Written on a thread of its own: once the copy has failed nobody reads c[1], and a write
      // under way when the buffers fill would wait for ever.
      Thread writer =
          Thread.startVirtualThread(
              () -> {
                byte[] chunk = new byte[1 << 20];
                try {
                  for (int i = 0; i < 8 && !copied.isDone(); i++) {
                    c[0].write(chunk);
                  }
                } catch (IOException e) {
                  // closed at the end
                }
              });
      assertThatThrownBy(() -> copied.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(WriteFailedException.class);
      for (Connection x : c) {
        x.close();
      }
      writer.join(5000);
    }
  }
}
