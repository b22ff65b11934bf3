package dev.sockit.web;

import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.event.TrafficListener;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One tab of the assistant: a TCP client, a TCP server or a UDP endpoint, with its log, counters
 * and auto-reply rules. The log is fed from the endpoint's {@link TrafficBus}, the same events
 * every other sockit view consumes.
 *
 * <p>States: {@code connecting} (TCP client only) → {@code open} → {@code closed}. {@link #close()}
 * is idempotent and stops the endpoint and any periodic send.
 */
abstract sealed class Session implements AutoCloseable
    permits StreamClientSession, StreamServerSession, UdpSession {
  /** Entries kept per session on the server. */
  static final int LOG_CAPACITY = 5000;

  final String id;
  final LogRing log = new LogRing(LOG_CAPACITY);
  final AtomicLong rxBytes = new AtomicLong();
  final AtomicLong txBytes = new AtomicLong();
  final AtomicLong rxMessages = new AtomicLong();
  final AtomicLong txMessages = new AtomicLong();
  final TrafficBus bus = new TrafficBus();
  private final TrafficBus.Subscription subscription;
  private volatile long openedMillis;
  private volatile String state = "connecting";
  // A client's "connected to" entry, held until the session is open: the event comes before the
  // session has its connection, and whoever reads the log may send as soon as it sees the entry.
  private final Object stateLock = new Object();
  private Runnable heldConnected;
  private volatile List<AutoReply> rules = List.of();
  private volatile Charset encoding = StandardCharsets.UTF_8;
  private volatile AutoSender autoSender;
  private final Object captureLock = new Object();
  private java.nio.channels.FileChannel capture;
  private java.nio.file.Path capturePath;
  private long captured;

  Session(String id) {
    this.id = id;
    this.subscription = bus.subscribe(TrafficListener.withPayload(this::record));
  }

  /**
   * {@code tcp-client}, {@code tcp-server}, {@code udp}, {@code unix-client} or {@code
   * unix-server}.
   */
  abstract String kind();

  /** A short description for the tab: the local and remote addresses. */
  abstract String title();

  /**
   * Sends {@code data} to {@code target}: {@code all}, a connection id, {@code last} (UDP: the last
   * sender), or for UDP a {@code host:port}.
   *
   * @throws IOException if the socket fails
   * @throws IllegalArgumentException if the target does not exist
   * @throws IllegalStateException if the session is not open
   */
  abstract void send(String target, byte[] data) throws IOException;

  /** Connected peers (TCP server: its clients), each {@code {id, addr}}. */
  List<Map<String, Object>> peers() {
    return List.of();
  }

  /**
   * Closes one peer's connection (TCP server).
   *
   * @throws IOException if closing fails
   */
  void disconnect(String peer) throws IOException {
    throw new IllegalArgumentException("only a TCP server session has clients to disconnect");
  }

  String state() {
    return state;
  }

  private String lastMeta = "";
  private long metaVersion;

  /**
   * The version of this session's metadata, given it as JSON now: the same number while the JSON
   * stays the same, so pages are sent metadata only when it changed.
   */
  synchronized long metaVersion(String json) {
    if (!json.equals(lastMeta)) {
      lastMeta = json;
      metaVersion++;
    }
    return metaVersion;
  }

  long openedMillis() {
    return openedMillis;
  }

  void opened() {
    openedMillis = System.currentTimeMillis();
    become("open");
  }

  void markClosed() {
    become("closed");
  }

  private void become(String next) {
    synchronized (stateLock) {
      if ("closed".equals(state)) {
        return; // closed is final: a connect that completes after a close does not reopen the
        // session
      }
      state = next;
    }
    logHeld();
  }

  /** Logs a held "connected to" entry now, if there is one. */
  private void logHeld() {
    Runnable held;
    synchronized (stateLock) {
      held = heldConnected;
      heldConnected = null;
    }
    if (held != null) {
      held.run();
    }
  }

  /** Logs {@code entry} now, or, for a client still connecting, once it is open (or closed). */
  private void connectedEntry(Runnable entry) {
    synchronized (stateLock) {
      if ("connecting".equals(state) && kind().endsWith("-client")) {
        heldConnected = entry;
        return;
      }
    }
    entry.run();
  }

  /** Told of each datagram or chunk received, before it is logged (UDP: the last sender). */
  void received(TrafficEvent.Received r) {}

  /** Replaces the auto-reply rules and the encoding they decode received bytes with. */
  void rules(List<AutoReply> value, Charset charset) {
    rules = List.copyOf(value);
    encoding = charset;
  }

  List<AutoReply> rules() {
    return rules;
  }

  /** The reply for received {@code data}, or {@code null} when no rule matches. */
  byte[] replyFor(byte[] data) {
    return AutoReply.firstReply(rules, data, encoding);
  }

  /**
   * Starts sending {@code data} to {@code target} every {@code intervalMillis}; replaces any
   * previous one.
   */
  void autoSend(long intervalMillis, String target, byte[] data) {
    stopAutoSend();
    autoSender = AutoSender.start(this, intervalMillis, target, data);
  }

  void stopAutoSend() {
    AutoSender a = autoSender;
    autoSender = null;
    if (a != null) {
      a.stop();
    }
  }

  boolean autoSending() {
    AutoSender a = autoSender;
    return a != null && a.running();
  }

  /**
   * Starts writing every received byte, in arrival order, to a new file {@code path} (receive to
   * file); replaces any capture already running.
   *
   * @throws IOException if the file cannot be created (it must not exist yet)
   */
  void startCapture(java.nio.file.Path path) throws IOException {
    java.nio.channels.FileChannel ch =
        java.nio.channels.FileChannel.open(
            path,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE);
    stopCapture();
    synchronized (captureLock) {
      capture = ch;
      capturePath = path;
      captured = 0;
    }
    note("", "saving received data to " + path);
  }

  /**
   * Stops the capture; returns {@code [path, bytes]} of the file written, or {@code null} when none
   * ran.
   */
  Object[] stopCapture() {
    synchronized (captureLock) {
      if (capture == null) {
        return null;
      }
      Object[] done = {capturePath, captured};
      try {
        capture.close();
      } catch (IOException e) {
        note("", "closing " + capturePath + " failed: " + e.getMessage());
      }
      capture = null;
      capturePath = null;
      return done;
    }
  }

  /**
   * The file received data is being saved to, and how many bytes so far; {@code null} when none.
   */
  Object[] capturing() {
    synchronized (captureLock) {
      return capture == null ? null : new Object[] {capturePath.toString(), captured};
    }
  }

  private void captureReceived(byte[] data) {
    synchronized (captureLock) {
      if (capture == null) {
        return;
      }
      try {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
          capture.write(b);
        }
        captured += data.length;
      } catch (IOException e) {
        java.nio.file.Path failed = capturePath;
        try {
          capture.close();
        } catch (IOException ignored) {
          // already failing: the first error is the one to show
        }
        capture = null;
        capturePath = null;
        note("", "saving received data to " + failed + " stopped: " + e.getMessage());
      }
    }
  }

  /** Adds a line to the log that is not traffic (a connection event, an error). */
  void note(String peer, String text) {
    log.add(System.currentTimeMillis(), "ev", peer, 0, new byte[0], text);
  }

  private void record(TrafficEvent event) {
    long t = event.time().toEpochMilli();
    switch (event) {
      case TrafficEvent.Received r -> {
        rxBytes.addAndGet(r.bytes());
        rxMessages.incrementAndGet();
        byte[] data = r.data();
        received(r);
        captureReceived(data);
        log.add(t, "rx", addr(r.peer()), r.bytes(), data, "");
      }
      case TrafficEvent.Sent s -> {
        txBytes.addAndGet(s.bytes());
        txMessages.incrementAndGet();
        log.add(t, "tx", addr(s.peer()), s.bytes(), s.data(), "");
      }
      case TrafficEvent.Opened o -> {}
      case TrafficEvent.Bound b -> log.add(t, "ev", "", 0, new byte[0], "bound " + addr(b.local()));
      case TrafficEvent.Listening l ->
          log.add(t, "ev", "", 0, new byte[0], "listening on " + addr(l.local()));
      case TrafficEvent.Connecting c ->
          log.add(t, "ev", addr(c.peer()), 0, new byte[0], "connecting to " + addr(c.peer()));
      case TrafficEvent.Connected c ->
          connectedEntry(
              () ->
                  log.add(
                      t,
                      "ev",
                      addr(c.peer()),
                      0,
                      new byte[0],
                      "connected to "
                          + addr(c.peer())
                          + " from "
                          + addr(c.local())
                          + " in "
                          + c.handshake().toMillis()
                          + " ms"));
      case TrafficEvent.Accepted a ->
          log.add(
              t,
              "ev",
              addr(a.peer()),
              0,
              new byte[0],
              "client #" + a.connection() + " " + addr(a.peer()) + " connected");
      case TrafficEvent.Rejected r ->
          log.add(
              t,
              "ev",
              addr(r.peer()),
              0,
              new byte[0],
              "client " + addr(r.peer()) + " rejected: " + r.reason());
      case TrafficEvent.HalfClosed h ->
          log.add(
              t,
              "ev",
              addr(h.peer()),
              0,
              new byte[0],
              h.half() == TrafficEvent.Half.INPUT
                  ? addr(h.peer()) + " closed its side (FIN received)"
                  : "FIN sent to " + addr(h.peer()));
      case TrafficEvent.Closed c ->
          log.add(
              t,
              "ev",
              addr(c.peer()),
              0,
              new byte[0],
              c.peer() == null
                  ? "closed " + addr(c.local())
                  : (c.connection() > 0 && kind().endsWith("-server")
                          ? "client #" + c.connection() + " "
                          : "")
                      + addr(c.peer())
                      + " disconnected (received "
                      + c.bytesReceived()
                      + ", sent "
                      + c.bytesSent()
                      + " bytes)");
      case TrafficEvent.Failed f ->
          log.add(t, "ev", addr(f.peer()), 0, new byte[0], "failed: " + f.message());
      case TrafficEvent.TlsStep s -> {} // the UI's sessions are plaintext until TLS kinds come
      case TrafficEvent.TlsEstablished e ->
          log.add(
              t,
              "ev",
              addr(e.peer()),
              0,
              new byte[0],
              "TLS " + e.protocol() + " " + e.cipherSuite() + ", " + e.trust());
    }
  }

  static String addr(SocketAddress a) {
    return a == null ? "" : SocketAddresses.format(a);
  }

  /** Closes the endpoint; idempotent. */
  @Override
  public void close() throws IOException {
    stopAutoSend();
    stopCapture();
    logHeld(); // a client's "connected to" not yet logged comes before the entries of its close
    try {
      closeEndpoint();
    } finally {
      markClosed();
      subscription.close();
    }
  }

  abstract void closeEndpoint() throws IOException;
}
