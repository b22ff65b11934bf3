package dev.sockit.core.x509;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PEM text (RFC 7468): the {@code -----BEGIN CERTIFICATE-----} blocks openssl, certbot and every
 * web server use. Reads certificates and private keys in the forms openssl writes (PKCS#8, also
 * encrypted; PKCS#1 {@code RSA PRIVATE KEY}; SEC1 {@code EC PRIVATE KEY}) and writes certificates.
 * Text outside the blocks (openssl's {@code subject=} lines, comments) is ignored.
 *
 * <pre>{@code
 * List<X509Certificate> chain = Pem.certificates(Files.readString(Path.of("fullchain.pem")));
 * PrivateKey key = Pem.privateKey(Files.readString(Path.of("privkey.pem")), null);
 * }</pre>
 */
public final class Pem {
  private static final String RSA = "1.2.840.113549.1.1.1";
  private static final String RSA_PSS = "1.2.840.113549.1.1.10";
  private static final String EC = "1.2.840.10045.2.1";
  private static final String ED25519 = "1.3.101.112";
  private static final String ED448 = "1.3.101.113";

  private Pem() {}

  /**
   * One block: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}...) and its decoded bytes.
   *
   * @param label the word(s) after {@code BEGIN}
   * @param der the decoded content
   * @param encryptedLegacy whether the block has openssl's old {@code Proc-Type: 4,ENCRYPTED}
   *     header (a key encrypted the pre-PKCS#8 way)
   */
  public record Block(String label, byte[] der, boolean encryptedLegacy) {
    /** Validates and copies the fields. */
    public Block {
      Objects.requireNonNull(label, "label");
      der = der.clone();
    }

    @Override
    public byte[] der() {
      return der.clone();
    }
  }

  /**
   * Whether {@code bytes} look like PEM text (a {@code -----BEGIN} line), as opposed to DER or
   * PKCS#12.
   *
   * @param bytes a file's content
   * @return whether it holds PEM text
   */
  public static boolean looksLikePem(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
  }

  /**
   * Every block in {@code text}, in order.
   *
   * @param text PEM text
   * @return the blocks; empty when there is none
   * @throws IllegalArgumentException if a block is unterminated or its base64 is broken
   */
  public static List<Block> blocks(String text) {
    List<Block> out = new ArrayList<>();
    int at = 0;
    while (true) {
      int begin = text.indexOf("-----BEGIN ", at);
      if (begin < 0) {
        return out;
      }
      int labelEnd = text.indexOf("-----", begin + 11);
      if (labelEnd < 0) {
        throw new IllegalArgumentException("a PEM BEGIN line is not closed with -----");
      }
      String label = text.substring(begin + 11, labelEnd);
      String endLine = "-----END " + label + "-----";
      int end = text.indexOf(endLine, labelEnd);
      if (end < 0) {
        throw new IllegalArgumentException("the PEM block " + label + " has no END line");
      }
      String body = text.substring(labelEnd + 5, end);
      boolean legacy = body.contains("Proc-Type:") && body.contains("ENCRYPTED");
      if (body.contains(":")) { // RFC 1421 headers: skip up to the blank line after them
        int blank = body.indexOf("\n\n");
        int crlfBlank = body.indexOf("\r\n\r\n");
        int cut = blank >= 0 ? blank : crlfBlank;
        body = cut >= 0 ? body.substring(cut) : "";
      }
      try {
        out.add(new Block(label, Base64.getMimeDecoder().decode(body.strip()), legacy));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "the PEM block " + label + " is not valid base64: " + e.getMessage(), e);
      }
      at = end + endLine.length();
    }
  }

  /**
   * The certificates in {@code text}, in order (a chain file: leaf first).
   *
   * @param text PEM text
   * @return the certificates; empty when there is no {@code CERTIFICATE} block
   * @throws IllegalArgumentException if a block is not a valid X.509 certificate
   */
  public static List<X509Certificate> certificates(String text) {
    List<X509Certificate> out = new ArrayList<>();
    for (Block b : blocks(text)) {
      if (b.label().equals("CERTIFICATE") || b.label().equals("TRUSTED CERTIFICATE")) {
        out.add(certificate(b.der));
      }
    }
    return out;
  }

  /**
   * Parses one DER-encoded certificate.
   *
   * @param der the encoding
   * @return the certificate
   * @throws IllegalArgumentException if it is not a valid X.509 certificate
   */
  public static X509Certificate certificate(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a valid X.509 certificate: " + e.getMessage(), e);
    }
  }

  /**
   * The first private key in {@code text}.
   *
   * @param text PEM text
   * @param password the password of an {@code ENCRYPTED PRIVATE KEY}, or {@code null}
   * @return the key
   * @throws IllegalArgumentException if there is no key, it is encrypted and no (or the wrong)
   *     password was given, or it cannot be read; the message says which
   */
  public static PrivateKey privateKey(String text, char[] password) {
    for (Block b : blocks(text)) {
      switch (b.label()) {
        case "PRIVATE KEY" -> {
          return pkcs8(b.der);
        }
        case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
          if (b.encryptedLegacy()) {
            throw new IllegalArgumentException(
                "the key is encrypted the old openssl way; convert it with"
                    + " 'openssl pkey -in KEY -out plain.pem' (or -aes256 for PKCS#8)");
          }
          return pkcs8(b.label().startsWith("RSA") ? fromPkcs1(b.der) : fromSec1(b.der));
        }
        case "ENCRYPTED PRIVATE KEY" -> {
          return decrypt(b.der, password);
        }
        default -> {
          // not a key: a certificate in the same file, parameters...
        }
      }
    }
    throw new IllegalArgumentException("no private key (a BEGIN PRIVATE KEY block) found");
  }

  /**
   * A key from its PKCS#8 encoding, whatever its algorithm (RSA, EC, Ed25519, Ed448, RSASSA-PSS).
   *
   * @param der the PKCS#8 PrivateKeyInfo
   * @return the key
   * @throws IllegalArgumentException if it cannot be read
   */
  public static PrivateKey pkcs8(byte[] der) {
    String algorithm;
    try {
      Der.Reader info = new Der.Reader(der).enter(Der.SEQUENCE);
      info.read(Der.INTEGER);
      Der.Reader id = info.enter(Der.SEQUENCE);
      algorithm =
          switch (Der.oidText(id.read(Der.OID))) {
            case RSA -> "RSA";
            case RSA_PSS -> "RSASSA-PSS";
            case EC -> "EC";
            case ED25519 -> "Ed25519";
            case ED448 -> "Ed448";
            case String other ->
                throw new IllegalArgumentException("unsupported key algorithm " + other);
          };
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the private key cannot be read: " + e.getMessage(), e);
    }
  }

  /** PKCS#1 RSAPrivateKey wrapped as PKCS#8: the algorithm is named outside the key. */
  private static byte[] fromPkcs1(byte[] der) {
    return Der.sequence(
        Der.integer(0), Der.sequence(Der.oid(RSA), Der.nullValue()), Der.octetString(der));
  }

  /** SEC1 ECPrivateKey wrapped as PKCS#8, with the curve its {@code [0]} parameters name. */
  private static byte[] fromSec1(byte[] der) {
    Der.Reader key = new Der.Reader(der).enter(Der.SEQUENCE);
    key.read(Der.INTEGER);
    key.read(Der.OCTET_STRING);
    if (!key.hasMore() || key.peekTag() != 0xa0) {
      throw new IllegalArgumentException("the EC private key does not name its curve");
    }
    byte[] curve = key.enter(0xa0).read(Der.OID);
    return Der.sequence(
        Der.integer(0), Der.sequence(Der.oid(EC), Der.tlv(Der.OID, curve)), Der.octetString(der));
  }

  private static PrivateKey decrypt(byte[] der, char[] password) {
    if (password == null) {
      throw new IllegalArgumentException("the private key is encrypted: give its password");
    }
    try {
      EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
      String name = info.getAlgName(); // for PBES2 e.g. PBEWithHmacSHA256AndAES_256
      SecretKeyFactory factory = SecretKeyFactory.getInstance(name);
      Cipher cipher = Cipher.getInstance(name);
      cipher.init(
          Cipher.DECRYPT_MODE,
          factory.generateSecret(new PBEKeySpec(password)),
          info.getAlgParameters());
      return pkcs8(info.getKeySpec(cipher).getEncoded());
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalArgumentException(
          "the private key cannot be decrypted (wrong password?): " + e.getMessage(), e);
    }
  }

  /**
   * PEM text for one block: the label lines around base64 in 64-character lines.
   *
   * @param label e.g. {@code CERTIFICATE}
   * @param der the content
   * @return the text, ending with a line feed
   */
  public static String encode(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  /**
   * PEM text for certificates, one block each.
   *
   * @param chain the certificates
   * @return the text
   */
  public static String encode(List<X509Certificate> chain) {
    StringBuilder out = new StringBuilder();
    for (X509Certificate c : chain) {
      try {
        out.append(encode("CERTIFICATE", c.getEncoded()));
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
      }
    }
    return out.toString();
  }
}
