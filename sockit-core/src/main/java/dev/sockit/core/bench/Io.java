package dev.sockit.core.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Whole reads and writes on blocking channels. */
final class Io {
  private Io() {}

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
