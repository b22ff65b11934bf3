package dev.sockit.core.tls;

import dev.sockit.core.stream.SecurityLayer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * An established TLS session over a blocking channel: plaintext in and out, records on the wire.
 *
 * <p>Reading unwraps every complete record that fits into the caller's buffer (a bulk reader's 1
 * MiB buffer takes dozens per socket read); a caller with a small buffer gets the rest of a record
 * from {@code appIn} on its next read. Writing wraps up to {@link #BATCH} records before each
 * socket write. Heap buffers throughout: JSSE's AES-GCM is about twice as fast on arrays as on
 * direct buffers. The receive buffer starts at one record and grows, up to {@link #MAX_NET_IN},
 * only for a connection whose reads keep filling it, so an idle connection holds two records'
 * worth.
 *
 * <p>Post-handshake messages are answered from whichever side meets them: a key update or a TLS 1.2
 * {@code close_notify} reply is wrapped and sent by the reader, under the write lock.
 */
final class TlsLayer implements SecurityLayer {
  /** Records wrapped before one socket write. */
  static final int BATCH = 16;

  /** The most ciphertext read ahead. */
  static final int MAX_NET_IN = 512 * 1024;

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
  private static final Duration GOODBYE = Duration.ofSeconds(2);

  private final SocketChannel channel;
  private final SSLEngine engine;
  private final Steps steps;
  private final int packetSize;
  private final int fragmentSize;
  private final ReentrantLock readLock = new ReentrantLock();
  private final ReentrantLock writeLock = new ReentrantLock();
  private ByteBuffer netIn; // fill mode between calls
  private ByteBuffer appIn; // read mode between calls, or null
  private ByteBuffer netOut;
  private boolean inputDone;
  private volatile boolean outputDone;

  TlsLayer(SocketChannel channel, SSLEngine engine, Steps steps, ByteBuffer netIn) {
    this.channel = channel;
    this.engine = engine;
    this.steps = steps;
    this.packetSize = engine.getSession().getPacketBufferSize();
    this.fragmentSize = engine.getSession().getApplicationBufferSize();
    this.netIn = netIn.capacity() >= packetSize ? netIn : grown(netIn, packetSize);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    readLock.lock();
    try {
      if (appIn != null && appIn.hasRemaining()) {
        return drain(dst);
      }
      if (inputDone) {
        return -1;
      }
      while (true) {
        int n = unwrapInto(dst);
        if (n != 0) {
          return n;
        }
        if (!netIn.hasRemaining()) { // cannot happen with a well-formed record: it fits one packet
          throw new SSLException("a TLS record larger than " + netIn.capacity() + " bytes");
        }
        int read = channel.read(netIn);
        if (read < 0) {
          return endOfStream();
        }
        if (!netIn.hasRemaining() && netIn.capacity() < MAX_NET_IN) {
          netIn = grown(netIn, Math.min(MAX_NET_IN, netIn.capacity() * 2)); // a bulk reader
        }
      }
    } catch (SSLException e) {
      throw Explain.failure(e, steps, null);
    } finally {
      readLock.unlock();
    }
  }

  /**
   * Unwraps the complete records read so far: returns the plaintext bytes delivered, {@code -1} at
   * the peer's {@code close_notify} when none were, 0 when a record is still incomplete.
   */
  private int unwrapInto(ByteBuffer dst) throws IOException {
    int delivered = 0;
    netIn.flip();
    try {
      while (netIn.hasRemaining() && dst.hasRemaining()) {
        SSLEngineResult r = null;
        if (dst.remaining() >= fragmentSize) {
          r = engine.unwrap(netIn, dst);
          delivered += r.bytesProduced();
        }
        if (r == null || r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
          if (appIn == null) {
            appIn = ByteBuffer.allocate(fragmentSize);
          }
          r = engine.unwrap(netIn, appIn.clear());
          appIn.flip();
          delivered += drain(dst);
        }
        answer(r.getHandshakeStatus());
        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
          inputDone = true;
          steps.publish("recv close_notify: the peer ends its side of the TLS session");
          return delivered > 0 ? delivered : -1;
        }
        if (r.getStatus() != SSLEngineResult.Status.OK || appIn != null && appIn.hasRemaining()) {
          break; // an incomplete record; or the caller's buffer is full
        }
      }
    } finally {
      netIn.compact();
    }
    return delivered;
  }

  private int drain(ByteBuffer dst) {
    int n = Math.min(dst.remaining(), appIn.remaining());
    dst.put(dst.position(), appIn, appIn.position(), n);
    dst.position(dst.position() + n);
    appIn.position(appIn.position() + n);
    return n;
  }

  /** A TCP FIN without a close_notify: the stream ends, but it may have been cut short. */
  private int endOfStream() {
    inputDone = true;
    try {
      engine.closeInbound();
    } catch (SSLException e) {
      steps.publish(
          "the peer closed the connection without close_notify: what it sent may be cut short");
    }
    return -1;
  }

  /** Does what the engine needs after a record: run its tasks, send what it must answer. */
  private void answer(HandshakeStatus hs) throws IOException {
    while (true) {
      switch (hs) {
        case NEED_TASK -> {
          Runnable task;
          while ((task = engine.getDelegatedTask()) != null) {
            task.run();
          }
          hs = engine.getHandshakeStatus();
        }
        case NEED_WRAP -> {
          writeLock.lock();
          try {
            hs = wrapAndSend(EMPTY);
          } finally {
            writeLock.unlock();
          }
        }
        default -> {
          return; // FINISHED, NOT_HANDSHAKING, or waiting for the peer (NEED_UNWRAP)
        }
      }
    }
  }

  @Override
  public void write(ByteBuffer src) throws IOException {
    writeLock.lock();
    try {
      if (outputDone) {
        throw new java.nio.channels.ClosedChannelException();
      }
      int stalled = 0;
      while (src.hasRemaining()) {
        int before = src.remaining();
        HandshakeStatus hs = wrapAndSend(src);
        if (hs == HandshakeStatus.NEED_TASK) {
          answer(hs);
        }
        if (src.remaining() == before && hs == HandshakeStatus.NEED_UNWRAP) {
          // a TLS 1.2 renegotiation: the reader must see the peer's answer before data flows
          if (++stalled > 10_000) {
            throw new SSLException("a renegotiation with " + steps.peerLabel + " did not finish");
          }
          writeLock.unlock();
          try {
            Thread.sleep(1);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing");
          } finally {
            writeLock.lock();
          }
        }
      }
    } catch (SSLException e) {
      throw Explain.failure(e, steps, null);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Wraps up to {@link #BATCH} records of {@code src} (or one handshake message) and sends them.
   */
  private HandshakeStatus wrapAndSend(ByteBuffer src) throws IOException {
    int records = Math.max(1, Math.min(BATCH, src.remaining() / fragmentSize + 1));
    if (netOut == null || netOut.capacity() < records * packetSize) {
      netOut = ByteBuffer.allocate(records * packetSize);
    }
    netOut.clear();
    HandshakeStatus hs;
    do {
      SSLEngineResult r = engine.wrap(src, netOut);
      hs = r.getHandshakeStatus();
      if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
        if (netOut.position() == 0) {
          outputDone = true;
          throw new java.nio.channels.ClosedChannelException();
        }
        break;
      }
      if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW || r.bytesProduced() == 0) {
        break;
      }
    } while (src.hasRemaining()
        && netOut.remaining() >= packetSize
        && hs != HandshakeStatus.NEED_TASK);
    netOut.flip();
    while (netOut.hasRemaining()) {
      channel.write(netOut);
    }
    return hs;
  }

  @Override
  public void shutdownOutput() throws IOException {
    writeLock.lock();
    try {
      if (outputDone) {
        return;
      }
      sendCloseNotify();
      channel.shutdownOutput();
    } finally {
      writeLock.unlock();
    }
  }

  private void sendCloseNotify() throws IOException {
    outputDone = true;
    if (engine.isOutboundDone()) {
      return; // TLS 1.2 answered the peer's close_notify already
    }
    engine.closeOutbound();
    while (!engine.isOutboundDone()) {
      if (netOut == null || netOut.capacity() < packetSize) {
        netOut = ByteBuffer.allocate(packetSize);
      }
      netOut.clear();
      SSLEngineResult r = engine.wrap(EMPTY, netOut);
      netOut.flip();
      while (netOut.hasRemaining()) {
        channel.write(netOut);
      }
      if (r.bytesProduced() == 0) {
        break;
      }
    }
    steps.publish("send close_notify: we end our side of the TLS session");
  }

  @Override
  public void close() {
    if (outputDone || !channel.isOpen() || !writeLock.tryLock()) {
      return; // said already, gone already, or a writer is stuck: the socket closes anyway
    }
    Deadline limit = Deadline.start(GOODBYE, channel);
    try {
      sendCloseNotify();
    } catch (IOException | RuntimeException e) {
      // the peer may have gone; the socket closes anyway
    } finally {
      limit.close();
      writeLock.unlock();
    }
  }

  private static ByteBuffer grown(ByteBuffer fill, int capacity) {
    ByteBuffer bigger = ByteBuffer.allocate(capacity);
    fill.flip();
    bigger.put(fill);
    return bigger;
  }
}
