package dev.sockit.core.x509;

import dev.sockit.core.address.IpAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;

/**
 * What a view shows of one certificate: who it names, who vouches for it, for which names it is
 * valid and when, its key, and its fingerprints.
 *
 * @param subject the subject DN (RFC 2253), e.g. {@code CN=example.org}
 * @param issuer the issuer DN (RFC 2253)
 * @param subjectAltNames names it is valid for, as {@code DNS:x} and {@code IP:y}
 * @param notBefore start of validity
 * @param notAfter end of validity (expiry)
 * @param key the public key, e.g. {@code EC P-256} or {@code RSA 2048}
 * @param sha256 the SHA-256 fingerprint of the whole certificate, upper-case hex with colons (as
 *     {@code openssl x509 -fingerprint -sha256} prints it)
 * @param spkiSha256 the SHA-256 of its public key (SubjectPublicKeyInfo), lower-case hex: what a
 *     key pin names, unchanged when the certificate is renewed with the same key
 * @param serial the serial number in hex
 */
public record CertificateInfo(
    String subject,
    String issuer,
    List<String> subjectAltNames,
    Instant notBefore,
    Instant notAfter,
    String key,
    String sha256,
    String spkiSha256,
    String serial) {

  /** Validates and copies the fields. */
  public CertificateInfo {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(issuer, "issuer");
    subjectAltNames = List.copyOf(subjectAltNames);
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(spkiSha256, "spkiSha256");
    Objects.requireNonNull(serial, "serial");
  }

  /**
   * Describes a certificate.
   *
   * @param certificate the certificate
   * @return its description
   * @throws NullPointerException if {@code certificate} is null
   */
  public static CertificateInfo of(X509Certificate certificate) {
    Objects.requireNonNull(certificate, "certificate");
    return new CertificateInfo(
        certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
        certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
        subjectAltNames(certificate),
        certificate.getNotBefore().toInstant(),
        certificate.getNotAfter().toInstant(),
        describeKey(certificate.getPublicKey()),
        fingerprint(certificate),
        HexFormat.of().formatHex(sha256(certificate.getPublicKey().getEncoded())),
        certificate.getSerialNumber().toString(16));
  }

  /**
   * Describes a chain, its first certificate first.
   *
   * @param chain the certificates
   * @return their descriptions
   */
  public static List<CertificateInfo> of(List<X509Certificate> chain) {
    return chain.stream().map(CertificateInfo::of).toList();
  }

  /** Whether the certificate names itself as its issuer (a root, or a self-signed leaf). */
  public boolean selfIssued() {
    return subject.equals(issuer);
  }

  /** Whether it is valid at {@code when}. */
  public boolean validAt(Instant when) {
    return !when.isBefore(notBefore) && !when.isAfter(notAfter);
  }

  /**
   * The common name (CN) of the subject, or the whole subject when it has none.
   *
   * @return e.g. {@code example.org}
   */
  public String commonName() {
    return commonName(subject);
  }

  static String commonName(String dn) {
    for (String part : dn.split("(?<!\\\\),")) {
      if (part.regionMatches(true, 0, "CN=", 0, 3)) {
        return part.substring(3);
      }
    }
    return dn;
  }

  /**
   * The SHA-256 fingerprint of a certificate's DER encoding, as {@code AB:CD:...}.
   *
   * @param certificate the certificate
   * @return the fingerprint
   */
  public static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256(certificate.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * A key in a few words: {@code EC P-256}, {@code RSA 2048}, {@code Ed25519}.
   *
   * @param key the public key
   * @return its description
   */
  public static String describeKey(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return "RSA " + rsa.getModulus().bitLength();
    }
    if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return switch (bits) {
        case 256, 384, 521 -> "EC P-" + bits;
        default -> "EC " + bits + "-bit";
      };
    }
    return key.getAlgorithm();
  }

  /** The JDK writes IPv6 names in full ({@code 0:0:0:0:0:0:0:1}); views show RFC 5952 text. */
  private static String ipText(String jdk) {
    try {
      return IpAddress.parse(jdk).toString();
    } catch (IllegalArgumentException e) {
      return jdk.toLowerCase(Locale.ROOT);
    }
  }

  private static List<String> subjectAltNames(X509Certificate x) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> names = x.getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> n : names) {
          int type = (Integer) n.get(0);
          if (type == 2) {
            out.add("DNS:" + n.get(1));
          } else if (type == 7) {
            out.add("IP:" + ipText(n.get(1).toString()));
          } else if (type == 1) {
            out.add("email:" + n.get(1));
          } else if (type == 6) {
            out.add("URI:" + n.get(1));
          }
        }
      }
    } catch (CertificateParsingException e) {
      out.add("(unreadable: " + e.getMessage() + ")");
    }
    return out;
  }
}
