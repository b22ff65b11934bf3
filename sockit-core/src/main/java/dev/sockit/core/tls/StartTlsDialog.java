package dev.sockit.core.tls;

import dev.sockit.core.event.TrafficEvent;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The plaintext preamble of a STARTTLS protocol, spoken as {@code openssl s_client -starttls} does:
 * read the greeting, ask to start TLS, check the answer. Every byte either way is published as a
 * {@link TrafficEvent.Sent}/{@link TrafficEvent.Received} (plaintext, before the handshake), every
 * reply as a step. Lines and replies are bounded; the caller's deadline bounds the time.
 */
final class StartTlsDialog {
  private static final int MAX_LINE = 4096;
  private static final int MAX_LINES = 100;

  private final SocketChannel channel;
  private final Steps steps;
  private final String label;
  private final ByteBuffer in = ByteBuffer.allocate(MAX_LINE * 2);

  private StartTlsDialog(SocketChannel channel, Steps steps, StartTls protocol) {
    this.channel = channel;
    this.steps = steps;
    this.label = "starttls " + protocol.label();
  }

  /**
   * Talks the preamble of {@code protocol}; returns when the server is ready for the handshake.
   *
   * @param host the server's name, for XMPP's {@code to}
   * @throws TlsException if the server refuses or answers something else
   * @throws IOException if the connection fails
   */
  static void run(StartTls protocol, SocketChannel channel, String host, Steps steps)
      throws IOException {
    StartTlsDialog d = new StartTlsDialog(channel, steps, protocol);
    switch (protocol) {
      case SMTP -> d.smtp();
      case IMAP -> d.imap();
      case POP3 -> d.pop3();
      case FTP -> d.ftp();
      case XMPP -> d.xmpp(host == null ? "localhost" : host);
      case POSTGRES -> d.postgres();
    }
    if (d.in.position() > 0) {
      throw d.refused("the server sent more after agreeing to start TLS", d.pending());
    }
  }

  private void smtp() throws IOException {
    expect(reply(), "220", "greeting");
    send("EHLO " + ourName() + "\r\n");
    List<String> ehlo = reply();
    expect(ehlo, "250", "EHLO");
    boolean offered = ehlo.stream().anyMatch(l -> l.toUpperCase(Locale.ROOT).contains("STARTTLS"));
    if (!offered) {
      steps.publish(label + ": the server does not list STARTTLS; trying anyway");
    }
    send("STARTTLS\r\n");
    expect(reply(), "220", "STARTTLS");
  }

  private void ftp() throws IOException {
    expect(reply(), "220", "greeting");
    send("AUTH TLS\r\n");
    expect(reply(), "234", "AUTH TLS");
  }

  private void pop3() throws IOException {
    String greeting = line();
    if (!greeting.startsWith("+OK")) {
      throw refused("the server's greeting is not +OK", greeting);
    }
    send("STLS\r\n");
    String answer = line();
    if (!answer.startsWith("+OK")) {
      throw refused("the server refused STLS", answer);
    }
    steps.publish(label + ": " + answer);
  }

  private void imap() throws IOException {
    String greeting = line();
    if (!greeting.startsWith("* OK") && !greeting.startsWith("* PREAUTH")) {
      throw refused("the server's greeting is not * OK", greeting);
    }
    send("s1 STARTTLS\r\n");
    for (int i = 0; i < MAX_LINES; i++) {
      String l = line();
      if (l.startsWith("s1 ")) {
        if (!l.toUpperCase(Locale.ROOT).startsWith("S1 OK")) {
          throw refused("the server refused STARTTLS", l);
        }
        steps.publish(label + ": " + l);
        return;
      }
    }
    throw refused("the server never answered STARTTLS", "");
  }

  private void xmpp(String host) throws IOException {
    send(
        "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams' to='"
            + host.replace("'", "")
            + "' version='1.0'>");
    String features = until("</stream:features>");
    if (!features.contains("starttls")) {
      steps.publish(label + ": the server does not offer starttls; trying anyway");
    }
    send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    String answer = until(">");
    if (!answer.contains("<proceed")) {
      throw refused("the server did not proceed with TLS", answer);
    }
    steps.publish(label + ": " + answer.strip());
  }

  private void postgres() throws IOException {
    ByteBuffer request = ByteBuffer.allocate(8).putInt(8).putInt(80877103).flip();
    send(request);
    int answer = read1();
    if (answer == 'S') {
      steps.publish(label + ": the server answers S (ready for TLS)");
      return;
    }
    throw refused(
        answer == 'N' ? "the server does not do TLS (it answered N)" : "not a PostgreSQL answer",
        answer < 0 ? "" : String.valueOf((char) answer));
  }

