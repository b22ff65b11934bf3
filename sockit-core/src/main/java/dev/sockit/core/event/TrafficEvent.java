package dev.sockit.core.event;

import dev.sockit.core.net.Transport;
import dev.sockit.core.x509.CertificateInfo;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something that happened on a socket: the closed set of facts every view (trace, hex dump,
 * statistics, the browser assistant) is built from.
 *
 * <p>Each event carries the time it happened, the id of the connection it belongs to ({@code 0} for
 * listener-level events and for datagram endpoints without a connection), and the local and peer
 * addresses where known ({@code null} where not yet known, e.g. the peer of a listener). Consume
 * events with an exhaustive {@code switch}.
 */
public sealed interface TrafficEvent {
  /** When the event happened. */
  Instant time();

  /** The connection this event belongs to, or {@code 0} for a listener or datagram endpoint. */
  long connection();

  /** The local address, or {@code null} when not known yet. */
  SocketAddress local();

  /** The peer address, or {@code null} when there is none. */
  SocketAddress peer();

  /** Which half of a stream was shut down. */
  enum Half {
    /** Our sending side: a FIN went to the peer ({@code shutdown(SHUT_WR)}). */
    OUTPUT,
    /** Our receiving side: the peer's FIN arrived, or we shut down reading. */
    INPUT
  }

  /** A socket was created ({@code socket()}). */
  record Opened(Instant time, long connection, Transport transport, String family)
      implements TrafficEvent {
    public Opened {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(transport, "transport");
      Objects.requireNonNull(family, "family");
    }

    @Override
    public SocketAddress local() {
      return null;
    }

    @Override
    public SocketAddress peer() {
      return null;
    }
  }

  /** A socket was bound to a local address ({@code bind()}); for port 0 the chosen port. */
  record Bound(Instant time, long connection, SocketAddress local) implements TrafficEvent {
    public Bound {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(local, "local");
    }

    @Override
    public SocketAddress peer() {
      return null;
    }
  }

  /** A stream socket started listening ({@code listen()}). */
  record Listening(Instant time, SocketAddress local, Transport transport, int backlog)
      implements TrafficEvent {
    public Listening {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(local, "local");
      Objects.requireNonNull(transport, "transport");
    }

    @Override
    public long connection() {
      return 0;
    }

    @Override
    public SocketAddress peer() {
      return null;
    }
  }

  /** A connect attempt to one address began ({@code connect()}). */
  record Connecting(Instant time, long connection, SocketAddress peer) implements TrafficEvent {
    public Connecting {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(peer, "peer");
    }

    @Override
    public SocketAddress local() {
      return null;
    }
  }

  /** A connect attempt succeeded; {@code handshake} is how long the attempt took. */
  record Connected(
      Instant time, long connection, SocketAddress local, SocketAddress peer, Duration handshake)
      implements TrafficEvent {
    public Connected {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(handshake, "handshake");
    }
  }

  /** A listener accepted a connection ({@code accept()}). */
  record Accepted(Instant time, long connection, SocketAddress local, SocketAddress peer)
      implements TrafficEvent {
    public Accepted {
      Objects.requireNonNull(time, "time");
    }
  }

