package dev.sockit.core.tls;

import dev.sockit.core.address.IpAddress;
import dev.sockit.core.x509.CertificateInfo;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Why a certificate chain was rejected, in one sentence that names the names: which certificate
 * expired and when, which issuer is not trusted, which names the certificate has and which one was
 * wanted. The JDK's verdict decides; this only explains it, checking dates, issuer and names itself
 * so that it can say all that applies.
 */
final class Explain {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Explain() {}

  /**
   * Explains a rejected chain.
   *
   * @param chain the peer's chain, its own first
   * @param whose whose certificate, e.g. {@code the certificate of example.org:443}
   * @param expectedName the name it should carry, or {@code null} when names are not checked
   * @param trust the policy it was checked under
   * @param trustText what it was checked against, in words
   * @param anchors subjects (RFC 2253) of the trusted authorities
   * @param cause the JDK's verdict
   * @return the explanation
   */
  static Rejection chain(
      X509Certificate[] chain,
      String whose,
      String expectedName,
      TrustPolicy trust,
      String trustText,
      Set<String> anchors,
      CertificateException cause) {
    X509Certificate leaf = chain[0];
    CertificateInfo info = CertificateInfo.of(leaf);
    String subject = whose + " (" + info.subject() + ")";
    List<String> facts = new ArrayList<>();
    TlsException.Reason reason = null;
    String hint = "";
    Instant now = Instant.now();
    for (int i = 0; i < chain.length; i++) {
      CertificateInfo c = i == 0 ? info : CertificateInfo.of(chain[i]);
      String who =
          i == 0 ? subject : subject + " was issued by " + c.subject() + ", whose certificate";
      if (now.isAfter(c.notAfter())) {
        facts.add(
            who
                + " expired on "
                + DATE.format(c.notAfter())
                + " (valid from "
                + DATE.format(c.notBefore())
                + ")");
        reason = reason == null ? TlsException.Reason.EXPIRED : reason;
        hint =
            hint.isEmpty()
                ? "it must be renewed (or this computer's clock is wrong: it says "
                    + DATE.format(now)
                    + ")"
                : hint;
        break;
      }
      if (now.isBefore(c.notBefore())) {
        facts.add(who + " is not valid until " + DATE.format(c.notBefore()));
        reason = reason == null ? TlsException.Reason.NOT_YET_VALID : reason;
        hint =
            hint.isEmpty()
                ? "check this computer's clock (it says " + DATE.format(now) + ")"
                : hint;
        break;
      }
    }
    if (!(trust instanceof TrustPolicy.Pinned) && !trusted(chain, anchors)) {
      X509Certificate top = chain[chain.length - 1];
      String pin = Pin.of(leaf);
      if (chain.length == 1 && top.getSubjectX500Principal().equals(top.getIssuerX500Principal())) {
        facts.add(
            (facts.isEmpty() ? subject : "it")
                + " is self-signed and not among those trusted ("
                + trustText
                + ")");
      } else {
        facts.add(
            (facts.isEmpty() ? subject : "it")
                + " was issued by '"
                + top.getIssuerX500Principal()
                    .getName(javax.security.auth.x500.X500Principal.RFC2253)
                + "', which is not among those trusted ("
                + trustText
                + ")");
      }
      if (reason == null) {
        reason = TlsException.Reason.UNKNOWN_ISSUER;
        hint =
            "trust its issuer (give that certificate as the CA file) or pin this certificate: "
                + pin;
      }
    }
    if (expectedName != null && !matches(expectedName, info)) {
      facts.add(
          (facts.isEmpty() ? subject : "it")
              + " is for "
              + names(info)
              + ", not for '"
              + expectedName
              + "'");
      if (reason == null) {
        reason = TlsException.Reason.NAME_MISMATCH;
        hint =
            "connect by one of those names, or name the server the way its certificate does (SNI)";
      }
    }
    if (reason == null) {
      return new Rejection(
          TlsException.Reason.REJECTED,
          subject + " was rejected: " + cause.getMessage(),
          "",
          cause);
    }
    return new Rejection(reason, String.join("; ", facts), hint, cause);
  }

  /** The names a certificate is valid for, as views write them; its CN when it has no SAN. */
  static String names(CertificateInfo info) {
    if (info.subjectAltNames().isEmpty()) {
      return "CN " + info.commonName() + " only";
    }
    return String.join(", ", info.subjectAltNames());
  }

