package dev.sockit.web;

import dev.sockit.core.stream.Connection;
import dev.sockit.core.tcp.TcpClient;
import dev.sockit.core.tcp.TcpClientOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * A stream client session, TCP or Unix socket: connects on a virtual thread (the page is never
 * blocked by a slow connect), reads until the peer closes, applies auto-reply rules.
 */
final class StreamClientSession extends Session {
  private final String host;
  private final int port;

  /** The socket file for a Unix client; {@code null} for TCP. */
  private final java.nio.file.Path path;

  private volatile Connection conn;
  private volatile boolean closing;

  private StreamClientSession(String id, String host, int port) {
    super(id);
    this.host = host;
    this.port = port;
    this.path = null;
  }

  private StreamClientSession(String id, java.nio.file.Path path) {
    super(id);
    this.host = path.toString();
    this.port = -1;
    this.path = path;
  }

  /** Starts connecting to the Unix socket file {@code path}; failures go to the log. */
  static StreamClientSession connectUnix(String id, java.nio.file.Path path) {
    StreamClientSession s = new StreamClientSession(id, path);
    Thread.ofVirtual().name("sockit-ui-client-" + id).start(() -> s.run(Duration.ZERO));
    return s;
  }

  /** Starts connecting to {@code host:port} with a {@code timeout}; failures go to the log. */
  static StreamClientSession connect(String id, String host, int port, Duration timeout) {
    StreamClientSession s = new StreamClientSession(id, host, port);
    Thread.ofVirtual().name("sockit-ui-client-" + id).start(() -> s.run(timeout));
    return s;
  }

  private void run(Duration timeout) {
    try {
      Connection c =
          path != null
              ? dev.sockit.core.unix.UnixClient.connect(path, bus)
              : TcpClient.connect(TcpClientOptions.of(host, port).withConnectTimeout(timeout), bus);
      conn = c;
      if (closing) {
        c.close();
        return;
      }
      opened();
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      while (true) {
        buf.clear();
        int n = c.read(buf);
        if (n < 0) {
          break;
        }
        byte[] reply = rules().isEmpty() ? null : replyFor(Arrays.copyOf(buf.array(), n));
        if (reply != null) {
          c.write(reply);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!closing) {
        note(path != null ? host : host + ":" + port, String.valueOf(e.getMessage()));
      }
    } finally {
      try {
        close();
      } catch (IOException e) {
        note("", "close failed: " + e.getMessage());
      }
    }
  }

  @Override
  String kind() {
    return path != null ? "unix-client" : "tcp-client";
  }

  @Override
  String title() {
    return path != null
        ? "Unix client → " + path
        : "TCP client → " + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  void send(String target, byte[] data) throws IOException {
    Connection c = conn;
    if (c == null || !c.isOpen() || !"open".equals(state())) {
      throw new IllegalStateException(
          "not connected to " + (path != null ? host : host + ":" + port));
    }
    c.write(data);
  }

  @Override
  void closeEndpoint() throws IOException {
    closing = true;
    Connection c = conn;
    if (c != null) {
      c.close();
    }
  }
}
