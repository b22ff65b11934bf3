package dev.sockit.web;

import dev.sockit.core.stream.Connection;
import dev.sockit.core.tcp.TcpClient;
import dev.sockit.core.tcp.TcpClientOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * A TCP client session: connects on a virtual thread (the page is never blocked by a slow
 * connect), reads until the peer closes, applies auto-reply rules.
 */
final class TcpClientSession extends Session {
  private final String host;
  private final int port;
  private volatile Connection conn;
  private volatile boolean closing;

  private TcpClientSession(String id, String host, int port) {
    super(id);
    this.host = host;
    this.port = port;
  }

  /** Starts connecting to {@code host:port} with a {@code timeout}; failures go to the log. */
  static TcpClientSession connect(String id, String host, int port, Duration timeout) {
    TcpClientSession s = new TcpClientSession(id, host, port);
    Thread.ofVirtual().name("sockit-ui-client-" + id).start(() -> s.run(timeout));
    return s;
  }

  private void run(Duration timeout) {
    try {
      Connection c = TcpClient.connect(TcpClientOptions.of(host, port).withConnectTimeout(timeout), bus);
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
        note(host + ":" + port, String.valueOf(e.getMessage()));
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
    return "tcp-client";
  }

  @Override
  String title() {
    return "TCP client → " + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  void send(String target, byte[] data) throws IOException {
    Connection c = conn;
    if (c == null || !c.isOpen() || !"open".equals(state())) {
      throw new IllegalStateException("not connected to " + host + ":" + port);
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