  /** A listener accepted a connection and closed it at once; {@code reason} says why. */
  record Rejected(
      Instant time, long connection, SocketAddress local, SocketAddress peer, String reason)
      implements TrafficEvent {
    public Rejected {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Bytes arrived ({@code recv()}/{@code recvfrom()}). {@code data} holds them only when a
   * subscriber asked for payloads (see {@link TrafficListener#wantsPayload()}); otherwise it is
   * empty and {@code bytes} still gives the count.
   *
   * <p>Ownership: the event takes the array it is given without copying it (the producer copies
   * once, out of its I/O buffer, and never touches that array again); {@link #data()} hands each
   * caller its own copy and {@link #payload()} a read-only view, so no view can change what another
   * view sees.
   */
  record Received(
      Instant time,
      long connection,
      SocketAddress local,
      SocketAddress peer,
      int bytes,
      byte[] data)
      implements TrafficEvent {
    public Received {
      Objects.requireNonNull(time, "time");
      data = data == null ? new byte[0] : data;
    }

    /** A copy of the payload (empty when payloads were not asked for). */
    @Override
    public byte[] data() {
      return data.clone();
    }

    /** The payload as a read-only view, without a copy. */
    public ByteBuffer payload() {
      return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }
  }

  /**
   * Bytes were sent ({@code send()}/{@code sendto()}); {@code data} and its ownership as for {@link
   * Received}.
   */
  record Sent(
      Instant time,
      long connection,
      SocketAddress local,
      SocketAddress peer,
      int bytes,
      byte[] data)
      implements TrafficEvent {
    public Sent {
      Objects.requireNonNull(time, "time");
      data = data == null ? new byte[0] : data;
    }

    /** A copy of the payload (empty when payloads were not asked for). */
    @Override
    public byte[] data() {
      return data.clone();
    }

    /** The payload as a read-only view, without a copy. */
    public ByteBuffer payload() {
      return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }
  }

  /** One direction of a stream ended ({@code shutdown()} or the peer's FIN). */
  record HalfClosed(
      Instant time, long connection, SocketAddress local, SocketAddress peer, Half half)
      implements TrafficEvent {
    public HalfClosed {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(half, "half");
    }
  }

  /** A socket was closed ({@code close()}), with the totals it carried. */
  record Closed(
      Instant time,
      long connection,
      SocketAddress local,
      SocketAddress peer,
      long bytesReceived,
      long bytesSent)
      implements TrafficEvent {
    public Closed {
      Objects.requireNonNull(time, "time");
    }
  }

  /**
   * One step of TLS other than application data, in words: a handshake flight sent or received
   * (e.g. {@code send ClientHello (SNI example.org, ALPN h2) = 517 bytes}), the verdict on the
   * peer's certificate, a {@code close_notify} or an alert. Between a {@link Connected} (or {@link
   * Accepted}) and the {@link TlsEstablished}; the socket calls the handshake makes are these
   * steps.
   */
  record TlsStep(
      Instant time, long connection, SocketAddress local, SocketAddress peer, String step)
      implements TrafficEvent {
    public TlsStep {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(step, "step");
    }
  }

  /**
   * A TLS handshake completed: what was agreed and who the peer is. From here on the connection's
   * {@link Received} and {@link Sent} events carry decrypted plaintext.
   *
   * @param client whether we were the client
   * @param protocol e.g. {@code TLSv1.3}
   * @param cipherSuite e.g. {@code TLS_AES_256_GCM_SHA384}
   * @param alpn the application protocol agreed, or empty for none
   * @param serverName the SNI name (sent by us as client, or asked for by the client), or empty
   * @param resumed whether an earlier session was resumed (no certificate exchange)
   * @param peerChain the peer's certificates, its own first (empty for a client that sent none)
   * @param trust how the peer was checked, e.g. {@code verified against the system trust store (...
   *     ); name localhost}, or {@code NOT verified (insecure)}
   * @param handshake from the first handshake byte to the last
   */
  record TlsEstablished(
      Instant time,
      long connection,
      SocketAddress local,
      SocketAddress peer,
      boolean client,
      String protocol,
      String cipherSuite,
      String alpn,
      String serverName,
      boolean resumed,
      List<CertificateInfo> peerChain,
      String trust,
      Duration handshake)
      implements TrafficEvent {
    public TlsEstablished {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(cipherSuite, "cipherSuite");
      Objects.requireNonNull(alpn, "alpn");
      Objects.requireNonNull(serverName, "serverName");
      peerChain = List.copyOf(peerChain);
      Objects.requireNonNull(trust, "trust");
      Objects.requireNonNull(handshake, "handshake");
    }
  }

  /** An operation failed; {@code message} is one line naming what failed. */
  record Failed(
      Instant time, long connection, SocketAddress local, SocketAddress peer, String message)
      implements TrafficEvent {
    public Failed {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(message, "message");
    }
  }
}
