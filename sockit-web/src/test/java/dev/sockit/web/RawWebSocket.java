package dev.sockit.web;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written frame by frame over a plain {@link Socket}, so tests can do what a
 * browser never does: send a frame too large, fragment a message, nest JSON deeply, or vanish
 * without a close frame.
 */
final class RawWebSocket implements AutoCloseable {
  static final int TEXT = 1;
  static final int CONTINUATION = 0;
  static final int CLOSE = 8;
  static final int PING = 9;

  /** One frame from the server. */
  record Frame(int opcode, boolean fin, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The status code of a close frame, or -1 when it carries none. */
    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /**
   * Connects to {@code /ws} on {@code port} with the page's Host and Origin and {@code cookie};
   * throws when the server does not switch protocols.
   */
  static RawWebSocket open(int port, String cookie) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    s.setSoTimeout(20_000);
    String host = "127.0.0.1:" + port;
    String request =
        "GET /ws HTTP/1.1\r\nHost: "
            + host
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            + "Origin: http://"
            + host
            + "\r\nCookie: "
            + cookie
            + "\r\n\r\n";
    s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    RawWebSocket ws = new RawWebSocket(s);
    String status = ws.line();
    if (!status.startsWith("HTTP/1.1 101")) {
      s.close();
      throw new IOException("no upgrade: " + status);
    }
    while (!ws.line().isEmpty()) {
      // the rest of the response headers
    }
    return ws;
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        throw new EOFException("connection closed in the HTTP response");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  /** Sends one masked frame. */
  void send(int opcode, boolean fin, byte[] payload) throws IOException {
    byte[] header = header(opcode, fin, payload.length);
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    byte[] body = new byte[payload.length];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) (payload[i] ^ mask[i & 3]);
    }
    synchronized (out) {
      out.write(header);
      out.write(mask);
      out.write(body);
      out.flush();
    }
  }

  /** Sends a frame whose header announces {@code length} bytes, then streams zeros (masked). */
  void sendLarge(int opcode, long length) throws IOException {
    synchronized (out) {
      out.write(header(opcode, true, length));
      out.write(new byte[4]); // a zero mask: the payload goes as it is
      byte[] chunk = new byte[64 * 1024];
      for (long left = length; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(left, chunk.length));
      }
      out.flush();
    }
  }

  private static byte[] header(int opcode, boolean fin, long length) {
    int first = (fin ? 0x80 : 0) | opcode;
    if (length < 126) {
      return new byte[] {(byte) first, (byte) (0x80 | length)};
    }
    if (length < 65536) {
      return new byte[] {(byte) first, (byte) (0x80 | 126), (byte) (length >> 8), (byte) length};
    }
    byte[] h = new byte[10];
    h[0] = (byte) first;
    h[1] = (byte) (0x80 | 127);
    for (int i = 0; i < 8; i++) {
      h[2 + i] = (byte) (length >>> (56 - 8 * i));
    }
    return h;
  }

  void sendText(String text) throws IOException {
    send(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The next frame, or {@code null} when the server closed the connection. */
  Frame read() throws IOException {
    int b0 = in.read();
    if (b0 < 0) {
      return null;
    }
    int b1 = in.readUnsignedByte();
    long len = b1 & 0x7f;
    if (len == 126) {
      len = in.readUnsignedShort();
    } else if (len == 127) {
      len = in.readLong();
    }
    byte[] payload = new byte[(int) len];
    in.readFully(payload);
    return new Frame(b0 & 0x0f, (b0 & 0x80) != 0, payload);
  }

  /** Reads text frames until one contains {@code part}; batches on the way are skipped. */
  String await(String part) throws IOException {
    for (Frame f; (f = read()) != null; ) {
      if (f.opcode() == CLOSE) {
        throw new EOFException("closed (" + f.closeCode() + ") before '" + part + "' came");
      }
      if (f.opcode() == TEXT && f.text().contains(part)) {
        return f.text();
      }
    }
    throw new EOFException("connection ended before '" + part + "' came");
  }

  /** Reads until the server's close frame and returns its code; skips everything before it. */
  int awaitClose() throws IOException {
    for (Frame f; (f = read()) != null; ) {
      if (f.opcode() == CLOSE) {
        return f.closeCode();
      }
    }
    throw new EOFException("connection ended without a close frame");
  }

  InputStream input() {
    return in;
  }

  /** Ends the TCP connection without a close frame, as a crashed or suspended browser does. */
  void drop() throws IOException {
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
