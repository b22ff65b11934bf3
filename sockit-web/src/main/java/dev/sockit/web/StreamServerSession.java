package dev.sockit.web;

import dev.sockit.core.stream.Connection;
import dev.sockit.core.stream.ServerLimits;
import dev.sockit.core.stream.StreamServer;
import dev.sockit.core.tcp.TcpServer;
import dev.sockit.core.tcp.TcpServerOptions;
import dev.sockit.core.unix.UnixServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stream server session, TCP or Unix socket: listens, keeps every client open until it or the
 * user ends it, sends to one client or all, applies auto-reply rules to each client's data.
 */
final class StreamServerSession extends Session {
  private final StreamServer server;
  private final boolean unix;

  private StreamServerSession(String id, InetAddress address, int port) throws IOException {
    super(id);
    this.unix = false;
    this.server = TcpServer.bind(TcpServerOptions.of(address, port), this::serve, bus);
    opened();
  }

  private StreamServerSession(String id, java.nio.file.Path path) throws IOException {
    super(id);
    this.unix = true;
    this.server = UnixServer.bind(path, ServerLimits.DEFAULT, this::serve, bus);
    opened();
  }

  /**
   * Listens on {@code address:port} (port 0: any free port).
   *
   * @throws IOException if the address cannot be bound; the message names it
   */
  static StreamServerSession listen(String id, InetAddress address, int port) throws IOException {
    return new StreamServerSession(id, address, port);
  }

  /**
   * Listens on the Unix socket file {@code path} (created now, deleted when the session closes).
   *
   * @throws IOException if the file exists or cannot be created; the message names it
   */
  static StreamServerSession listenUnix(String id, java.nio.file.Path path) throws IOException {
    return new StreamServerSession(id, path);
  }

  private void serve(Connection conn) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    while (true) {
      buf.clear();
      int n = conn.read(buf);
      if (n < 0) {
        return;
      }
      byte[] reply = rules().isEmpty() ? null : replyFor(java.util.Arrays.copyOf(buf.array(), n));
      if (reply != null) {
        conn.write(reply);
      }
    }
  }

  int port() {
    return server.port();
  }

  @Override
  String kind() {
    return unix ? "unix-server" : "tcp-server";
  }

  @Override
  String title() {
    return (unix ? "Unix server " : "TCP server ") + addr(server.localAddress());
  }

  @Override
  void send(String target, byte[] data) throws IOException {
    if (!server.isOpen()) {
      throw new IllegalStateException("the server is closed");
    }
    // a client that was just disconnected is logged as such before the server lets go of it
    List<Connection> targets =
        "all".equals(target) || target == null || target.isEmpty()
            ? server.connections().stream().filter(Connection::isOpen).toList()
            : List.of(find(target));
    if (targets.isEmpty()) {
      throw new IllegalStateException("no client is connected to " + addr(server.localAddress()));
    }
    if (targets.size() == 1) {
      targets.get(0).write(data);
      return;
    }
    // to all: a client that has just gone does not keep the data from the others
    IOException first = null;
    int delivered = 0;
    for (Connection c : targets) {
      try {
        c.write(data);
        delivered++;
      } catch (IOException e) {
        note(
            addr(c.peerAddress()),
            "send to " + addr(c.peerAddress()) + " failed: " + e.getMessage());
        if (first == null) {
          first = e;
        }
      }
    }
    if (delivered == 0 && first != null) {
      throw first;
    }
  }

  private Connection find(String target) {
    for (Connection c : server.connections()) {
      if (c.isOpen()
          && (Long.toString(c.id()).equals(target) || addr(c.peerAddress()).equals(target))) {
        return c;
      }
    }
    throw new IllegalArgumentException("client " + target + " is not connected (any more)");
  }

  @Override
  void disconnect(String peer) throws IOException {
    find(peer).close();
  }

  @Override
  List<Map<String, Object>> peers() {
    List<Map<String, Object>> out = new ArrayList<>();
    server.connections().stream()
        .filter(Connection::isOpen)
        .sorted(Comparator.comparingLong(Connection::id))
        .forEach(
            c -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("id", Long.toString(c.id()));
              m.put("addr", addr(c.peerAddress()));
              m.put("since", c.openedAt().toEpochMilli());
              out.add(m);
            });
    return out;
  }

  @Override
  void closeEndpoint() throws IOException {
    server.close();
  }
}
