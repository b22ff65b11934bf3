package dev.sockit.core.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Keys and certificates in every form openssl writes them, read back; ours read by openssl. */
@Timeout(60)
class OpensslKeysTest {
  @TempDir static Path dir;
  private static String openssl;

  @BeforeAll
  static void findOpenssl() {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      if (new File(d, "openssl").canExecute()) {
        openssl = new File(d, "openssl").getPath();
      }
    }
    if (openssl == null) {
      System.out.println("SKIP: openssl is not installed; skipped (.ci/run installs it)");
    }
    assumeTrue(openssl != null, "openssl is not installed");
  }

  private static String run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(openssl));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
    return out;
  }

  @Test
  void readsRsaAndEcKeysInTheirTraditionalAndPkcs8Forms() throws Exception {
    run(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "rsa8.key",
        "-out",
        "rsa.pem",
        "-days",
        "1",
        "-subj",
        "/CN=rsa");
    run("pkey", "-in", "rsa8.key", "-traditional", "-out", "rsa1.key");
    run("ecparam", "-name", "prime256v1", "-genkey", "-out", "sec1.key");
    run("req", "-x509", "-key", "sec1.key", "-out", "ec.pem", "-days", "1", "-subj", "/CN=ec");
    run(
        "pkcs8",
        "-topk8",
        "-in",
        "sec1.key",
        "-out",
        "enc.key",
        "-v2",
        "aes-256-cbc",
        "-passout",
        "pass:secret");
    run(
        "pkcs12",
        "-export",
        "-in",
        "ec.pem",
        "-inkey",
        "sec1.key",
        "-out",
        "ec.p12",
        "-passout",
        "pass:secret");
    assertThat(Files.readString(dir.resolve("rsa1.key"))).contains("BEGIN RSA PRIVATE KEY");
    assertThat(Files.readString(dir.resolve("sec1.key"))).contains("BEGIN EC PRIVATE KEY");

    assertThat(
            Identity.load(dir.resolve("rsa.pem"), dir.resolve("rsa8.key"), null)
                .key()
                .getAlgorithm())
        .isEqualTo("RSA");
    assertThat(
            Identity.load(dir.resolve("rsa.pem"), dir.resolve("rsa1.key"), null)
                .key()
                .getAlgorithm())
        .isEqualTo("RSA");
    assertThat(
            Identity.load(dir.resolve("ec.pem"), dir.resolve("sec1.key"), null)
                .key()
                .getAlgorithm())
        .isEqualTo("EC");
    assertThat(
            Identity.load(dir.resolve("ec.pem"), dir.resolve("enc.key"), "secret".toCharArray())
                .key()
                .getAlgorithm())
        .isEqualTo("EC");
    assertThat(
            Identity.load(dir.resolve("ec.p12"), null, "secret".toCharArray())
                .certificate()
                .getSubjectX500Principal()
                .getName())
        .isEqualTo("CN=ec");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Identity.load(dir.resolve("ec.pem"), dir.resolve("enc.key"), null))
        .hasMessageContaining("the private key is encrypted: give its password");
    assertThat(CertificateInfo.of(Identity.certificates(dir.resolve("rsa.pem")).get(0)).key())
        .isEqualTo("RSA 2048");
  }

  @Test
  void opensslReadsAndVerifiesWhatSockitMakes() throws Exception {
    Identity ca = CertificateRequest.of("sockit CA", Duration.ofDays(1)).asAuthority().selfSigned();
    Identity leaf =
        CertificateRequest.of("leaf", Duration.ofDays(1), "localhost", "127.0.0.1").signedBy(ca);
    Identity self = CertificateRequest.of("self", Duration.ofDays(1), "localhost").selfSigned();
    Files.writeString(dir.resolve("ca.pem"), Pem.encode(ca.chain()));
    Files.writeString(dir.resolve("leaf.pem"), Pem.encode(leaf.chain().subList(0, 1)));
    Files.writeString(dir.resolve("self.pem"), Pem.encode(self.chain()));
    assertThat(run("verify", "-CAfile", "ca.pem", "leaf.pem")).contains("leaf.pem: OK");
    assertThat(run("verify", "-CAfile", "self.pem", "self.pem")).contains("self.pem: OK");
    String text = run("x509", "-in", "leaf.pem", "-noout", "-text");
    assertThat(text).contains("DNS:localhost, IP Address:127.0.0.1").contains("CA:FALSE");
    String fp = run("x509", "-in", "leaf.pem", "-noout", "-fingerprint", "-sha256");
    assertThat(fp.strip()).endsWith(CertificateInfo.fingerprint(leaf.certificate()));
  }
}
