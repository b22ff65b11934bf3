package dev.sockit.core.tls;

import dev.sockit.core.x509.CertificateRequest;
import dev.sockit.core.x509.Identity;
import dev.sockit.core.x509.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A small PKI made for one test run, with the library's own generator: a CA, a server certificate
 * it signed for localhost, 127.0.0.1 and ::1, an expired one, one for another name, one from a CA
 * nobody trusts, and a client certificate. Test-only keys, never written outside a temp dir.
 */
public final class TestPki {
  public final Identity ca;
  public final Identity server;
  public final Identity expired;
  public final Identity otherName;
  public final Identity strangerCa;
  public final Identity fromStranger;
  public final Identity client;

  private static TestPki shared;

  private TestPki() {
    ca = CertificateRequest.of("sockit test CA", Duration.ofDays(2)).asAuthority().selfSigned();
    server =
        CertificateRequest.of("localhost", Duration.ofDays(2), "localhost", "127.0.0.1", "::1")
            .signedBy(ca);
    Instant past = Instant.parse("2024-01-01T00:00:00Z");
    expired =
        CertificateRequest.of("localhost", Duration.ofDays(1), "localhost", "127.0.0.1")
            .withValidity(past, past.plus(Duration.ofDays(30)))
            .signedBy(ca);
    otherName =
        CertificateRequest.of("elsewhere", Duration.ofDays(2), "elsewhere.example").signedBy(ca);
    strangerCa =
        CertificateRequest.of("stranger CA", Duration.ofDays(2)).asAuthority().selfSigned();
    fromStranger =
        CertificateRequest.of("localhost", Duration.ofDays(2), "localhost", "127.0.0.1")
            .signedBy(strangerCa);
    client = CertificateRequest.of("test client", Duration.ofDays(2)).signedBy(ca);
  }

  /** One PKI for the whole run: key generation is the slow part. */
  public static synchronized TestPki get() {
    if (shared == null) {
      shared = new TestPki();
    }
    return shared;
  }

  /** Trust exactly the test CA. */
  public TrustPolicy trustCa() {
    return new TrustPolicy.Authorities(ca.chain(), "test-ca.pem");
  }

  /**
   * Writes an identity as {@code name.pem} (chain) and {@code name.key} (PKCS#8) into {@code dir}.
   */
  public static Path[] write(Identity id, Path dir, String name) throws IOException {
    Path cert = dir.resolve(name + ".pem");
    Path key = dir.resolve(name + ".key");
    Files.writeString(cert, Pem.encode(id.chain()));
    Files.writeString(key, Pem.encode("PRIVATE KEY", id.key().getEncoded()));
    return new Path[] {cert, key};
  }

  /** Writes certificates (e.g. a CA to trust) as one PEM file. */
  public static Path writeCerts(List<java.security.cert.X509Certificate> certs, Path file)
      throws IOException {
    Files.writeString(file, Pem.encode(certs));
    return file;
  }
}
