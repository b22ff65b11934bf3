package dev.sockit.core.tls;

import dev.sockit.core.x509.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The authorities this machine trusts. The operating system's bundle comes first, because that is
 * where administrators add their own authorities ({@code update-ca-certificates}) and what curl and
 * openssl use; the JDK's {@code cacerts} only when there is none.
 */
final class SystemTrust {
  /** Bundle files of Debian/Ubuntu/Alpine, Fedora/RHEL, openSUSE, and the BSDs/macOS. */
  private static final List<Path> BUNDLES =
      List.of(
          Path.of("/etc/ssl/certs/ca-certificates.crt"),
          Path.of("/etc/pki/tls/certs/ca-bundle.crt"),
          Path.of("/etc/ssl/ca-bundle.pem"),
          Path.of("/etc/ssl/cert.pem"));

  private SystemTrust() {}

  /**
   * The trust store and its description.
   *
   * @param keyStore the anchors, or {@code null} for the JDK's own
   * @param description e.g. {@code the system trust store (/etc/ssl/certs/ca-certificates.crt)}
   */
  record Store(KeyStore keyStore, String description) {}

  static Store load() throws IOException {
    for (Path bundle : BUNDLES) {
      if (Files.isReadable(bundle)) {
        List<X509Certificate> certs;
        try {
          certs = Pem.certificates(Files.readString(bundle, StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
          continue; // a damaged bundle: try the next, then the JDK's
        }
        if (!certs.isEmpty()) {
          return new Store(Verifier.keyStore(certs), "the system trust store (" + bundle + ")");
        }
      }
    }
    return new Store(null, "the JDK's trust store (cacerts)");
  }
}
