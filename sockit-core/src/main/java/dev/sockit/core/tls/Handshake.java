package dev.sockit.core.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Runs a TLS handshake over a blocking channel: wrap and send what the engine has to say, read and
 * unwrap what the peer says, run the engine's tasks (certificate checks) on this thread, until the
 * engine is done. Every flight is named as a step; a failure becomes a {@link TlsException} that
 * says why; the whole is bounded by a {@link Deadline}.
 */
final class Handshake {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  /** A handshake message is at most a few records; the peer does not get to make us buffer more. */
  private static final int MAX_BUFFER = 1 << 18;

  private Handshake() {}

  /**
   * What the handshake leaves behind.
   *
   * @param netIn bytes read past the handshake (in fill mode): the first application records
   * @param took how long it took
   */
  record Result(ByteBuffer netIn, Duration took) {}

  static Result run(SSLEngine engine, SocketChannel channel, Steps steps, Deadline deadline)
      throws TlsException {
    long start = System.nanoTime();
    int packet = engine.getSession().getPacketBufferSize();
    ByteBuffer[] net = {ByteBuffer.allocate(packet), ByteBuffer.allocate(packet)};
    try {
      engine.beginHandshake();
      loop(engine, channel, steps, net);
    } catch (SSLException e) {
      sayGoodbye(engine, channel, net[1]);
      steps.flush();
      if (deadline.expired()) {
        throw timeout(steps, deadline, e);
      }
      throw Explain.failure(e, steps, firstBytes(net[0]));
    } catch (IOException e) {
      steps.flush();
      if (deadline.expired()) {
        throw timeout(steps, deadline, e);
      }
      throw new TlsException(
          TlsException.Reason.PEER_CLOSED,
          "the TLS handshake with " + steps.peerLabel + " failed: " + e.getMessage(),
          "",
          e);
    } catch (RuntimeException e) {
      // JSSE reports some malformed input as runtime exceptions; never let them escape raw
      steps.flush();
      throw new TlsException(
          TlsException.Reason.PROTOCOL,
          "the TLS handshake with " + steps.peerLabel + " failed: " + e,
          "",
          e);
    }
    steps.flush();
    return new Result(net[0], Duration.ofNanos(System.nanoTime() - start));
  }

  private static void loop(SSLEngine engine, SocketChannel channel, Steps steps, ByteBuffer[] net)
      throws IOException {
    ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    HandshakeStatus hs = engine.getHandshakeStatus();
    while (true) {
      switch (hs) {
        case NEED_WRAP -> {
          ByteBuffer out = net[1].clear();
          SSLEngineResult r = engine.wrap(EMPTY, out);
          if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            net[1] = grow(out, "our own handshake message");
            continue;
          }
          out.flip();
          steps.sending(out, 0, out.limit());
          while (out.hasRemaining()) {
            channel.write(out);
          }
          if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
            throw new SSLException("the handshake was closed");
          }
          hs = r.getHandshakeStatus();
        }
        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
          ByteBuffer in = net[0].flip();
          int before = in.position();
          SSLEngineResult r;
          try {
            r = engine.unwrap(in, app.clear());
            steps.received(in, before, before + r.bytesConsumed());
          } finally {
            in.compact();
          }
          hs = unwrapped(r, channel, net, app);
        }
        case NEED_TASK -> {
          Runnable task;
          while ((task = engine.getDelegatedTask()) != null) {
            task.run();
          }
          hs = engine.getHandshakeStatus();
        }
        case FINISHED, NOT_HANDSHAKING -> {
          // A TLS 1.3 server has its session tickets to send right after: send them now, so that
          // a client that reconnects can resume.
          HandshakeStatus after = engine.getHandshakeStatus();
          if (after != HandshakeStatus.NEED_WRAP) {
            return;
          }
          hs = after;
        }
      }
    }
  }

  /** After an unwrap: read more when a record is incomplete. */
  private static HandshakeStatus unwrapped(
      SSLEngineResult r, SocketChannel channel, ByteBuffer[] net, ByteBuffer app)
      throws IOException {
    switch (r.getStatus()) {
      case BUFFER_UNDERFLOW -> {
        if (!net[0].hasRemaining()) {
          net[0] = grow(net[0], "a handshake record");
        }
        if (channel.read(net[0]) < 0) {
          throw new ClosedChannelException();
        }
      }
      case BUFFER_OVERFLOW ->
          throw new SSLException("the peer sent data before the handshake ended");
      case CLOSED -> throw new SSLException("the peer closed the TLS session during the handshake");
      case OK -> {
        // the record was handled
      }
    }
    if (app.position() > 0) {
      throw new SSLException("the peer sent data before the handshake ended");
    }
    return r.getHandshakeStatus();
  }

  private static ByteBuffer grow(ByteBuffer buffer, String what) throws SSLException {
    if (buffer.capacity() >= MAX_BUFFER) {
      throw new SSLException(what + " is larger than " + MAX_BUFFER + " bytes");
    }
    ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() * 2);
    buffer.flip();
    bigger.put(buffer);
    return bigger;
  }

  /** Sends the alert JSSE queued when it failed, so the peer learns why too. */
  private static void sayGoodbye(SSLEngine engine, SocketChannel channel, ByteBuffer out) {
    try {
      engine.closeOutbound();
      out.clear();
      engine.wrap(EMPTY, out);
      out.flip();
      while (out.hasRemaining() && channel.isOpen()) {
        channel.write(out);
      }
    } catch (IOException | RuntimeException e) {
      // the peer may be gone already: the failure itself is what matters
    }
  }

  private static TlsException timeout(Steps steps, Deadline deadline, Exception cause) {
    return new TlsException(
        TlsException.Reason.TIMEOUT,
        "no TLS handshake with "
            + steps.peerLabel
            + " within "
            + deadline.limit().toMillis() / 1000.0
            + " s",
        "is it speaking TLS on this port?",
        cause);
  }

  /** The start of what the peer sent, printable, when it may not be TLS at all. */
  private static String firstBytes(ByteBuffer netIn) {
    int n = Math.min(netIn.position(), 40);
    if (n == 0) {
      return null;
    }
    byte[] b = new byte[n];
    netIn.get(0, b);
    StringBuilder s = new StringBuilder();
    for (char c : new String(b, StandardCharsets.ISO_8859_1).toCharArray()) {
      s.append(c >= 0x20 && c < 0x7f ? c : c == '\r' || c == '\n' ? ' ' : '.');
    }
    return s.toString().strip();
  }
}