  /** Whether the chain ends at (or with a certificate issued by) one of the anchors. */
  private static boolean trusted(X509Certificate[] chain, Set<String> anchors) {
    for (X509Certificate c : chain) {
      String issuer =
          c.getIssuerX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253);
      String subject =
          c.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253);
      if (anchors.contains(issuer) || anchors.contains(subject)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code name} is one the certificate is for: an IP literal against its IP names, a host
   * name against its DNS names (a leading {@code *.} matching one label), or its CN when it has no
   * DNS name (as the JDK still does).
   */
  static boolean matches(String name, CertificateInfo info) {
    String wanted = name.toLowerCase(Locale.ROOT);
    if (wanted.endsWith(".")) {
      wanted = wanted.substring(0, wanted.length() - 1);
    }
    String ip = ipText(wanted);
    boolean anyDns = false;
    for (String san : info.subjectAltNames()) {
      if (ip != null && san.startsWith("IP:") && ip.equals(ipText(san.substring(3)))) {
        return true;
      }
      if (san.startsWith("DNS:")) {
        anyDns = true;
        if (ip == null && dnsMatches(wanted, san.substring(4).toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
    }
    return ip == null && !anyDns && dnsMatches(wanted, info.commonName().toLowerCase(Locale.ROOT));
  }

  private static boolean dnsMatches(String wanted, String pattern) {
    if (pattern.startsWith("*.")) {
      int dot = wanted.indexOf('.');
      return dot > 0 && wanted.substring(dot + 1).equals(pattern.substring(2));
    }
    return wanted.equals(pattern);
  }

  private static String ipText(String text) {
    if (!text.matches("[0-9a-f:.%]+") || text.matches("[a-f]+")) {
      return null;
    }
    try {
      return IpAddress.parse(text.startsWith("[") ? text.substring(1, text.length() - 1) : text)
          .toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Explains a failed handshake or a TLS session the peer ended: our own rejection of its
   * certificate, an alert it sent (naming what it most likely means given what happened), or what
   * JSSE said.
   *
   * @param e the failure
   * @param steps what the handshake saw
   * @param firstBytes the start of what the peer sent, printable, or {@code null}
   * @return the explanation
   */
  static TlsException failure(Exception e, Steps steps, String firstBytes) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Rejection r) {
        return r.toException();
      }
      if (t instanceof TlsException x) {
        return x;
      }
    }
    String m = String.valueOf(e.getMessage());
    String peer = steps.client ? "the server " + steps.peerLabel : "client " + steps.peerLabel;
    String alert = Alerts.received(m);
    if (alert != null) {
      return alert(e, steps, peer, alert);
    }
    if (!steps.client
        && (m.contains("Empty client certificate chain") || m.contains("certificate_required"))) {
      return new TlsException(
          TlsException.Reason.CLIENT_CERTIFICATE_REQUIRED,
          peer + " sent no certificate, but one is required",
          "",
          e);
    }
    if (m.contains("No appropriate protocol")
        || m.contains("no cipher suites in common")
        || m.contains("protocol version")
        || m.contains("not supported")) {
      return new TlsException(
          TlsException.Reason.NO_COMMON_PARAMETERS,
          peer + " and sockit have no TLS version or cipher suite in common (" + m + ")",
          "sockit speaks TLS 1.2 and 1.3",
          e);
    }
    if (m.contains("Unsupported or unrecognized SSL message") || m.contains("plaintext")) {
      return new TlsException(
          TlsException.Reason.NOT_TLS,
          peer
              + " does not speak TLS"
              + (firstBytes == null ? "" : ": it sent '" + firstBytes + "'"),
          "is this the TLS port? (a plaintext protocol may need STARTTLS first)",
          e);
    }
    return new TlsException(
        TlsException.Reason.PROTOCOL, "TLS with " + peer + " failed: " + m, "", e);
  }

  private static TlsException alert(Exception e, Steps steps, String peer, String alert) {
    String by = " (alert " + alert + ")";
    boolean sentNone = steps.client && steps.certificateRequested() && !steps.certificateSent();
    return switch (alert) {
      case "certificate_required" ->
          new TlsException(
              TlsException.Reason.CLIENT_CERTIFICATE_REQUIRED,
              peer + " requires a client certificate and none was sent" + by,
              "present a certificate and its key",
              e);
      case "bad_certificate",
          "unknown_ca",
          "certificate_unknown",
          "unsupported_certificate",
          "certificate_expired",
          "certificate_revoked",
          "access_denied",
          "handshake_failure" -> {
        if (sentNone) {
          yield new TlsException(
              TlsException.Reason.CLIENT_CERTIFICATE_REQUIRED,
              peer
                  + " asked for a client certificate, none was sent, and it ended the handshake"
                  + by,
              "present a certificate and its key",
              e);
        }
        if (steps.client && steps.certificateSent()) {
          yield new TlsException(
              TlsException.Reason.CERTIFICATE_REJECTED_BY_PEER,
              peer + " rejected our client certificate" + by,
              "it must be issued by an authority the server trusts",
              e);
        }
        if (!steps.client && !alert.equals("handshake_failure")) {
          yield new TlsException(
              TlsException.Reason.CERTIFICATE_REJECTED_BY_PEER,
              peer + " does not trust this server's certificate" + by,
              "give the client this server's certificate (or its authority's) to trust",
              e);
        }
        yield alert.equals("handshake_failure")
            ? new TlsException(
                TlsException.Reason.NO_COMMON_PARAMETERS,
                peer + " ended the handshake" + by + ": no TLS version or cipher suite in common?",
                "sockit speaks TLS 1.2 and 1.3",
                e)
            : new TlsException(
                TlsException.Reason.PROTOCOL, peer + " ended the handshake" + by, "", e);
      }
      case "protocol_version", "insufficient_security" ->
          new TlsException(
              TlsException.Reason.NO_COMMON_PARAMETERS,
              peer + " and sockit have no TLS version or cipher suite in common" + by,
              "sockit speaks TLS 1.2 and 1.3",
              e);
      case "no_application_protocol" ->
          new TlsException(
              TlsException.Reason.NO_COMMON_PARAMETERS,
              peer + " speaks none of the application protocols offered (ALPN)" + by,
              "",
              e);
      case "unrecognized_name" ->
          new TlsException(
              TlsException.Reason.PROTOCOL,
              peer + " does not serve the name asked for (SNI)" + by,
              "",
              e);
      default ->
          new TlsException(
              TlsException.Reason.PROTOCOL, peer + " ended the TLS session" + by, "", e);
    };
  }

  /** The date as messages write it. */
  static String date(Instant instant) {
    return DATE.format(instant);
  }
}