  /** A multi-line reply of SMTP or FTP: {@code 250-...} lines, then {@code 250 ...}. */
  private List<String> reply() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < MAX_LINES; i++) {
      String l = line();
      lines.add(l);
      if (l.length() < 4 || l.charAt(3) != '-') {
        steps.publish(label + ": " + l);
        return lines;
      }
    }
    throw refused("the server's reply has more than " + MAX_LINES + " lines", lines.get(0));
  }

  private void expect(List<String> reply, String code, String what) throws TlsException {
    String last = reply.get(reply.size() - 1);
    if (!last.startsWith(code)) {
      throw refused("the server answered " + what + " with something other than " + code, last);
    }
  }

  private TlsException refused(String what, String line) {
    return new TlsException(
        TlsException.Reason.STARTTLS_REFUSED,
        label
            + " with "
            + steps.peerLabel
            + ": "
            + what
            + (line.isEmpty() ? "" : ": '" + line + "'"),
        "",
        null);
  }

  /** One line, without its CR LF; bounded. */
  private String line() throws IOException {
    while (true) {
      for (int i = 0; i < in.position(); i++) {
        if (in.get(i) == '\n') {
          byte[] b = new byte[i + 1];
          in.flip();
          in.get(b);
          in.compact();
          String text = new String(b, StandardCharsets.UTF_8);
          return text.endsWith("\r\n")
              ? text.substring(0, text.length() - 2)
              : text.substring(0, text.length() - 1);
        }
      }
      if (in.position() >= MAX_LINE) {
        throw refused("a line longer than " + MAX_LINE + " bytes", pending());
      }
      fill();
    }
  }

  /** Everything up to and including {@code end}; bounded. */
  private String until(String end) throws IOException {
    while (true) {
      String text = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
      int at = text.indexOf(end);
      if (at >= 0) {
        int consumed = at + end.length();
        in.flip();
        in.position(consumed);
        in.compact();
        return text.substring(0, at + end.length());
      }
      if (in.position() >= MAX_LINE) {
        throw refused("no " + end + " in the first " + MAX_LINE + " bytes", pending());
      }
      fill();
    }
  }

  private int read1() throws IOException {
    while (in.position() == 0) {
      fill();
    }
    int b = in.get(0) & 0xff;
    in.flip();
    in.position(1);
    in.compact();
    return b;
  }

  private void fill() throws IOException {
    int start = in.position();
    int n = channel.read(in);
    if (n < 0) {
      throw new TlsException(
          TlsException.Reason.STARTTLS_REFUSED,
          label
              + " with "
              + steps.peerLabel
              + ": the server closed the connection"
              + (start > 0 ? " after '" + pending() + "'" : ""),
          "is this the right port for " + label.substring(9).toUpperCase(Locale.ROOT) + "?",
          null);
    }
    if (n > 0 && steps.bus.isActive()) {
      byte[] copy = steps.bus.wantsPayload() ? new byte[n] : null;
      if (copy != null) {
        in.get(start, copy);
      }
      steps.bus.publish(
          new TrafficEvent.Received(Instant.now(), steps.id, steps.local, steps.peer, n, copy));
    }
  }

  private void send(String text) throws IOException {
    send(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  private void send(ByteBuffer data) throws IOException {
    byte[] copy = steps.bus.wantsPayload() ? new byte[data.remaining()] : null;
    if (copy != null) {
      data.get(data.position(), copy);
    }
    int n = data.remaining();
    while (data.hasRemaining()) {
      channel.write(data);
    }
    if (steps.bus.isActive()) {
      steps.bus.publish(
          new TrafficEvent.Sent(Instant.now(), steps.id, steps.local, steps.peer, n, copy));
    }
  }

  private String pending() {
    String s = new String(in.array(), 0, Math.min(in.position(), 80), StandardCharsets.UTF_8);
    return s.replace("\r", "").replace("\n", " ").strip();
  }

  /** SMTP's EHLO names the client: an address literal of our end, as RFC 5321 allows. */
  private String ourName() throws IOException {
    if (channel.getLocalAddress() instanceof InetSocketAddress a && a.getAddress() != null) {
      String ip = dev.sockit.core.address.SocketAddresses.formatIp(a.getAddress());
      int zone = ip.indexOf('%');
      ip = zone < 0 ? ip : ip.substring(0, zone);
      return a.getAddress() instanceof Inet6Address ? "[IPv6:" + ip + "]" : "[" + ip + "]";
    }
    return "localhost";
  }
}
