package dev.sockit.core.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Whole reads and writes on blocking channels, and the greeting both ends of a bench connection
 * give.
 */
final class Io {
  /**
   * Opens every bench connection (client to server, before the mode byte) and every server answer:
   * a client or server that is not sockit's bench (an HTTP server, {@code sockit receive}, nc) is
   * told apart before anything is measured.
   */
  static final byte[] MAGIC = {'S', 'K', 'B', 'N'};

  /** How long a client waits for the server's greeting. */
  static final int GREETING_MILLIS = 5000;

  private Io() {}

  /** A buffer holding the greeting followed by {@code rest} (flipped), ready to write. */
  static ByteBuffer greeting(int restBytes) {
    return ByteBuffer.allocate(MAGIC.length + restBytes).put(MAGIC);
  }

  /**
   * Reads the server's greeting, waiting at most {@link #GREETING_MILLIS}; fails naming the server
   * if anything else comes (or nothing).
   */
  static void expectGreeting(SocketChannel ch) throws IOException {
    byte[] got;
    try {
      got = readWithin(ch, MAGIC.length);
    } catch (java.net.SocketTimeoutException e) {
      throw new IOException(
          who(ch)
              + " sent nothing for "
              + GREETING_MILLIS / 1000
              + " s; it is not a sockit bench server"
              + " (start one there with 'sockit bench server')",
          e);
    }
    if (!java.util.Arrays.equals(got, MAGIC)) {
      String seen =
          got.length == 0
              ? "closed the connection"
              : "answered '" + dev.sockit.core.codec.HexDump.printable(got, got.length) + "'";
      throw new IOException(
          who(ch)
              + " "
              + seen
              + "; it is not a sockit bench server (start one there with 'sockit bench server')");
    }
  }

  /**
   * The server's side: the client's greeting and mode byte, read within {@link #GREETING_MILLIS}; a
   * client that sends less (nc with "hi") gets EOF instead of a thread held until it quits.
   */
  static ByteBuffer greetingFrom(SocketChannel ch) throws IOException {
    byte[] got;
    try {
      got = readWithin(ch, MAGIC.length + 1);
    } catch (java.net.SocketTimeoutException e) {
      throw new EOFException("no greeting within " + GREETING_MILLIS / 1000 + " s");
    }
    if (got.length < MAGIC.length + 1) {
      throw new EOFException("the peer closed the connection");
    }
    return ByteBuffer.wrap(got);
  }

  /**
   * Up to {@code n} bytes (fewer only when the peer closes first), waiting at most {@link
   * #GREETING_MILLIS} for them: {@link java.net.SocketTimeoutException} past it.
   */
  private static byte[] readWithin(SocketChannel ch, int n) throws IOException {
    java.net.Socket s = ch.socket();
    s.setSoTimeout(GREETING_MILLIS);
    try {
      return s.getInputStream().readNBytes(n);
    } finally {
      s.setSoTimeout(0);
    }
  }

  private static String who(SocketChannel ch) {
    try {
      return dev.sockit.core.address.SocketAddresses.format(ch.getRemoteAddress());
    } catch (IOException e) {
      return "the server";
    }
  }

  /** Fills {@code b} and returns it flipped; {@link EOFException} if the peer closes first. */
  static ByteBuffer fill(SocketChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new EOFException("the peer closed the connection");
      }
    }
    return b.flip();
  }

  static void writeFully(SocketChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }
}
