package dev.sockit.core.stream;

import dev.sockit.core.address.SocketAddresses;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ncat's {@code --broker} and {@code --chat}: every client's data goes to every other client (never
 * back to the sender). In chat mode each chunk is prefixed with {@code <userN> }, control bytes
 * other than LF and TAB are escaped as {@code \xNN}, and joins and leaves are announced:
 *
 * <pre>
 * &lt;announce&gt; 127.0.0.1 is connected as &lt;user2&gt;.
 * &lt;announce&gt; already connected: 127.0.0.1 as &lt;user1&gt;.
 * &lt;announce&gt; &lt;user2&gt; is disconnected.
 * </pre>
 *
 * A client whose connection fails while being written to is dropped; the others carry on.
 */
public final class Broker {
  private final boolean chat;
  private final Map<Connection, Integer> users = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();

  /**
   * Creates a broker.
   *
   * @param chat {@code true} for ncat's {@code --chat} behaviour
   */
  public Broker(boolean chat) {
    this.chat = chat;
  }

  /**
   * A handler that puts each connection in the room as it is accepted, on the accepting thread (so
   * a client already announced as connected gets everything sent after that, and in chat mode its
   * greeting comes before anything else), relays what it sends, and takes it out when it ends.
   */
  public ConnectionHandler handler() {
    Set<Connection> admitted = ConcurrentHashMap.newKeySet();
    return new ConnectionHandler() {
      @Override
      public void admitted(Connection connection) {
        admitted.add(connection);
        try {
          join(connection);
        } catch (IOException e) {
          leave(connection); // the greeting failed: handle() will find it gone and end
        }
      }

      @Override
      public void handle(Connection connection) throws IOException {
        try {
          if (!admitted.remove(connection)) {
            join(connection); // a server that does not call admitted(); fails if the greeting does
          }
          if (!users.containsKey(connection)) {
            return; // its greeting failed, or a write to it did: it left already, do not bring it
            // back
          }
          ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
          while (connection.read(buffer.clear()) >= 0) {
            relay(connection, java.util.Arrays.copyOf(buffer.array(), buffer.position()));
          }
        } finally {
          leave(connection);
        }
      }
    };
  }

  /**
   * Adds a client. In chat mode it is first told who is here (before anything relayed can reach
   * it), and the others are told it arrived only once it is in the room, so whatever they send
   * after that announcement reaches it.
   *
   * @param connection the new client
   * @throws IOException if the greeting cannot be written to the new client
   */
  public void join(Connection connection) throws IOException {
    int user = next.incrementAndGet();
    if (chat) {
      List<String> present = new ArrayList<>();
      users.forEach((c, n) -> present.add(host(c.peerAddress()) + " as <user" + n + ">"));
      connection.write(
          announce(
              "already connected: "
                  + (present.isEmpty() ? "nobody" : String.join(", ", present))
                  + "."));
    }
    users.put(connection, user);
    if (chat) {
      toOthers(
          connection,
          announce(host(connection.peerAddress()) + " is connected as <user" + user + ">."));
    }
  }

  /**
   * Removes a client; in chat mode the others are told.
   *
   * @param connection the client that left
   */
  public void leave(Connection connection) {
    Integer user = users.remove(connection);
    if (chat && user != null) {
      toOthers(connection, announce("<user" + user + "> is disconnected."));
    }
  }

  /**
   * Sends a client's data to every other client.
   *
   * @param from the sender
   * @param data what it sent
   */
  public void relay(Connection from, byte[] data) {
    Integer user = users.get(from);
    byte[] out = chat ? chatLine(user == null ? 0 : user, data) : data;
    toOthers(from, out);
  }

  /**
   * Sends data to every client (e.g. the server's stdin).
   *
   * @param data the bytes
   */
  public void broadcast(byte[] data) {
    toOthers(null, data);
  }

  /** The number of clients present. */
  public int size() {
    return users.size();
  }

  /**
   * Formats one chat chunk: {@code <userN> } then the data with control bytes escaped.
   *
   * @param user the user number
   * @param data the raw bytes
   * @return the line to send
   */
  public static byte[] chatLine(int user, byte[] data) {
    byte[] prefix = ("<user" + user + "> ").getBytes(StandardCharsets.US_ASCII);
    ByteBuffer raw = ByteBuffer.allocate(prefix.length + data.length * 4);
    raw.put(prefix);
    for (byte b : data) {
      int v = b & 0xff;
      if (v < 0x20 && v != '\n' && v != '\t' || v == 0x7f) {
        raw.put(String.format("\\x%02x", v).getBytes(StandardCharsets.US_ASCII));
      } else {
        raw.put(b);
      }
    }
    return java.util.Arrays.copyOf(raw.array(), raw.position());
  }

  private void toOthers(Connection from, byte[] data) {
    for (Connection c : users.keySet()) {
      if (c == from) {
        continue;
      }
      try {
        c.write(data);
      } catch (IOException e) {
        users.remove(c);
        try {
          c.close();
        } catch (IOException ignored) {
          // already failing; the reader thread reports it
        }
      }
    }
  }

  private static byte[] announce(String text) {
    return ("<announce> " + text + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String host(SocketAddress a) {
    if (a instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return SocketAddresses.formatIp(inet.getAddress());
    }
    return SocketAddresses.format(a);
  }
}
