package dev.sockit.core.tls;

import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.x509.CertificateInfo;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The facts of a finished handshake, as the {@link TrafficEvent.TlsEstablished} event carries them.
 */
final class Established {
  private Established() {}

  static TrafficEvent.TlsEstablished event(
      SSLEngine engine, Steps steps, String sni, long startMillis, Duration took) {
    SSLSession session = engine.getSession();
    boolean resumed = session.getCreationTime() < startMillis;
    String trust = steps.trust();
    if (trust.isEmpty()) {
      trust =
          resumed
              ? "resumed session (verified when it was first made)"
              : steps.client ? "" : "no client certificate asked for";
    }
    String alpn = engine.getApplicationProtocol();
    return new TrafficEvent.TlsEstablished(
        Instant.now(),
        steps.id,
        steps.local,
        steps.peer,
        steps.client,
        session.getProtocol(),
        session.getCipherSuite(),
        alpn == null ? "" : alpn,
        steps.client ? (sni == null ? "" : sni) : requestedName(session),
        resumed,
        peerChain(session),
        trust,
        took);
  }

  private static List<CertificateInfo> peerChain(SSLSession session) {
    List<CertificateInfo> out = new ArrayList<>();
    try {
      for (Certificate c : session.getPeerCertificates()) {
        if (c instanceof X509Certificate x) {
          out.add(CertificateInfo.of(x));
        }
      }
    } catch (SSLPeerUnverifiedException e) {
      // a client that sent no certificate: the chain is empty
    }
    return out;
  }

  private static String requestedName(SSLSession session) {
    if (session instanceof ExtendedSSLSession x) {
      for (SNIServerName n : x.getRequestedServerNames()) {
        if (n instanceof SNIHostName h) {
          return h.getAsciiName();
        }
      }
    }
    return "";
  }
}
