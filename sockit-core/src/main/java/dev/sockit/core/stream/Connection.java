package dev.sockit.core.stream;

import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.event.TrafficEvent.Half;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connected stream socket (TCP or Unix): read, write, half-close, close, with every step
 * published as a {@link TrafficEvent} on the endpoint's bus.
 *
 * <p>States: open (both directions) → output shut (after {@link #shutdownOutput()}, a FIN went to
 * the peer) and/or input ended (after a read returned {@code -1}, the peer's FIN arrived) → closed.
 * Reading and writing may happen on two different threads at once; writes from several threads are
 * serialised so that each {@link #write(ByteBuffer)} reaches the peer in one piece.
 */
public final class Connection implements AutoCloseable {
  private final SocketChannel channel;
  private final SecurityLayer layer;
  private final long id;
  private final TrafficBus bus;
  private final SocketAddress local;
  private final SocketAddress peer;
  private final Instant openedAt = Instant.now();
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Object closeLock = new Object();
  private volatile long lastActivityNanos = System.nanoTime();
  private volatile long bytesReceived;
  private volatile long bytesSent;
  private volatile boolean writing;
  private volatile boolean outputShut;
  private volatile boolean inputEnded;
  private volatile boolean closed;
  private volatile boolean aborting;

  /**
   * Zero-copy relays park in the JDK's poller while holding the read side; {@link #close()} wakes
   * them and takes the write side before the descriptor is released, so that no waiter is left
   * registered on a descriptor number the system may hand to another socket.
   */
  private final java.util.concurrent.locks.ReentrantReadWriteLock waits =
      new java.util.concurrent.locks.ReentrantReadWriteLock();

  private volatile int waitedFd = -1;

  /** Told when the connection closes, e.g. a {@link KernelRelay} whose loop will not see it. */
  private volatile Runnable closeHook;

  /** A waiter wakes at least this often to look again, in case a wake-up went astray. */
  private static final long WAIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

  /**
   * Wraps a connected channel. Endpoints create connections; users get them from a server's handler
   * or a client's {@code connect}.
   *
   * @param channel a connected, blocking channel
   * @param id the connection id used in events
   * @param bus where events go
   * @throws IOException if the channel's addresses cannot be read
   */
  public Connection(SocketChannel channel, long id, TrafficBus bus) throws IOException {
    this(channel, id, bus, null);
  }

  /**
   * Wraps a connected channel whose bytes pass through {@code layer} (TLS): reads and writes carry
   * plaintext, and the events count plaintext bytes.
   *
   * @param channel a connected, blocking channel
   * @param id the connection id used in events
   * @param bus where events go
   * @param layer the security layer, or {@code null} for a plain connection
   * @throws IOException if the channel's addresses cannot be read
   */
  public Connection(SocketChannel channel, long id, TrafficBus bus, SecurityLayer layer)
      throws IOException {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.layer = layer;
    this.bus = Objects.requireNonNull(bus, "bus");
    this.id = id;
    this.local = channel.getLocalAddress();
    this.peer = channel.getRemoteAddress();
  }

  /** The id this connection's events carry. */
  public long id() {
    return id;
  }

  /** The local address (for Unix sockets possibly an unnamed address). */
  public SocketAddress localAddress() {
    return local;
  }

  /** The peer's address. */
  public SocketAddress peerAddress() {
    return peer;
  }

  /** When the connection was established. */
  public Instant openedAt() {
    return openedAt;
  }

  /** Total bytes read so far. */
  public long bytesReceived() {
    return bytesReceived;
  }

  /** Total bytes written so far. */
  public long bytesSent() {
    return bytesSent;
  }

  /** {@link System#nanoTime()} of the last successful read or write. */
  public long lastActivityNanos() {
    return lastActivityNanos;
  }

  /** Whether a {@link #write(ByteBuffer)} is under way (e.g. blocked on a slow peer). */
  public boolean isWriting() {
    return writing;
  }

  /** Whether {@link #close()} has not been called yet. */
  public boolean isOpen() {
    return !closed;
  }

  /** Whether the peer's FIN has been read (a read returned {@code -1}). */
  public boolean inputEnded() {
    return inputEnded;
  }

  /**
   * Parks the calling virtual thread until this connection's descriptor {@code fd} is ready for
   * {@code event} ({@link ReadinessWait#READABLE} or {@link ReadinessWait#WRITABLE}); for zero-copy
   * relays, whose non-blocking {@code splice} calls returned {@code EAGAIN}.
   *
   * @throws java.nio.channels.ClosedChannelException if the connection is closed before or while
   *     waiting
   */
  void awaitReady(int fd, int event) throws IOException {
    var lock = waits.readLock();
    lock.lock();
    try {
      if (closed) {
        throw new java.nio.channels.ClosedChannelException();
      }
      waitedFd = fd;
      ReadinessWait.await(fd, event, WAIT_NANOS, this::isOpen);
    } finally {
      lock.unlock();
    }
    if (closed) {
      throw new java.nio.channels.AsynchronousCloseException();
    }
  }

  /** Runs {@code hook} when this connection is closed (at once if it is closed already). */
  void onClose(Runnable hook) {
    closeHook = hook;
    if (closed) {
      hook.run();
    }
  }

  /** Whether the bytes pass through a security layer (TLS), so only plaintext is seen here. */
  public boolean isSecured() {
    return layer != null;
  }

  /** Whether a subscriber wants payload copies (then zero-copy transfers are not used). */
  boolean wantsPayload() {
    return bus.wantsPayload();
  }

  /** The underlying channel, for zero-copy transfers inside the library. */
  SocketChannel channel() {
    return channel;
  }

  /**
   * Sets a socket option, e.g. {@code StandardSocketOptions.TCP_NODELAY}.
   *
   * @param option the option
   * @param value its value
   * @param <T> the option's type
   * @throws IOException if the option cannot be set
   */
  public <T> void setOption(SocketOption<T> option, T value) throws IOException {
    channel.setOption(option, value);
  }

  /**
   * Reads into {@code dst}, blocking until at least one byte arrives or the peer ends its side.
   *
   * @param dst where bytes go
   * @return the number of bytes read, or {@code -1} when the peer has closed its sending side
   * @throws IOException on a reset or another I/O failure
   */
  public int read(ByteBuffer dst) throws IOException {
    int start = dst.position();
    int n = layer == null ? channel.read(dst) : layer.read(dst);
    recordRead(dst, start, n);
    return n;
  }

  /**
   * Accounts for {@code n} bytes read into {@code dst} from {@code start}, publishing events. Used
   * by {@link #read(ByteBuffer)} and by zero-copy paths that bypass it.
   */
  void recordRead(ByteBuffer dst, int start, int n) {
    if (n < 0) {
      if (!inputEnded) {
        inputEnded = true;
        if (bus.isActive()) {
          bus.publish(new TrafficEvent.HalfClosed(Instant.now(), id, local, peer, Half.INPUT));
        }
      }
      return;
    }
    if (n == 0) {
      return;
    }
    bytesReceived += n;
    lastActivityNanos = System.nanoTime();
    if (bus.isActive()) {
      bus.publish(
          new TrafficEvent.Received(
              Instant.now(),
              id,
              local,
              peer,
              n,
              bus.wantsPayload() && dst != null ? copy(dst, start, n) : null));
    }
  }

  void recordWrite(ByteBuffer src, int start, int n) {
    bytesSent += n;
    lastActivityNanos = System.nanoTime();
    if (bus.isActive() && n > 0) {
      bus.publish(
          new TrafficEvent.Sent(
              Instant.now(),
              id,
              local,
              peer,
              n,
              bus.wantsPayload() && src != null ? copy(src, start, n) : null));
    }
  }

  /**
   * Writes all remaining bytes of {@code src}. Concurrent writers are serialised.
   *
   * @param src the bytes; its position advances to its limit
   * @throws IOException if the connection breaks
   */
  public void write(ByteBuffer src) throws IOException {
    writeLock.lock();
    writing = true;
    int start = src.position();
    try {
      if (layer != null) {
        layer.write(src);
      } else {
        while (src.hasRemaining()) {
          channel.write(src);
        }
      }
    } finally {
      // Count what left even when the write failed half-way.
      recordWrite(src, start, src.position() - start);
      writing = false;
      writeLock.unlock();
    }
  }

  /**
   * Writes all of {@code bytes}.
   *
   * @param bytes the bytes
   * @throws IOException if the connection breaks
   */
  public void write(byte[] bytes) throws IOException {
    write(ByteBuffer.wrap(bytes));
  }

  /**
   * Ends our sending side: the peer reads end-of-stream, we can still read. Idempotent.
   *
   * @throws IOException if the shutdown fails
   */
  public void shutdownOutput() throws IOException {
    writeLock.lock();
    try {
      if (outputShut || closed) {
        return;
      }
      outputShut = true;
      if (layer == null) {
        channel.shutdownOutput();
      } else {
        layer.shutdownOutput();
      }
    } finally {
      writeLock.unlock();
    }
    if (bus.isActive()) {
      bus.publish(new TrafficEvent.HalfClosed(Instant.now(), id, local, peer, Half.OUTPUT));
    }
  }

  /**
   * Closes the connection; a blocked reader or writer wakes with an exception. Idempotent.
   *
   * @throws IOException if closing the channel fails
   */
  @Override
  public void close() throws IOException {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    Runnable hook = closeHook;
    if (hook != null) {
      hook.run();
    }
    int fd = waitedFd;
    if (fd >= 0) {
      ReadinessWait.wake(fd);
    }
    // Waits for zero-copy waiters to leave the poller (they see `closed` once registered).
    waits.writeLock().lock();
    waits.writeLock().unlock();
    try {
      if (layer != null && !aborting) {
        layer.close();
      }
      channel.close();
    } finally {
      bus.publish(
          new TrafficEvent.Closed(Instant.now(), id, local, peer, bytesReceived, bytesSent));
    }
  }

  /**
   * Closes at once, sending a reset instead of a FIN ({@code SO_LINGER} 0).
   *
   * @throws IOException if closing fails
   */
  public void abort() throws IOException {
    aborting = true; // a reset says goodbye on its own: no TLS close_notify first
    if (!closed && channel.isOpen()) {
      try {
        channel.setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
      } catch (UnsupportedOperationException | IOException e) {
        // Unix sockets have no linger; a plain close is the best we can do.
      }
    }
    close();
  }

  void failed(String message) {
    if (bus.isActive()) {
      bus.publish(new TrafficEvent.Failed(Instant.now(), id, local, peer, message));
    }
  }

  private static byte[] copy(ByteBuffer buffer, int start, int n) {
    byte[] out = new byte[n];
    buffer.get(start, out);
    return out;
  }

  @Override
  public String toString() {
    return "Connection#" + id + "[" + local + " <-> " + peer + "]";
  }
}
