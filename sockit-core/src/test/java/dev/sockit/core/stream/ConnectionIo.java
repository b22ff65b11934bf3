package dev.sockit.core.stream;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Blocking read helpers and handlers that the socket tests of several packages share. */
public final class ConnectionIo {
  private ConnectionIo() {}

  /** A handler that echoes every byte until the peer ends its side, then returns. */
  public static ConnectionHandler echo() {
    return connection -> {
      ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
      while (connection.read(buffer.clear()) >= 0) {
        connection.write(buffer.flip());
      }
    };
  }

  /** Reads until the peer ends its side. */
  public static byte[] readAll(Connection connection) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    while (connection.read(buffer.clear()) >= 0) {
      out.write(buffer.array(), 0, buffer.position());
    }
    return out.toByteArray();
  }

  /** Reads exactly {@code n} bytes. */
  public static byte[] readExactly(Connection connection, int n) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(n);
    while (buffer.hasRemaining()) {
      if (connection.read(buffer) < 0) {
        throw new EOFException("peer ended after " + buffer.position() + " of " + n + " bytes");
      }
    }
    return buffer.array();
  }

  /** Reads one LF-terminated line (byte by byte, so nothing after it is consumed). */
  public static String readLine(Connection connection) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (true) {
      if (connection.read(one.clear()) < 0) {
        throw new EOFException(
            "peer ended inside a line: '" + line.toString(StandardCharsets.UTF_8) + "'");
      }
      byte b = one.get(0);
      line.write(b);
      if (b == '\n') {
        return line.toString(StandardCharsets.UTF_8);
      }
    }
  }

  /**
   * A TCP port that refuses connections for as long as the socket is open: bound on every address
   * (IPv4 and IPv6), not listening. Nothing else can take the number meanwhile, as it could take a
   * port found free and let go.
   */
  public static java.net.Socket closedPort() throws IOException {
    java.net.Socket s = new java.net.Socket();
    s.bind(new java.net.InetSocketAddress(0));
    return s;
  }

  /**
   * Polls {@code condition} every 10 ms for up to 5 s.
   *
   * @throws AssertionError naming {@code what} if it never holds
   */
  public static void waitUntil(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }

  /** Opens a connection; for {@link #assertRejected}. */
  @FunctionalInterface
  public interface Connect {
    Connection open() throws IOException;
  }

  /**
   * What a client the server accepts and closes at once sees: the connect itself reset (a fast
   * server can close before the client's connect returns), or end of stream or a reset on the first
   * read.
   */
  public static void assertRejected(Connect connect) throws IOException {
    Connection connection;
    try {
      connection = connect.open();
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).contains("reset")) {
        return;
      }
      throw e;
    }
    try (connection) {
      assertEndedWithoutData(connection);
    }
  }

  /**
   * What a rejected client sees: {@code -1} (FIN) or a reset. Returns normally only if the server
   * ended the connection without sending a byte.
   */
  public static void assertEndedWithoutData(Connection connection) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(16);
    int n;
    try {
      n = connection.read(buffer);
    } catch (IOException reset) {
      return;
    }
    if (n != -1) {
      throw new AssertionError("expected end of stream or reset, read " + n + " bytes");
    }
  }
}
