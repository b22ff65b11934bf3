package dev.sockit.cli.netcat;

import dev.sockit.cli.text.Decimals;
import dev.sockit.cli.text.TlsText;
import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.codec.HexDump;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.event.TrafficListener;
import dev.sockit.core.net.Transport;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CLI's view of traffic events: {@code -v} connection messages, {@code --trace} socket calls
 * and {@code -x} hex dumps, all on stderr, one event at a time so lines never interleave.
 */
final class EventPrinter implements TrafficListener {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
  private final PrintStream err;
  private final OutputOptions options;
  private final Map<Long, long[]> offsets = new ConcurrentHashMap<>();
  private final Set<Long> secured = ConcurrentHashMap.newKeySet();

  EventPrinter(PrintStream err, OutputOptions options) {
    this.err = err;
    this.options = options;
  }

  @Override
  public boolean wantsPayload() {
    return options.hex;
  }

  @Override
  public void onEvent(TrafficEvent event) {
    if (event instanceof TrafficEvent.TlsEstablished e) {
      secured.add(e.connection()); // from here on its bytes are decrypted plaintext
    }
    String line = options.trace ? trace(event, secured) : options.verbose ? verbose(event) : null;
    String dump = options.hex ? hex(event) : null;
    if (line == null && dump == null) {
      return;
    }
    synchronized (err) {
      if (line != null) {
        err.println(line);
      }
      if (dump != null) {
        err.print(dump);
      }
      err.flush();
    }
  }

  private String hex(TrafficEvent event) {
    return switch (event) {
      case TrafficEvent.Received r ->
          decrypted('<', r.connection(), r.bytes(), "from")
              + dump('<', r.connection(), 1, r.data());
      case TrafficEvent.Sent s ->
          decrypted('>', s.connection(), s.bytes(), "for") + dump('>', s.connection(), 0, s.data());
      default -> null;
    };
  }

  /** Above a TLS connection's dump (when --trace does not say it): the bytes are plaintext. */
  private String decrypted(char marker, long connection, int bytes, String way) {
    if (options.trace || !secured.contains(connection)) {
      return "";
    }
    return marker
        + " "
        + bytes
        + (marker == '<'
            ? " bytes decrypted " + way + " TLS"
            : " bytes of plaintext " + way + " TLS")
        + System.lineSeparator();
  }

  private String dump(char marker, long connection, int direction, byte[] data) {
    long[] off = offsets.computeIfAbsent(connection, k -> new long[2]);
    long start;
    synchronized (off) {
      start = off[direction];
      off[direction] += data.length;
    }
    return HexDump.format(marker, start, data, data.length);
  }

  private static String verbose(TrafficEvent event) {
    return switch (event) {
      case TrafficEvent.Connected c ->
          "connected to "
              + fmt(c.peer())
              + " from "
              + fmt(c.local())
              + " in "
              + ms(c.handshake().toNanos());
      case TrafficEvent.Accepted a ->
          "connection from " + fmt(a.peer()) + " (#" + a.connection() + ")";
      case TrafficEvent.Rejected r -> "rejected " + fmt(r.peer()) + ": " + r.reason();
      case TrafficEvent.Closed c when c.connection() != 0 || c.peer() != null ->
          "closed "
              + (c.peer() == null ? fmt(c.local()) : fmt(c.peer()))
              + " (received "
              + c.bytesReceived()
              + " bytes, sent "
              + c.bytesSent()
              + ")";
      case TrafficEvent.Failed f -> "failed: " + f.message();
      case TrafficEvent.Opened o -> null;
      case TrafficEvent.Bound b -> null;
      case TrafficEvent.Listening l -> null;
      case TrafficEvent.Connecting c -> "connecting to " + fmt(c.peer()) + "...";
      case TrafficEvent.Received r -> null;
      case TrafficEvent.Sent s -> null;
      case TrafficEvent.HalfClosed h -> null;
      case TrafficEvent.Closed c -> null;
      case TrafficEvent.TlsStep st -> null;
      case TrafficEvent.TlsEstablished e -> TlsText.established(e);
    };
  }

  private static String trace(TrafficEvent event, Set<Long> secured) {
    String t = LocalTime.ofInstant(event.time(), ZoneId.systemDefault()).format(CLOCK);
    String c = event.connection() == 0 ? "" : " #" + event.connection();
    String call =
        switch (event) {
          case TrafficEvent.Opened o ->
              "socket(" + o.family() + ", " + sockType(o.transport()) + ")";
          case TrafficEvent.Bound b -> "bind(" + fmt(b.local()) + ") = ok";
          case TrafficEvent.Listening l ->
              "listen(backlog="
                  + l.backlog()
                  + ") on "
                  + fmt(l.local())
                  + " ("
                  + l.transport().label()
                  + ")";
          case TrafficEvent.Connecting k -> "connect(" + fmt(k.peer()) + ") ...";
          case TrafficEvent.Connected k ->
              "connect("
                  + fmt(k.peer())
                  + ") = ok, local "
                  + fmt(k.local())
                  + ", handshake "
                  + ms(k.handshake().toNanos());
          case TrafficEvent.Accepted a ->
              "accept() = new socket, peer " + fmt(a.peer()) + ", local " + fmt(a.local());
          case TrafficEvent.Rejected r ->
              "accept() = peer " + fmt(r.peer()) + ", closed at once: " + r.reason();
          case TrafficEvent.Received r ->
              (r.connection() == 0 ? "recvfrom(" + fmt(r.peer()) + ")" : "recv()")
                  + " = "
                  + r.bytes()
                  + " bytes"
                  + (secured.contains(r.connection()) ? " (decrypted from TLS)" : "");
          case TrafficEvent.Sent s ->
              (s.connection() == 0 ? "sendto(" + fmt(s.peer()) + ")" : "send()")
                  + " = "
                  + s.bytes()
                  + " bytes"
                  + (secured.contains(s.connection()) ? " (plaintext, encrypted by TLS)" : "");
          case TrafficEvent.HalfClosed h ->
              h.half() == TrafficEvent.Half.OUTPUT
                  ? "shutdown(SHUT_WR): FIN sent to " + fmt(h.peer())
                  : "recv() = 0: FIN from " + fmt(h.peer()) + " (end of stream)";
          case TrafficEvent.Closed k ->
              "close()"
                  + (k.peer() == null
                      ? " " + fmt(k.local())
                      : " " + fmt(k.local()) + " <-> " + fmt(k.peer()))
                  + (k.connection() == 0
                          && k.peer() == null
                          && k.bytesReceived() == 0
                          && k.bytesSent() == 0
                      ? ""
                      : ": received " + k.bytesReceived() + ", sent " + k.bytesSent() + " bytes");
          case TrafficEvent.Failed f -> "error: " + f.message();
          case TrafficEvent.TlsStep st -> "tls: " + st.step();
          case TrafficEvent.TlsEstablished e ->
              "tls: " + TlsText.established(e).replace("\n", "\n" + t + c + " tls: ");
        };
    return t + c + " " + call;
  }

  private static String sockType(Transport t) {
    return t == Transport.UDP ? "SOCK_DGRAM" : "SOCK_STREAM";
  }

  private static String fmt(java.net.SocketAddress a) {
    return SocketAddresses.format(a);
  }

  private static String ms(long nanos) {
    return Decimals.millis(nanos, 3) + " ms";
  }
}
