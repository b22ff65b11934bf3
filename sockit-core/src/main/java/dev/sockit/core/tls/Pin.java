package dev.sockit.core.tls;

import dev.sockit.core.x509.CertificateInfo;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A pinned certificate or key: accept the peer exactly when its certificate, or its public key, has
 * this SHA-256. A certificate pin is what {@code -v} prints as the fingerprint ({@code openssl x509
 * -fingerprint -sha256}); a key pin survives renewal with the same key (curl's {@code
 * --pinnedpubkey sha256//BASE64} form names a key).
 *
 * @param sha256 the 32-byte hash
 * @param keyOnly whether it names a key only (the {@code sha256//} form); otherwise a certificate
 *     or a key with this hash matches
 */
public record Pin(byte[] sha256, boolean keyOnly) {
  /** Validates and copies the hash. */
  public Pin {
    Objects.requireNonNull(sha256, "sha256");
    if (sha256.length != 32) {
      throw new IllegalArgumentException("a SHA-256 pin has 32 bytes, got " + sha256.length);
    }
    sha256 = sha256.clone();
  }

  @Override
  public byte[] sha256() {
    return sha256.clone();
  }

  /**
   * Parses {@code sha256:HEX} (64 hex digits, colons allowed: a certificate or key fingerprint) or
   * {@code sha256//BASE64} (a key, as curl writes it).
   *
   * @param text the pin
   * @return the pin
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Pin parse(String text) {
    String t = text.strip();
    if (t.regionMatches(true, 0, "sha256//", 0, 8)) {
      try {
        return new Pin(Base64.getDecoder().decode(t.substring(8)), true);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "pin '" + text + "': after sha256// comes the base64 of a SHA-256 (44 characters)", e);
      }
    }
    if (t.regionMatches(true, 0, "sha256:", 0, 7)) {
      t = t.substring(7);
    }
    String hex = t.replace(":", "").toLowerCase(Locale.ROOT);
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "pin '"
              + text
              + "' is not a SHA-256: write sha256:HEX (64 hex digits, colons allowed) or"
              + " sha256//BASE64");
    }
    return new Pin(HexFormat.of().parseHex(hex), false);
  }

  /** Whether {@code certificate} (or its key) is the one pinned. */
  boolean matches(X509Certificate certificate) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] key = md.digest(certificate.getPublicKey().getEncoded());
      if (MessageDigest.isEqual(key, sha256)) {
        return true;
      }
      return !keyOnly && MessageDigest.isEqual(md.digest(certificate.getEncoded()), sha256);
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return keyOnly
        ? "sha256//" + Base64.getEncoder().encodeToString(sha256)
        : "sha256:" + HexFormat.of().formatHex(sha256);
  }

  /** The pin text for a certificate's fingerprint, for messages. */
  static String of(X509Certificate certificate) {
    return "sha256:"
        + CertificateInfo.of(certificate).sha256().replace(":", "").toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pin p && p.keyOnly == keyOnly && java.util.Arrays.equals(p.sha256, sha256);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(sha256) * 31 + Boolean.hashCode(keyOnly);
  }
}
