package dev.sockit.cli.netcat;

import dev.sockit.cli.Failures;
import dev.sockit.core.codec.Escapes;
import dev.sockit.core.stream.Connection;
import dev.sockit.core.stream.Pump;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Joins stdin and stdout to one connection, as ncat does: stdin to the socket (then a FIN when
 * stdin ends), the socket to stdout until the peer closes.
 *
 * <p>When the peer's FIN arrives while stdin is still open, TCP cannot tell a peer that only
 * half-closed (and still reads) from one that closed completely. So sockit keeps sending while
 * stdin keeps delivering data, and exits once stdin has been idle for {@link #PEER_EOF_GRACE} (as
 * socat's {@code -t}): a bulk upload to a half-closed peer completes, and an interactive session
 * whose peer hung up ends at once instead of sitting in CLOSE_WAIT (ncat's old bug).
 */
final class StreamRelay {
  private final Connection connection;
  private final RelayOptions options;
  private final Stdio io;
  private final CountDownLatch done = new CountDownLatch(1);
  private final AtomicReference<IOException> failure = new AtomicReference<>();
  private volatile boolean stdinEnded;
  private volatile boolean peerEnded;

  /** How long stdin may stay idle after the peer's FIN before sockit exits. */
  static final Duration PEER_EOF_GRACE = Duration.ofMillis(500);

  StreamRelay(Connection connection, RelayOptions options, Stdio io) {
    this.connection = connection;
    this.options = options;
    this.io = io;
  }

  /**
   * Runs until the peer closes, stdin ends (with --send-only or -q), or a timeout; returns the exit
   * code.
   */
  int run() throws IOException, InterruptedException {
    if (!options.recvOnly) {
      Thread.ofPlatform().daemon().name("sockit-stdin").start(this::sendStdin);
    }
    Thread.ofPlatform().daemon().name("sockit-socket").start(this::receive);
    Duration idle = options.idleTimeout;
    if (idle == null || idle.isZero()) {
      done.await();
    } else {
      long tick = Math.max(5, Math.min(idle.toMillis() / 4, 1000));
      while (!done.await(tick, TimeUnit.MILLISECONDS)) {
        if (System.nanoTime() - connection.lastActivityNanos() >= idle.toNanos()) {
          connection.abort();
          throw new java.net.SocketTimeoutException(
              "idle timeout: no traffic with "
                  + dev.sockit.core.address.SocketAddresses.format(connection.peerAddress())
                  + " for "
                  + idle.toMillis()
                  + " ms");
        }
      }
    }
    connection.close();
    IOException e = failure.get();
    if (e != null) {
      throw e;
    }
    return Failures.OK;
  }

  private void sendStdin() {
    try {
      if (options.crlf) {
        sendWithCrlf();
      } else {
        Pump.toConnection(io.in, connection);
      }
      stdinEnded = true;
      if (options.sendOnly) {
        connection.shutdownOutput();
        done.countDown();
        return;
      }
      if (!options.noShutdown) {
        connection.shutdownOutput();
      }
      if (peerEnded) {
        done.countDown();
        return;
      }
      if (options.quitAfter != null) {
        Thread.sleep(options.quitAfter);
        done.countDown();
      }
    } catch (IOException e) {
      fail(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sendWithCrlf() throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    int previous = -1;
    while (io.in.read(buffer.clear()) >= 0) {
      int n = buffer.position();
      if (n == 0) {
        continue;
      }
      byte[] converted = Escapes.toCrlf(buffer.array(), n, previous);
      previous = buffer.array()[n - 1];
      connection.write(converted);
    }
  }

  private void receive() {
    try {
      if (options.sendOnly) {
        ByteBuffer sink = ByteBuffer.allocateDirect(Pump.BUFFER_SIZE);
        while (connection.read(sink.clear()) >= 0) {
          // --send-only: received data is read and dropped so the peer never blocks.
        }
      } else {
        Pump.fromConnection(connection, io.out);
      }
      peerEnded = true;
      awaitIdleStdin();
      done.countDown();
    } catch (IOException e) {
      fail(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done.countDown();
    }
  }

  /**
   * After the peer's FIN: wait while stdin still flows to the socket, up to the grace when idle.
   */
  private void awaitIdleStdin() throws InterruptedException {
    if (options.recvOnly || stdinEnded) {
      return;
    }
    long grace = PEER_EOF_GRACE.toNanos();
    while (!stdinEnded
        && done.getCount() > 0
        && (connection.isWriting() || System.nanoTime() - connection.lastActivityNanos() < grace)) {
      Thread.sleep(20);
    }
  }

  private void fail(IOException e) {
    if (connection.isOpen()) {
      failure.compareAndSet(null, e);
    }
    done.countDown();
  }
}
