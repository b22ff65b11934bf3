package dev.sockit.web;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One page's WebSocket (RFC 6455, server side) on a connection Helidon has upgraded. Frames are
 * read on the connection's own virtual thread; text messages of at most {@link #MAX_MESSAGE} bytes
 * go to the {@link Page}; pings are answered; writes are serialised by a lock.
 *
 * <p>States: open → closing (a close frame was sent; frames that still arrive are read and dropped,
 * so the peer sees the close frame instead of a TCP reset, for at most {@link #LINGER}) → ended.
 * However the connection ends — a close frame, end of stream, a reset, a protocol error, a message
 * too large (close code 1009) — {@link Page#ended()} is called exactly once, on this thread: no
 * thread or registration outlives the page.
 */
final class PageSocket implements ServerConnection {
  /** The largest message a page may send: a 1 MiB frame written as JSON text, with room. */
  static final int MAX_MESSAGE = 4 << 20;

  /** A frame announced larger than this is not drained after its close frame: the socket ends. */
  static final long MAX_DRAIN = 64L << 20;

  /** How long a closing connection waits for the peer's close frame. */
  static final Duration LINGER = Duration.ofSeconds(5);

  private static final int CONTINUATION = 0;
  private static final int TEXT = 1;
  private static final int BINARY = 2;
  private static final int CLOSE = 8;
  private static final int PING = 9;
  private static final int PONG = 10;

  private final ConnectionContext ctx;
  private final DataReader in;
  private final Page page;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final AtomicBoolean closeSent = new AtomicBoolean();
  private volatile Thread reader;
  private volatile boolean running = true;
  private volatile long lastFrameNanos = System.nanoTime();
  private byte[] message = new byte[4096];
  private int messageLength;
  private boolean inMessage;

  PageSocket(ConnectionContext ctx, Page page) {
    this.ctx = ctx;
    this.in = ctx.dataReader();
    this.page = page;
  }

  @Override
  public void handle(Limit limit) {
    reader = Thread.currentThread();
    try {
      page.opened(this);
      while (running) {
        if (!frame()) {
          return;
        }
      }
    } catch (RuntimeException e) {
      // end of stream, a reset or an interrupt: the page is gone either way
      System.getLogger(PageSocket.class.getName())
          .log(System.Logger.Level.DEBUG, "page connection ended: " + e);
    } finally {
      running = false;
      page.ended();
    }
  }

  /** Reads and handles one frame; {@code false} when the connection is to end. */
  private boolean frame() {
    int b0 = in.read() & 0xff;
    int b1 = in.read() & 0xff;
    lastFrameNanos = System.nanoTime();
    boolean fin = (b0 & 0x80) != 0;
    int opcode = b0 & 0x0f;
    long length = b1 & 0x7f;
    if (length == 126) {
      length = ((in.read() & 0xff) << 8) | (in.read() & 0xff);
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) {
        length = (length << 8) | (in.read() & 0xff);
      }
    }
    if ((b0 & 0x70) != 0 || (b1 & 0x80) == 0 || length < 0) {
      return fail(1002, "frames from a page must be masked and use no extensions", 0);
    }
    byte[] mask = in.readBytes(4);
    if (opcode >= 8) {
      if (!fin || length > 125) {
        return fail(1002, "control frames are at most 125 bytes and not fragmented", 0);
      }
      return control(opcode, unmask(in.readBytes((int) length), mask, 0));
    }
    if (opcode == BINARY) {
      return fail(1003, "the page protocol is text (JSON)", length);
    }
    if (opcode != TEXT && opcode != CONTINUATION) {
      return fail(1002, "unknown opcode " + opcode, 0);
    }
    if ((opcode == TEXT) == inMessage) {
      return fail(
          1002, inMessage ? "a new message before the last one ended" : "a stray continuation", 0);
    }
    if (messageLength + length > MAX_MESSAGE) {
      // the rest of a fragmented message must not be read as a request of its own: end here
      return fail(
          1009, "message too big: a page message is at most " + MAX_MESSAGE + " bytes", length);
    }
    inMessage = true;
    append(in.readBytes((int) length), mask);
    if (!fin) {
      return true;
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(message, 0, messageLength))
              .toString();
    } catch (CharacterCodingException e) {
      return fail(1007, "a text message must be UTF-8", 0);
    }
    inMessage = false;
    messageLength = 0;
    if (message.length > 64 * 1024) {
      message = new byte[4096]; // a large message's buffer is not kept for the page's life
    }
    page.message(text);
    return true;
  }

  private boolean control(int opcode, byte[] payload) {
    switch (opcode) {
      case CLOSE -> {
        int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1000;
        // echo the code, as RFC 6455 asks; codes that must not be sent become 1000
        sendClose(code == 1005 || code == 1006 || code == 1015 ? 1000 : code, "");
        return false;
      }
      case PING -> {
        write(frameHeader(PONG, payload.length), payload);
        return true;
      }
      case PONG -> {
        return true;
      }
      default -> {
        return fail(1002, "unknown control opcode " + opcode, 0);
      }
    }
  }

  private void append(byte[] data, byte[] mask) {
    if (messageLength + data.length > message.length) {
      message = Arrays.copyOf(message, Math.max(message.length * 2, messageLength + data.length));
    }
    for (int i = 0; i < data.length; i++) {
      message[messageLength + i] = (byte) (data[i] ^ mask[(messageLength + i) & 3]);
    }
    messageLength += data.length;
  }

  private static byte[] unmask(byte[] data, byte[] mask, int offset) {
    for (int i = 0; i < data.length; i++) {
      data[i] ^= mask[(offset + i) & 3];
    }
    return data;
  }

  /**
   * Sends a close frame with {@code code}, then reads and drops {@code pending} payload bytes of
   * the current frame and whatever follows, until the peer's close frame, the end of the stream or
   * {@link #LINGER}: a peer still writing its frame gets the close frame, not a reset.
   */
  private boolean fail(int code, String reason, long pending) {
    sendClose(code, reason);
    if (pending > MAX_DRAIN) {
      return false;
    }
    Thread self = Thread.currentThread();
    Thread watchdog =
        Thread.ofVirtual()
            .name("sockit-ui-linger")
            .start(
                () -> {
                  try {
                    Thread.sleep(LINGER);
                    self.interrupt(); // a virtual thread's blocked socket read ends when
                    // interrupted
                  } catch (InterruptedException e) {
                    // the peer closed in time
                  }
                });
    try {
      skip(pending);
      for (long drained = 0; drained < MAX_DRAIN; ) {
        int b0 = in.read() & 0xff;
        long length = in.read() & 0x7f;
        if (length == 126) {
          length = ((in.read() & 0xff) << 8) | (in.read() & 0xff);
        } else if (length == 127) {
          length = 0;
          for (int i = 0; i < 8; i++) {
            length = (length << 8) | (in.read() & 0xff);
          }
        }
        if ((b0 & 0x0f) == CLOSE || length < 0 || length > MAX_DRAIN - drained) {
          return false;
        }
        skip(4 + length);
        drained += length;
      }
    } finally {
      watchdog.interrupt();
    }
    return false;
  }

  private void skip(long n) {
    for (long left = n; left > 0; ) {
      int step = (int) Math.min(left, 1 << 20);
      in.skip(step);
      left -= step;
    }
  }

  private void sendClose(int code, String reason) {
    if (!closeSent.compareAndSet(false, true)) {
      return;
    }
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[2 + Math.min(r.length, 123)];
    payload[0] = (byte) (code >> 8);
    payload[1] = (byte) code;
    System.arraycopy(r, 0, payload, 2, payload.length - 2);
    try {
      write(frameHeader(CLOSE, payload.length), payload);
    } catch (RuntimeException e) {
      System.getLogger(PageSocket.class.getName())
          .log(System.Logger.Level.DEBUG, "close frame not sent: " + e);
    }
  }

  /**
   * Sends one text message in one frame.
   *
   * @throws RuntimeException (Helidon's) when the connection is gone
   */
  void sendText(String text) {
    if (closeSent.get()) {
      return;
    }
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    write(frameHeader(TEXT, payload.length), payload);
  }

  /** Ends the connection at once: its reader thread ends and tells the page. */
  void abort() {
    running = false;
    Thread t = reader;
    if (t != null) {
      t.interrupt();
    }
  }

  private static byte[] frameHeader(int opcode, int length) {
    int first = 0x80 | opcode;
    if (length < 126) {
      return new byte[] {(byte) first, (byte) length};
    }
    if (length < 65536) {
      return new byte[] {(byte) first, 126, (byte) (length >> 8), (byte) length};
    }
    byte[] h = new byte[10];
    h[0] = (byte) first;
    h[1] = 127;
    for (int i = 0; i < 8; i++) {
      h[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
    }
    return h;
  }

  private void write(byte[] header, byte[] payload) {
    BufferData data = BufferData.create(header.length + payload.length);
    data.write(header);
    data.write(payload);
    writeLock.lock();
    try {
      ctx.dataWriter().writeNow(data);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public Duration idleTime() {
    return Duration.ofNanos(System.nanoTime() - lastFrameNanos);
  }

  @Override
  public void close(boolean interrupt) {
    // Server shutdown or Helidon's idle timeout (a live page pings every 25 s). The close frame
    // tells the page why; a page that does not read cannot hold this up: the connection is ended
    // half a second later whatever the frame's fate.
    Thread closing = Thread.ofVirtual().start(() -> sendClose(1001, "sockit ui is stopping"));
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                closing.join(Duration.ofMillis(500));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                abort();
              }
            });
  }
}
