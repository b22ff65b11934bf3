package dev.sockit.core.tls;

import java.security.cert.CertificateException;

/**
 * A certificate rejected by sockit's own trust manager, explained. JSSE wraps it in its handshake
 * exception; the handshake finds it in the causes and turns it into a {@link TlsException}.
 */
final class Rejection extends CertificateException {
  private static final long serialVersionUID = 1L;

  final TlsException.Reason reason;
  final String facts;
  final String hint;

  Rejection(TlsException.Reason reason, String facts, String hint, Throwable cause) {
    super(facts, cause);
    this.reason = reason;
    this.facts = facts;
    this.hint = hint;
  }

  TlsException toException() {
    return new TlsException(reason, facts, hint, this);
  }
}
