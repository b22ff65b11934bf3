package dev.sockit.core.tls;

import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.event.TrafficEvent;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/**
 * What one handshake has seen so far, and where its steps are published: the flights each way
 * (named by {@link RecordNames}), the verdict on the peer's certificate, whether the server asked
 * for a client certificate, the ALPN the client offered. The trust and key managers, shared by
 * every connection of a context, find it through the engine ({@link Registry}).
 */
final class Steps {
  final TrafficBus bus;
  final long id;
  final SocketAddress local;
  final SocketAddress peer;
  final boolean client;

  /** The name the certificate is checked against, or {@code null} when none is. */
  final String expectedName;

  /** The peer as the user named it, for messages: {@code example.org:443}, a socket file. */
  final String peerLabel;

  private final RecordNames sent = new RecordNames();
  private final RecordNames received = new RecordNames();
  private volatile String trust = "";
  private volatile boolean certificateRequested;
  private volatile boolean certificateSent;
  private volatile boolean requestNoted;
  private volatile dev.sockit.core.x509.Identity identity;
  private volatile List<String> offeredAlpn = List.of();

  Steps(
      TrafficBus bus,
      long id,
      SocketAddress local,
      SocketAddress peer,
      boolean client,
      String expectedName,
      String peerLabel) {
    this.bus = bus;
    this.id = id;
    this.local = local;
    this.peer = peer;
    this.client = client;
    this.expectedName = expectedName;
    this.peerLabel = peerLabel;
  }

  /** Publishes one step in words (when anyone listens). */
  void publish(String step) {
    if (bus.isActive()) {
      bus.publish(new TrafficEvent.TlsStep(Instant.now(), id, local, peer, step));
    }
  }

  /** Records bytes we are about to send: {@code [from, to)} of {@code buffer}, whole records. */
  void sending(ByteBuffer buffer, int from, int to) {
    flushReceived();
    noteRequest();
    sent.add(buffer, from, to);
  }

  /** Records bytes the engine consumed: {@code [from, to)} of {@code buffer}, whole records. */
  void received(ByteBuffer buffer, int from, int to) {
    if (to > from) {
      flushSent();
      received.add(buffer, from, to);
    }
  }

  /** Publishes the flights not yet published, in the order they happened. */
  void flush() {
    flushSent();
    flushReceived();
    noteRequest();
  }

  /** Says once, after the server's request was read, whether we answer it with a certificate. */
  private void noteRequest() {
    if (certificateRequested && !requestNoted) {
      requestNoted = true;
      publish(
          "the server asks for a client certificate: "
              + (certificateSent
                  ? "sending " + identity.certificate().getSubjectX500Principal().getName()
                  : identity == null
                      ? "none to send"
                      : "ours ("
                          + identity.key().getAlgorithm()
                          + ") is of a kind it does not take"));
    }
  }

  private void flushSent() {
    if (!sent.isEmpty()) {
      publish("send " + sent.take());
    }
  }

  private void flushReceived() {
    if (!received.isEmpty()) {
      publish("recv " + received.take());
    }
  }

  /** The verdict on the peer's certificate, for the established event. */
  String trust() {
    return trust;
  }

  void trust(String verdict) {
    this.trust = verdict;
  }

  boolean certificateRequested() {
    return certificateRequested;
  }

  /** The key manager was asked for a client certificate; {@code fits}: ours can answer. */
  void certificateRequested(boolean fits, dev.sockit.core.x509.Identity ours) {
    certificateRequested = true;
    certificateSent |= fits;
    identity = ours;
  }

  boolean certificateSent() {
    return certificateSent;
  }

  List<String> offeredAlpn() {
    return offeredAlpn;
  }

  void offeredAlpn(List<String> protocols) {
    offeredAlpn = List.copyOf(protocols);
  }

  /** The handshakes under way in one context, by engine. */
  static final class Registry {
    private final java.util.Map<javax.net.ssl.SSLEngine, Steps> byEngine =
        new java.util.concurrent.ConcurrentHashMap<>();

    void put(javax.net.ssl.SSLEngine engine, Steps steps) {
      byEngine.put(engine, steps);
    }

    void remove(javax.net.ssl.SSLEngine engine) {
      byEngine.remove(engine);
    }

    /** The steps of {@code engine}'s handshake; a detached sink if it is not registered. */
    Steps get(javax.net.ssl.SSLEngine engine) {
      Steps s = engine == null ? null : byEngine.get(engine);
      return s != null ? s : new Steps(new TrafficBus(), 0, null, null, true, null, "the peer");
    }
  }
}
