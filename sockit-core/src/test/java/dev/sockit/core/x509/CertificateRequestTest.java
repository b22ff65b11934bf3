package dev.sockit.core.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CertificateRequestTest {

  @Test
  void aSelfSignedCertificateNamesWhatWasAskedAndVerifiesWithItsOwnKey() throws Exception {
    Identity id =
        CertificateRequest.of("demo", Duration.ofDays(3), "demo.test", "127.0.0.1", "::1")
            .selfSigned();
    X509Certificate c = id.certificate();
    c.verify(c.getPublicKey());
    c.checkValidity();
    CertificateInfo info = CertificateInfo.of(c);
    assertThat(info.subject()).isEqualTo("CN=demo,O=sockit self-signed");
    assertThat(info.selfIssued()).isTrue();
    assertThat(info.subjectAltNames()).containsExactly("DNS:demo.test", "IP:127.0.0.1", "IP:::1");
    assertThat(info.key()).isEqualTo("EC P-256");
    assertThat(info.sha256()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    assertThat(info.spkiSha256()).matches("[0-9a-f]{64}");
    assertThat(c.getBasicConstraints()).isEqualTo(-1); // not an authority
    assertThat(c.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(Duration.between(Instant.now(), info.notAfter()).toDays()).isEqualTo(2);
  }

  @Test
  void anAuthoritySignedChainPassesTheJdksPathValidation() throws Exception {
    Identity ca = CertificateRequest.of("test CA", Duration.ofDays(1)).asAuthority().selfSigned();
    Identity leaf = CertificateRequest.of("leaf", Duration.ofDays(1), "localhost").signedBy(ca);
    assertThat(ca.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(leaf.chain()).hasSize(2);
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(
            CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf.certificate())),
            params);
    assertThat(CertificateInfo.of(leaf.certificate()).issuer())
        .isEqualTo("CN=test CA,O=sockit self-signed");
  }

  @Test
  void aListenerOnEveryAddressCoversLocalhostAndTheLoopbackAddresses() throws Exception {
    CertificateRequest all = CertificateRequest.forListener(null, Duration.ofDays(7));
    assertThat(all.dnsNames()).startsWith("localhost");
    assertThat(all.addresses()).contains(InetAddress.getByName("127.0.0.1"));
    CertificateRequest one =
        CertificateRequest.forListener(InetAddress.getByName("127.0.0.1"), Duration.ofDays(7));
    assertThat(one.addresses()).containsExactly(InetAddress.getByName("127.0.0.1"));
    CertificateRequest v4 =
        CertificateRequest.forListener(InetAddress.getByName("0.0.0.0"), Duration.ofDays(7));
    assertThat(v4.addresses()).allMatch(a -> a instanceof java.net.Inet4Address);
  }

  @Test
  void expiredCertificatesCanBeMadeForTests() {
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    Identity old =
        CertificateRequest.of("old", Duration.ofDays(1))
            .withValidity(start, start.plus(Duration.ofDays(30)))
            .selfSigned();
    assertThat(CertificateInfo.of(old.certificate()).validAt(Instant.now())).isFalse();
    assertThatThrownBy(
            () ->
                CertificateRequest.of("x", Duration.ofDays(1))
                    .withValidity(start, start.minusSeconds(1)))
        .hasMessage("a certificate cannot expire before it starts");
  }

  @Test
  void anIdentityRoundTripsThroughPemFilesAndAPkcs12Store(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    Identity id = CertificateRequest.of("rt", Duration.ofDays(1), "localhost").selfSigned();
    java.nio.file.Path cert = dir.resolve("c.pem");
    java.nio.file.Path key = dir.resolve("k.pem");
    java.nio.file.Files.writeString(cert, Pem.encode(id.chain()));
    java.nio.file.Files.writeString(key, Pem.encode("PRIVATE KEY", id.key().getEncoded()));
    Identity back = Identity.load(cert, key, null);
    assertThat(back.certificate()).isEqualTo(id.certificate());
    assertThat(back.key().getEncoded()).isEqualTo(id.key().getEncoded());
    java.nio.file.Path both = dir.resolve("both.pem");
    java.nio.file.Files.writeString(
        both, java.nio.file.Files.readString(cert) + java.nio.file.Files.readString(key));
    assertThat(Identity.load(both, null, null).certificate()).isEqualTo(id.certificate());

    KeyStore p12 = KeyStore.getInstance("PKCS12");
    p12.load(null, null);
    p12.setKeyEntry(
        "x",
        id.key(),
        "pw".toCharArray(),
        id.chain().toArray(java.security.cert.Certificate[]::new));
    java.nio.file.Path store = dir.resolve("id.p12");
    try (var out = java.nio.file.Files.newOutputStream(store)) {
      p12.store(out, "pw".toCharArray());
    }
    assertThat(Identity.load(store, null, "pw".toCharArray()).certificate())
        .isEqualTo(id.certificate());
    assertThatThrownBy(() -> Identity.load(store, null, "wrong".toCharArray()))
        .hasMessageContaining(store.toString())
        .hasMessageContaining("wrong password?");

    Identity other = CertificateRequest.of("other", Duration.ofDays(1)).selfSigned();
    java.nio.file.Files.writeString(key, Pem.encode("PRIVATE KEY", other.key().getEncoded()));
    assertThatThrownBy(() -> Identity.load(cert, key, null))
        .hasMessage("the key in " + key + " does not belong to the certificate in " + cert);
    assertThatThrownBy(() -> Identity.load(dir.resolve("none.pem"), null, null))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
  }
}
