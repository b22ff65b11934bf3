package dev.sockit.core.x509;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A private key and the certificate chain that goes with it: what a TLS server presents, or a
 * client for mutual TLS.
 *
 * @param key the private key
 * @param chain the certificates, the key's own first, then the intermediates (never empty)
 */
public record Identity(PrivateKey key, List<X509Certificate> chain) {
  /** The most a certificate, key or PKCS#12 file may hold: they are a few KiB. */
  static final long MAX_FILE = 1 << 20;

  /** Validates and copies the fields. */
  public Identity {
    Objects.requireNonNull(key, "key");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("an identity needs at least its own certificate");
    }
  }

  /** Its own certificate. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /**
   * Loads an identity the way users hand one over: a PEM certificate (chain) file and a PEM key
   * file; or one PEM file holding both (then {@code keyFile} may be {@code null}); or a PKCS#12
   * file ({@code .p12}/{@code .pfx}) as {@code certFile}.
   *
   * @param certFile the certificate chain (PEM) or a PKCS#12 file
   * @param keyFile the private key (PEM), or {@code null} when {@code certFile} holds it
   * @param password for an encrypted key or the PKCS#12 file, or {@code null}
   * @return the identity
   * @throws NoSuchFileException if a file does not exist
   * @throws IOException if a file cannot be read, or does not hold what it should; the message
   *     names the file and what is wrong
   */
  public static Identity load(Path certFile, Path keyFile, char[] password) throws IOException {
    Objects.requireNonNull(certFile, "certFile");
    byte[] certBytes = read(certFile);
    if (!Pem.looksLikePem(certBytes)) {
      if (keyFile != null) {
        throw new IOException(
            certFile + " is not PEM; a PKCS#12 file holds its key itself (leave out the key file)");
      }
      return pkcs12(certFile, certBytes, password);
    }
    String certText = new String(certBytes, StandardCharsets.UTF_8);
    List<X509Certificate> chain;
    try {
      chain = Pem.certificates(certText);
    } catch (IllegalArgumentException e) {
      throw new IOException(certFile + ": " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IOException(certFile + " holds no certificate (no BEGIN CERTIFICATE block)");
    }
    Path from = keyFile == null ? certFile : keyFile;
    String keyText = keyFile == null ? certText : new String(read(keyFile), StandardCharsets.UTF_8);
    PrivateKey key;
    try {
      key = Pem.privateKey(keyText, password);
    } catch (IllegalArgumentException e) {
      throw new IOException(
          from + ": " + e.getMessage() + (keyFile == null ? " (give the key file too)" : ""), e);
    }
    Identity identity = new Identity(key, chain);
    identity.checkMatch(certFile, from);
    return identity;
  }

  /**
   * Reads the certificates of a PEM file, e.g. the authorities to trust.
   *
   * @param file a PEM file with one or more certificates
   * @return the certificates, at least one
   * @throws IOException if the file cannot be read or holds no certificate; the message names it
   */
  public static List<X509Certificate> certificates(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    byte[] bytes = read(file);
    List<X509Certificate> out;
    try {
      out =
          Pem.looksLikePem(bytes)
              ? Pem.certificates(new String(bytes, StandardCharsets.UTF_8))
              : List.of(Pem.certificate(bytes));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new IOException(file + " holds no certificate (no BEGIN CERTIFICATE block)");
    }
    return out;
  }

  private static byte[] read(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such file");
    }
    if (Files.size(file) > MAX_FILE) {
      throw new IOException(
          file + " is " + Files.size(file) + " bytes; certificate and key files are a few KiB");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Identity pkcs12(Path file, byte[] bytes, char[] password) throws IOException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(bytes), password == null ? new char[0] : password);
      for (String alias : Collections.list(store.aliases())) {
        if (!store.isKeyEntry(alias)) {
          continue;
        }
        Key key = store.getKey(alias, password == null ? new char[0] : password);
        Certificate[] certs = store.getCertificateChain(alias);
        if (key instanceof PrivateKey pk && certs != null && certs.length > 0) {
          List<X509Certificate> chain = new ArrayList<>();
          for (Certificate c : certs) {
            chain.add((X509Certificate) c);
          }
          return new Identity(pk, chain);
        }
      }
      throw new IOException(file + " holds no private key with its certificate");
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
        throw e;
      }
      throw new IOException(
          file
              + " is neither PEM nor a PKCS#12 file it can open"
              + (e.getCause() instanceof java.security.UnrecoverableKeyException
                      || String.valueOf(e.getMessage()).contains("password")
                  ? " (wrong password?)"
                  : "")
              + ": "
              + e.getMessage(),
          e);
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": cannot open the PKCS#12 file: " + e.getMessage(), e);
    }
  }

  /** A key that does not belong to the certificate would only fail later, in a handshake. */
  private void checkMatch(Path certFile, Path keyFile) throws IOException {
    try {
      String alg = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : null;
      if (key.getAlgorithm().equals("RSA")) {
        alg = "SHA256withRSA";
      } else if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) {
        alg = "Ed25519";
      }
      if (alg == null) {
        return; // an algorithm we do not test; the handshake will tell
      }
      byte[] probe = "sockit key check".getBytes(StandardCharsets.US_ASCII);
      java.security.Signature s = java.security.Signature.getInstance(alg);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      s.initVerify(certificate().getPublicKey());
      s.update(probe);
      if (!s.verify(sig)) {
        throw new IOException(
            "the key in " + keyFile + " does not belong to the certificate in " + certFile);
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "the key in "
              + keyFile
              + " does not belong to the certificate in "
              + certFile
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }
}
