package dev.sockit.cli.text;

import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.x509.CertificateInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TLS session and a certificate chain as the views show them: {@code -v} and {@code --trace} of
 * the netcat commands, {@code probe}'s timeline, and their JSON.
 *
 * <pre>
 * TLS with 127.0.0.1:4433: TLSv1.3, TLS_AES_256_GCM_SHA384, ALPN h2, SNI localhost, new session, 4.210 ms
 * verified against ca.pem; name localhost
 * certificate 1 of 2: CN=localhost,O=sockit
 *   names    DNS:localhost, IP:127.0.0.1
 *   issuer   CN=test CA
 *   valid    2026-01-01 00:00:00 UTC to 2026-04-01 00:00:00 UTC (89 days left)
 *   key      EC P-256
 *   SHA-256  AB:CD:...
 * </pre>
 */
public final class TlsText {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private TlsText() {}

  /** The lines for an established session (joined by {@code \n}, no trailing newline). */
  public static String established(TrafficEvent.TlsEstablished e) {
    StringBuilder s = new StringBuilder();
    s.append("TLS with ")
        .append(e.client() ? "" : "client ")
        .append(SocketAddresses.format(e.peer()))
        .append(": ")
        .append(e.protocol())
        .append(", ")
        .append(e.cipherSuite())
        .append(", ALPN ")
        .append(e.alpn().isEmpty() ? "none" : e.alpn())
        .append(", SNI ")
        .append(e.serverName().isEmpty() ? "none" : e.serverName())
        .append(e.resumed() ? ", resumed session" : ", new session")
        .append(", ")
        .append(Decimals.millis(e.handshake().toNanos(), 3))
        .append(" ms");
    if (!e.trust().isEmpty()) {
      s.append('\n').append(e.client() ? "" : "client certificate ").append(e.trust());
    }
    for (String line : chain(e.peerChain())) {
      s.append('\n').append(line);
    }
    return s.toString();
  }

  /** Lines describing each certificate of a chain, its own first. */
  public static List<String> chain(List<CertificateInfo> chain) {
    List<String> out = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < chain.size(); i++) {
      CertificateInfo c = chain.get(i);
      out.add("certificate " + (i + 1) + " of " + chain.size() + ": " + c.subject());
      if (!c.subjectAltNames().isEmpty()) {
        out.add("  names    " + String.join(", ", c.subjectAltNames()));
      }
      out.add("  issuer   " + (c.selfIssued() ? "itself (self-signed)" : c.issuer()));
      out.add(
          "  valid    "
              + DATE.format(c.notBefore())
              + " to "
              + DATE.format(c.notAfter())
              + " ("
              + left(now, c)
              + ")");
      out.add("  key      " + c.key());
      out.add("  SHA-256  " + c.sha256());
    }
    return out;
  }

  private static String left(Instant now, CertificateInfo c) {
    if (now.isAfter(c.notAfter())) {
      return "EXPIRED " + days(Duration.between(c.notAfter(), now)) + " ago";
    }
    if (now.isBefore(c.notBefore())) {
      return "NOT VALID YET, starts in " + days(Duration.between(now, c.notBefore()));
    }
    return days(Duration.between(now, c.notAfter())) + " left";
  }

  private static String days(Duration d) {
    long days = d.toDays();
    if (days >= 2) {
      return days + " days";
    }
    long hours = d.toHours();
    return hours == 1 ? "1 hour" : hours + " hours";
  }

  /** A certificate as JSON fields. */
  public static Map<String, Object> json(CertificateInfo c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("subject", c.subject());
    m.put("issuer", c.issuer());
    m.put("subjectAltNames", c.subjectAltNames());
    m.put("notBefore", c.notBefore().toString());
    m.put("notAfter", c.notAfter().toString());
    m.put("key", c.key());
    m.put("sha256", c.sha256());
    m.put("spkiSha256", c.spkiSha256());
    m.put("serial", c.serial());
    return m;
  }
}
