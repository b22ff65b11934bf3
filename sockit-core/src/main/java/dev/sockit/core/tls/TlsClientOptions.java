package dev.sockit.core.tls;

import dev.sockit.core.x509.Identity;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a TLS client connects: whom it trusts, which name it asks for and checks, what it offers.
 * Verified by default: {@link #defaults()} trusts the system's authorities and checks the host
 * name.
 *
 * @param trust how the server is verified
 * @param serverName the name sent as SNI and checked against the certificate; {@code null} means
 *     the host connected to (none for an IP literal, whose certificate is checked for that
 *     address); empty means send none and check no name
 * @param alpn application protocols to offer, most wanted first (e.g. {@code h2, http/1.1}); empty
 *     for none
 * @param identity a client certificate and key for mutual TLS, or {@code null}
 * @param minVersion the oldest version accepted
 * @param startTls a plaintext preamble to talk before the handshake, or {@code null}
 * @param handshakeTimeout how long the preamble and handshake may take together
 */
public record TlsClientOptions(
    TrustPolicy trust,
    String serverName,
    List<String> alpn,
    Identity identity,
    TlsVersion minVersion,
    StartTls startTls,
    Duration handshakeTimeout) {

  /** Validates and copies the fields. */
  public TlsClientOptions {
    Objects.requireNonNull(trust, "trust");
    alpn = List.copyOf(alpn);
    for (String p : alpn) {
      if (p.isEmpty() || p.length() > 255) {
        throw new IllegalArgumentException("an ALPN protocol name has 1 to 255 bytes: '" + p + "'");
      }
    }
    Objects.requireNonNull(minVersion, "minVersion");
    Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
      throw new IllegalArgumentException("the handshake timeout must be positive");
    }
  }

  /**
   * The safe defaults: the system's authorities, SNI and name check for the host connected to, no
   * ALPN, TLS 1.2 or newer, 10 s for the handshake.
   *
   * @return the options
   */
  public static TlsClientOptions defaults() {
    return new TlsClientOptions(
        TrustPolicy.system(),
        null,
        List.of(),
        null,
        TlsVersion.TLS_1_2,
        null,
        Duration.ofSeconds(10));
  }

  /** A copy with another trust policy. */
  public TlsClientOptions withTrust(TrustPolicy value) {
    return new TlsClientOptions(
        value, serverName, alpn, identity, minVersion, startTls, handshakeTimeout);
  }

  /** A copy with another server name ({@code null}: the host; empty: none). */
  public TlsClientOptions withServerName(String value) {
    return new TlsClientOptions(
        trust, value, alpn, identity, minVersion, startTls, handshakeTimeout);
  }

  /** A copy offering these application protocols. */
  public TlsClientOptions withAlpn(List<String> value) {
    return new TlsClientOptions(
        trust, serverName, value, identity, minVersion, startTls, handshakeTimeout);
  }

  /** A copy presenting this client certificate. */
  public TlsClientOptions withIdentity(Identity value) {
    return new TlsClientOptions(
        trust, serverName, alpn, value, minVersion, startTls, handshakeTimeout);
  }

  /** A copy accepting {@code value} or newer. */
  public TlsClientOptions withMinVersion(TlsVersion value) {
    return new TlsClientOptions(
        trust, serverName, alpn, identity, value, startTls, handshakeTimeout);
  }

  /** A copy that talks this protocol's plaintext preamble first. */
  public TlsClientOptions withStartTls(StartTls value) {
    return new TlsClientOptions(
        trust, serverName, alpn, identity, minVersion, value, handshakeTimeout);
  }

  /** A copy with another handshake timeout. */
  public TlsClientOptions withHandshakeTimeout(Duration value) {
    return new TlsClientOptions(trust, serverName, alpn, identity, minVersion, startTls, value);
  }
}
