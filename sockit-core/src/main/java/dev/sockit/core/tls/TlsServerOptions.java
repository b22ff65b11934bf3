package dev.sockit.core.tls;

import dev.sockit.core.x509.Identity;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a TLS server presents itself and whom it lets in.
 *
 * @param identity the server's key and certificate chain (see {@code
 *     CertificateRequest.forListener(...).selfSigned()} for a temporary one)
 * @param clientAuthorities when not empty, every client must present a certificate issued by one of
 *     these (mutual TLS); when empty no client certificate is asked for
 * @param clientAuthoritiesSource where the authorities came from, for messages (e.g. a file name)
 * @param alpn application protocols the server speaks, most preferred first; the first the client
 *     also offers is chosen; empty for none
 * @param minVersion the oldest version accepted
 * @param handshakeTimeout how long a client may take to complete its handshake; a client that
 *     stalls is closed then, so a slow or silent client holds nothing for long
 */
public record TlsServerOptions(
    Identity identity,
    List<X509Certificate> clientAuthorities,
    String clientAuthoritiesSource,
    List<String> alpn,
    TlsVersion minVersion,
    Duration handshakeTimeout) {

  /** Validates and copies the fields. */
  public TlsServerOptions {
    Objects.requireNonNull(identity, "identity");
    clientAuthorities = List.copyOf(clientAuthorities);
    Objects.requireNonNull(clientAuthoritiesSource, "clientAuthoritiesSource");
    alpn = List.copyOf(alpn);
    Objects.requireNonNull(minVersion, "minVersion");
    Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
      throw new IllegalArgumentException("the handshake timeout must be positive");
    }
  }

  /**
   * A server presenting {@code identity}, asking no client certificate, no ALPN, TLS 1.2 or newer,
   * 10 s for each handshake.
   *
   * @param identity the server's key and chain
   * @return the options
   */
  public static TlsServerOptions of(Identity identity) {
    return new TlsServerOptions(
        identity, List.of(), "", List.of(), TlsVersion.TLS_1_2, Duration.ofSeconds(10));
  }

  /** Whether clients must present a certificate. */
  public boolean requiresClientCertificate() {
    return !clientAuthorities.isEmpty();
  }

  /** A copy requiring client certificates issued by {@code authorities} (from {@code source}). */
  public TlsServerOptions withClientAuthorities(List<X509Certificate> authorities, String source) {
    return new TlsServerOptions(identity, authorities, source, alpn, minVersion, handshakeTimeout);
  }

  /** A copy speaking these application protocols. */
  public TlsServerOptions withAlpn(List<String> value) {
    return new TlsServerOptions(
        identity, clientAuthorities, clientAuthoritiesSource, value, minVersion, handshakeTimeout);
  }

  /** A copy accepting {@code value} or newer. */
  public TlsServerOptions withMinVersion(TlsVersion value) {
    return new TlsServerOptions(
        identity, clientAuthorities, clientAuthoritiesSource, alpn, value, handshakeTimeout);
  }

  /** A copy with another handshake timeout. */
  public TlsServerOptions withHandshakeTimeout(Duration value) {
    return new TlsServerOptions(
        identity, clientAuthorities, clientAuthoritiesSource, alpn, minVersion, value);
  }
}
