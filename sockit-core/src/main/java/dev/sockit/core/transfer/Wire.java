package dev.sockit.core.transfer;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The framing both sides speak (big-endian; see {@code docs/transfer-protocol.md}): control
 * messages are built in a buffer and written whole; reads fill exactly what is asked for, so a peer
 * that stops mid-frame is an {@link EOFException}, never a short value.
 *
 * <p>Reads go through a small read-ahead buffer: a folder of small files is a stream of tiny frames
 * and file bodies, which would otherwise cost a system call each (a 12-byte file took four reads).
 * A read into a buffer at least as large as the read-ahead, once that is empty, goes straight to
 * the socket, so large files are not copied twice. One thread reads a wire at a time.
 */
final class Wire {
  static final byte[] MAGIC = {'S', 'K', 'T', 'X'};
  static final int VERSION = 2; // 2: the receiver's answers start with MAGIC too
  static final int ACCEPT = 0;
  static final int REFUSE = 1;
  static final int FILE_OK = 0;
  static final int FILE_BAD = 1;
  static final int HASH_BYTES = 32;
  static final int MAX_ENTRIES = 1_000_000;
  static final int CHUNK = 1 << 20;

  /**
   * Receive buffers: small enough that the bytes read from the socket are still in the CPU cache
   * when they are hashed and written (4 MiB buffers measured 2x slower than 256 KiB here).
   */
  static final int RECEIVE_CHUNK = 256 << 10;

  /** The read-ahead's size. */
  static final int READ_AHEAD = 64 << 10;

  private final SocketChannel channel;
  private final ByteBuffer in = ByteBuffer.allocate(8 + HASH_BYTES);

  /** Bytes read from the socket and not yet asked for, between position and limit. */
  private final ByteBuffer ahead = ByteBuffer.allocate(READ_AHEAD).limit(0);

  private volatile long received;

  Wire(SocketChannel channel) {
    this.channel = channel;
  }

  SocketChannel channel() {
    return channel;
  }

  /**
   * Reads what is there into {@code b}: first what was read ahead, else from the socket (through
   * the read-ahead when {@code b} is smaller than it); -1 at end of stream.
   */
  int read(ByteBuffer b) throws IOException {
    if (!b.hasRemaining()) {
      return 0;
    }
    if (!ahead.hasRemaining()) {
      if (b.remaining() >= READ_AHEAD) {
        return count(channel.read(b));
      }
      ahead.clear();
      int n;
      try {
        n = count(channel.read(ahead));
      } finally {
        ahead.flip(); // empty again if the read failed: never stale bytes handed out as data
      }
      if (n <= 0) {
        return n;
      }
    }
    int n = Math.min(ahead.remaining(), b.remaining());
    int limit = ahead.limit();
    b.put(ahead.limit(ahead.position() + n));
    ahead.limit(limit);
    return n;
  }

  /** Counts {@code n} bytes read from the socket for {@link #received}. */
  private int count(int n) {
    if (n > 0) {
      received += n; // only the reading thread writes; a watchdog reads
    }
    return n;
  }

  /** Bytes read from the socket so far (read-ahead included). */
  long received() {
    return received;
  }

  /** Writes the whole buffer. */
  void write(ByteBuffer frame) throws IOException {
    while (frame.hasRemaining()) {
      channel.write(frame);
    }
  }

  /** A growable frame under construction. */
  static final class Frame {
    private ByteBuffer buf;

    Frame() {
      this(256);
    }

    /** A frame that expects about {@code capacity} bytes (it still grows if it needs to). */
    Frame(int capacity) {
      buf = ByteBuffer.allocate(capacity);
    }

    private Frame ensure(int n) {
      if (buf.remaining() < n) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n));
        bigger.put(buf.flip());
        buf = bigger;
      }
      return this;
    }

    Frame u8(int v) {
      ensure(1).buf.put((byte) v);
      return this;
    }

    Frame u16(int v) {
      ensure(2).buf.putShort((short) v);
      return this;
    }

    Frame u32(int v) {
      ensure(4).buf.putInt(v);
      return this;
    }

    Frame u64(long v) {
      ensure(8).buf.putLong(v);
      return this;
    }

    Frame bytes(byte[] b) {
      ensure(b.length).buf.put(b);
      return this;
    }

    Frame text(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      if (b.length > 0xFFFF) {
        throw new IllegalArgumentException("text of " + b.length + " bytes does not fit a frame");
      }
      return u16(b.length).bytes(b);
    }

    ByteBuffer done() {
      return buf.flip();
    }
  }

  private ByteBuffer fill(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (read(b) < 0) {
        throw new EOFException("the peer closed the connection mid-transfer");
      }
    }
    return b.flip();
  }

  int u8() throws IOException {
    return fill(in.clear().limit(1)).get() & 0xFF;
  }

  int u16() throws IOException {
    return fill(in.clear().limit(2)).getShort() & 0xFFFF;
  }

  int u32() throws IOException {
    return fill(in.clear().limit(4)).getInt();
  }

  long u64() throws IOException {
    return fill(in.clear().limit(8)).getLong();
  }

  byte[] bytes(int n) throws IOException {
    byte[] b = new byte[n];
    fill(ByteBuffer.wrap(b));
    return b;
  }

  String text() throws IOException {
    return new String(bytes(u16()), StandardCharsets.UTF_8);
  }

  /** The manifest: count, then (folder flag, name, mode, size) per entry. */
  static void putManifest(Frame f, List<TransferEntry> entries) {
    f.u32(entries.size());
    for (TransferEntry e : entries) {
      f.u8(e.folder() ? 1 : 0).text(e.name()).u16(e.mode()).u64(e.size()).u64(e.modified());
    }
  }

  List<TransferEntry> manifest() throws IOException {
    int n = u32();
    if (n < 0 || n > MAX_ENTRIES) {
      throw new TransferException(
          "the sender offered "
              + Integer.toUnsignedString(n)
              + " entries; at most "
              + MAX_ENTRIES
              + " are accepted");
    }
    List<TransferEntry> entries = new ArrayList<>(Math.min(n, 4096));
    for (int i = 0; i < n; i++) {
      int kind = u8();
      String name = text();
      int mode = u16();
      long size = u64();
      long modified = u64();
      if (kind > 1) {
        throw new TransferException(
            "refused '"
                + name
                + "': entry kind "
                + kind
                + " (only files and folders are accepted)");
      }
      try {
        entries.add(new TransferEntry(kind == 1, name, mode, size, Math.max(0, modified)));
      } catch (IllegalArgumentException e) {
        throw new TransferException("refused " + e.getMessage());
      }
    }
    return entries;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
