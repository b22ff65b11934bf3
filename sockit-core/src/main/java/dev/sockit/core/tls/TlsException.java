package dev.sockit.core.tls;

import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * A TLS failure explained: {@link #getMessage()} is one sentence that names the names (the host,
 * the certificate's names, its issuer, its dates) and says how to proceed; {@link #reason()} tells
 * programs which kind it was.
 */
public final class TlsException extends SSLException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Reason {
    /** A certificate in the chain is past its end date. */
    EXPIRED,
    /** A certificate in the chain is not valid yet. */
    NOT_YET_VALID,
    /** The chain does not lead to a trusted authority (self-signed, or an unknown CA). */
    UNKNOWN_ISSUER,
    /** The certificate is not for the name connected to. */
    NAME_MISMATCH,
    /** The chain was rejected for another reason (an algorithm, a key usage, a constraint). */
    REJECTED,
    /** The certificate matches no pin. */
    PIN_MISMATCH,
    /** The server requires a client certificate and none was sent. */
    CLIENT_CERTIFICATE_REQUIRED,
    /** The peer rejected our certificate. */
    CERTIFICATE_REJECTED_BY_PEER,
    /** The peer is not speaking TLS (or not at this point). */
    NOT_TLS,
    /** No version, cipher or application protocol in common. */
    NO_COMMON_PARAMETERS,
    /** The preamble or handshake took too long. */
    TIMEOUT,
    /** The peer closed the connection during the handshake. */
    PEER_CLOSED,
    /** The STARTTLS preamble failed (the server refused or answered something else). */
    STARTTLS_REFUSED,
    /** The peer sent an alert, or another protocol failure. */
    PROTOCOL
  }

  private final Reason reason;
  private final String facts;
  private final String hint;

  /**
   * Creates the exception.
   *
   * @param reason what kind of failure
   * @param facts what happened, naming the names, without advice
   * @param hint how to proceed, or empty
   * @param cause the underlying exception, or {@code null}
   */
  public TlsException(Reason reason, String facts, String hint, Throwable cause) {
    super(hint.isEmpty() ? facts : facts + "; " + hint, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.facts = Objects.requireNonNull(facts, "facts");
    this.hint = hint;
  }

  /** What kind of failure. */
  public Reason reason() {
    return reason;
  }

  /** What happened, without the advice (a view may give advice in its own words). */
  public String facts() {
    return facts;
  }

  /** How to proceed, in the library's words, or empty. */
  public String hint() {
    return hint;
  }
}
