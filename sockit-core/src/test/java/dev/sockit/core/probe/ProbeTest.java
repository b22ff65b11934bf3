package dev.sockit.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Probes of servers this test runs on loopback: the JDK's HTTP(S) server and bare sockets. */
@Timeout(60)
class ProbeTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final String BODY = "hello from the probe test\n";
  @TempDir static Path dir;
  private static SSLContext serverTls;
  private static X509Certificate serverCert;
  private HttpServer server;

  @BeforeAll
  static void makeCertificate() throws Exception {
    Path ks = dir.resolve("server.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "probe",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        ks.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit",
        "-keypass",
        "changeit");
    Path pem = dir.resolve("server.pem");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "probe",
        "-keystore",
        ks.toString(),
        "-storepass",
        "changeit",
        "-file",
        pem.toString());
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "changeit".toCharArray());
    serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      serverCert =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private int startHttp(HttpServer s, boolean chunked) {
    server = s;
    s.createContext(
        "/",
        exchange -> {
          byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("X-Probe-Test", "yes");
          exchange.sendResponseHeaders(
              exchange.getRequestURI().getPath().equals("/missing") ? 404 : 200,
              chunked ? 0 : body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    s.start();
    return s.getAddress().getPort();
  }

  @Test
  void httpGetReportsEveryPhase() throws IOException {
    int port = startHttp(HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 10), false);
    ProbeReport r =
        Probe.run(
            ProbeTarget.parse("http://127.0.0.1:" + port + "/index.html?x=1", false),
            ProbeOptions.defaults());
    assertThat(r.failure()).isEmpty();
    assertThat(r.phases()).hasSize(3);
    Phase.Resolved dns = (Phase.Resolved) r.phases().get(0);
    assertThat(dns.literal()).isTrue();
    assertThat(dns.addresses()).containsExactly("127.0.0.1");
    Phase.Connect c = (Phase.Connect) r.phases().get(1);
    assertThat(c.ok()).isTrue();
    assertThat(c.remote()).isEqualTo("127.0.0.1:" + port);
    assertThat(c.local()).startsWith("127.0.0.1:");
    Phase.Http h = r.http().orElseThrow();
    assertThat(h.request()).isEqualTo("GET /index.html?x=1 HTTP/1.1");
    assertThat(h.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(h.status()).isEqualTo(200);
    assertThat(h.headers()).anyMatch(x -> x.equalsIgnoreCase("X-probe-test: yes"));
    assertThat(h.bodyBytes()).isEqualTo(BODY.length());
    assertThat(h.complete()).isTrue();
    assertThat(h.timeToFirstByte()).isPositive().isLessThanOrEqualTo(h.took());
    assertThat(c.start()).isGreaterThanOrEqualTo(dns.start().plus(dns.took()));
    assertThat(h.start()).isGreaterThanOrEqualTo(c.start().plus(c.took()));
    assertThat(r.total()).isGreaterThanOrEqualTo(h.start().plus(h.took()));
  }

  @Test
  void chunkedBodiesAreCountedWithoutFraming() throws IOException {
    int port = startHttp(HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 10), true);
    ProbeReport r =
        Probe.run(
            ProbeTarget.parse("http://localhost:" + port + "/missing", false),
            ProbeOptions.defaults());
    Phase.Http h = r.http().orElseThrow();
    assertThat(h.status()).isEqualTo(404);
    assertThat(h.headers()).anyMatch(x -> x.toLowerCase().startsWith("transfer-encoding: chunked"));
    assertThat(h.bodyBytes()).isEqualTo(BODY.length());
    assertThat(r.failure()).isEmpty();
  }

  @Test
  void connectFallsBackToTheNextAddress() throws IOException {
    int port = startHttp(HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 10), false);
    ProbeOptions twoAddresses =
        ProbeOptions.defaults()
            .withResolver(
                host -> List.of(InetAddress.getByName("::1"), InetAddress.getByName("127.0.0.1")));
    ProbeReport r =
        Probe.run(ProbeTarget.parse("http://dual.test:" + port + "/", false), twoAddresses);
    List<Phase.Connect> connects =
        r.phases().stream()
            .filter(p -> p instanceof Phase.Connect)
            .map(Phase.Connect.class::cast)
            .toList();
    assertThat(connects).hasSize(2);
    assertThat(connects.get(0).remote()).isEqualTo("[::1]:" + port);
    assertThat(connects.get(0).ok()).isFalse();
    assertThat(connects.get(0).error()).contains("refused");
    assertThat(connects.get(1).ok()).isTrue();
    assertThat(r.http().orElseThrow().status()).isEqualTo(200);
    assertThat(((Phase.Resolved) r.phases().get(0)).addresses())
        .containsExactly("::1", "127.0.0.1");
  }

  @Test
  void nothingListeningEndsAtConnect() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      port = s.getLocalPort();
    }
    ProbeReport r =
        Probe.run(ProbeTarget.parse("127.0.0.1:" + port, false), ProbeOptions.defaults());
    Phase.Failed f = r.failure().orElseThrow();
    assertThat(f.step()).isEqualTo("connect");
    assertThat(f.message()).contains("127.0.0.1:" + port).contains("refused");
    assertThat(r.phases()).hasSize(3); // dns, the refused connect, the failure
  }

  @Test
  void aListenerThatNeverAnswersTimesOutInHttp() throws IOException {
    try (ServerSocket silent =
        new ServerSocket(0, 10, LOOPBACK)) { // the kernel accepts; nobody reads or writes
      ProbeOptions quick =
          ProbeOptions.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300));
      long start = System.nanoTime();
      ProbeReport r =
          Probe.run(
              ProbeTarget.parse("http://127.0.0.1:" + silent.getLocalPort() + "/", false), quick);
      Phase.Failed f = r.failure().orElseThrow();
      assertThat(f.step()).isEqualTo("http");
      assertThat(f.message()).contains("no answer to GET / HTTP/1.1 within 300 ms");
      assertThat(f.took()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  /**
   * Serves one client of {@code server}: {@code head} at once, then {@code piece(i)} for i = 0..14,
   * one every 200 ms (3 s in all), unless the probe closes its end first.
   */
  private static void trickle(
      ServerSocket server, String head, java.util.function.IntFunction<String> piece) {
    Thread.ofVirtual()
        .start(
            () -> {
              try (java.net.Socket s = server.accept()) {
                var out = s.getOutputStream();
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                for (int i = 0; i < 15; i++) {
                  out.write(piece.apply(i).getBytes(StandardCharsets.ISO_8859_1));
                  out.flush();
                  Thread.sleep(200);
                }
              } catch (IOException | InterruptedException e) {
                // the probe closed its end
              }
            });
  }

  /**
   * A server that trickles its answer's body, a byte every 200 ms, never exceeds the read timeout:
   * only the limit on the whole probe (curl's -m) ends it, in the step it was in, keeping what
   * arrived. Without the limit the same probe would read for the whole 3 s.
   */
  @Test
  void theTimeLimitEndsAProbeThatNoReadTimeoutWouldEnd() throws Exception {
    try (ServerSocket trickle = new ServerSocket(0, 10, LOOPBACK)) {
      trickle(trickle, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", i -> "x");
      ProbeOptions limited =
          ProbeOptions.defaults()
              .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1))
              .withMaxTime(Duration.ofMillis(700));
      long start = System.nanoTime();
      ProbeReport r =
          Probe.run(
              ProbeTarget.parse("http://127.0.0.1:" + trickle.getLocalPort() + "/", false),
              limited);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      Phase.Failed f = r.failure().orElseThrow();
      assertThat(f.step()).isEqualTo("http");
      assertThat(f.message()).isEqualTo("gave up when the time limit (700 ms) ran out");
      assertThat(took)
          .isGreaterThanOrEqualTo(Duration.ofMillis(700))
          .isLessThan(Duration.ofMillis(2000));
      assertThat(r.phases())
          .filteredOn(p -> p instanceof Phase.Http)
          .singleElement() // the status and headers that came
          .satisfies(p -> assertThat(((Phase.Http) p).status()).isEqualTo(200));
    }
  }

  /** Headers that stop coming: the status line and the headers that did arrive are kept. */
  @Test
  void headersThatStopComingKeepTheStatusAndWhatArrived() throws Exception {
    try (ServerSocket trickle = new ServerSocket(0, 10, LOOPBACK)) {
      trickle(trickle, "HTTP/1.1 503 Busy\r\nRetry-After: 5\r\n", i -> "X-Slow-" + i + ": yes\r\n");
      ProbeOptions limited =
          ProbeOptions.defaults()
              .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1))
              .withMaxTime(Duration.ofMillis(700));
      ProbeReport r =
          Probe.run(
              ProbeTarget.parse("http://127.0.0.1:" + trickle.getLocalPort() + "/", false),
              limited);
      assertThat(r.failure().orElseThrow().message())
          .isEqualTo("gave up when the time limit (700 ms) ran out");
      Phase.Http http =
          (Phase.Http)
              r.phases().stream().filter(p -> p instanceof Phase.Http).findFirst().orElseThrow();
      assertThat(http.status()).isEqualTo(503);
      assertThat(http.headers()).startsWith("Retry-After: 5", "X-Slow-0: yes").hasSizeLessThan(10);
      assertThat(http.headComplete()).isFalse();
    }
  }

  @Test
  void theTimeLimitAlsoEndsAConnectThatIsNotAnswered() throws Exception {
    // a listener whose accept queue is full drops further SYNs: the connect waits
    try (ServerSocket full = new ServerSocket(0, 1, LOOPBACK)) {
      java.util.List<java.net.Socket> held = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          java.net.Socket c = new java.net.Socket();
          try {
            c.connect(full.getLocalSocketAddress(), 200);
          } catch (IOException e) {
            // already full
          }
          held.add(c);
        }
        ProbeOptions limited =
            ProbeOptions.defaults()
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5))
                .withMaxTime(Duration.ofMillis(500));
        long start = System.nanoTime();
        ProbeReport r =
            Probe.run(ProbeTarget.parse("127.0.0.1:" + full.getLocalPort(), false), limited);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Phase.Failed f = r.failure().orElseThrow();
        assertThat(f.step()).isEqualTo("connect");
        assertThat(f.message()).contains("gave up when the time limit (500 ms) ran out");
        assertThat(took)
            .isGreaterThanOrEqualTo(Duration.ofMillis(500))
            .isLessThan(Duration.ofSeconds(3));
      } finally {
        for (java.net.Socket c : held) {
          c.close();
        }
      }
    }
  }

  /**
   * A bare server on loopback: answers one connection with {@code answer}, keeps it open for 2 s,
   * and hands back the request head it read.
   */
  private static java.util.concurrent.CompletableFuture<String> rawServer(
      ServerSocket listener, String answer) {
    java.util.concurrent.CompletableFuture<String> request =
        new java.util.concurrent.CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (java.net.Socket s = listener.accept()) {
                s.setSoTimeout(5000);
                InputStream in = s.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                  int b = in.read();
                  if (b < 0) {
                    break;
                  }
                  head.append((char) b);
                }
                request.complete(head.toString());
                s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                Thread.sleep(2000); // silent, the connection open
              } catch (IOException | InterruptedException e) {
                request.completeExceptionally(e);
              }
            });
    return request;
  }

  @Test
  void anAnswerThatBreaksOffKeepsItsStatusAndHeaders() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 10, LOOPBACK)) {
      rawServer(listener, "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nhello");
      ProbeOptions quick =
          ProbeOptions.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300));
      ProbeReport r =
          Probe.run(
              ProbeTarget.parse("http://127.0.0.1:" + listener.getLocalPort() + "/", false), quick);
      Phase.Http h = r.http().orElseThrow();
      assertThat(h.status()).isEqualTo(200);
      assertThat(h.headers()).containsExactly("Content-Length: 50");
      assertThat(h.bodyBytes()).isEqualTo(5);
      assertThat(h.complete()).isFalse();
      Phase.Failed f = r.failure().orElseThrow();
      assertThat(f.step()).isEqualTo("http");
      assertThat(f.message())
          .isEqualTo("the body stopped after 5 of 50 bytes (nothing more for 300 ms)");
    }
  }

  @Test
  void anAnswerThatIsNotHttpFailsAtOnceAndShowsItself() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 10, LOOPBACK)) {
      rawServer(listener, "SSH-2.0-OpenSSH_9.2\r\n");
      ProbeOptions patient =
          ProbeOptions.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30));
      long start = System.nanoTime();
      ProbeReport r =
          Probe.run(
              ProbeTarget.parse("http://127.0.0.1:" + listener.getLocalPort() + "/", false),
              patient);
      assertThat(r.failure().orElseThrow().message())
          .isEqualTo("the answer is not HTTP: 'SSH-2.0-OpenSSH_9.2' (is this an HTTP port?)");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(Duration.ofSeconds(10)); // not the 30 s read timeout
    }
  }

  @Test
  void credentialsInTheUrlGoAsBasicAuthorizationAndAreNotShown() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 10, LOOPBACK)) {
      var request = rawServer(listener, "HTTP/1.1 204 No Content\r\n\r\n");
      ProbeReport r =
          Probe.run(
              ProbeTarget.parse(
                  "http://alice:s%3Acret@127.0.0.1:" + listener.getLocalPort() + "/", false),
              ProbeOptions.defaults());
      assertThat(r.failure()).isEmpty();
      String expected =
          java.util.Base64.getEncoder()
              .encodeToString("alice:s:cret".getBytes(StandardCharsets.UTF_8));
      assertThat(request.get(5, TimeUnit.SECONDS))
          .contains("\r\nAuthorization: Basic " + expected + "\r\n");
      assertThat(r.http().orElseThrow().requestHeaders())
          .contains("Authorization: Basic (credentials of user 'alice')")
          .noneMatch(h -> h.contains(expected));
      assertThat(r.target().toString()).doesNotContain("alice").doesNotContain("cret");
    }
    try (ServerSocket listener =
        new ServerSocket(0, 10, LOOPBACK)) { // a user without a password: "bob:" (RFC 7617)
      var request =
          rawServer(
              listener,
              "\r\nHTTP/1.1 204 No Content\r\n\r\n"); // and a stray CRLF before the status line
      ProbeReport r =
          Probe.run(
              ProbeTarget.parse("http://bob@127.0.0.1:" + listener.getLocalPort() + "/", false),
              ProbeOptions.defaults());
      assertThat(r.failure()).isEmpty();
      assertThat(r.http().orElseThrow().status()).isEqualTo(204);
      String expected =
          java.util.Base64.getEncoder().encodeToString("bob:".getBytes(StandardCharsets.UTF_8));
      assertThat(request.get(5, TimeUnit.SECONDS))
          .contains("\r\nAuthorization: Basic " + expected + "\r\n");
    }
  }

  @Test
  void tlsWithAnUntrustedCertificateIsReportedNotHidden() throws IOException {
    int port = startHttps();
    ProbeReport r =
        Probe.run(
            ProbeTarget.parse("https://localhost:" + port + "/", false), ProbeOptions.defaults());
    Phase.Tls tls = r.tls().orElseThrow();
    assertThat(tls.verified()).isFalse();
    assertThat(tls.verifyError()).contains("not issued by a trusted authority");
    assertThat(tls.serverName()).isEqualTo("localhost");
    assertThat(tls.protocol()).startsWith("TLSv1.");
    assertThat(tls.chain()).isNotEmpty();
    assertThat(tls.chain().get(0).subject()).isEqualTo("CN=localhost");
    assertThat(r.http().orElseThrow().status()).isEqualTo(200);
  }

  @Test
  void tlsTrustedThroughCacertVerifiesAndShowsTheCertificate() throws IOException {
    int port = startHttps();
    ProbeReport r =
        Probe.run(
            ProbeTarget.parse("https://localhost:" + port + "/", false),
            ProbeOptions.defaults().withTrusted(List.of(serverCert)));
    Phase.Tls tls = r.tls().orElseThrow();
    assertThat(tls.verified()).as(tls.verifyError()).isTrue();
    assertThat(tls.verifyError()).isNull();
    dev.sockit.core.x509.CertificateInfo leaf = tls.chain().get(0);
    assertThat(leaf.issuer()).isEqualTo("CN=localhost");
    assertThat(leaf.subjectAltNames()).containsExactly("DNS:localhost", "IP:127.0.0.1");
    assertThat(leaf.notAfter())
        .isBetween(Instant.now().plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(3)));
    assertThat(tls.alpn()).isIn("", "http/1.1");
    assertThat(r.failure()).isEmpty();
  }

  @Test
  void tlsNamesAHostTheCertificateDoesNotCover() throws IOException {
    int port = startHttps();
    ProbeOptions wrongName =
        ProbeOptions.defaults()
            .withTrusted(List.of(serverCert))
            .withResolver(host -> List.of(LOOPBACK));
    ProbeReport r =
        Probe.run(ProbeTarget.parse("https://wrong.test:" + port + "/", false), wrongName);
    Phase.Tls tls = r.tls().orElseThrow();
    assertThat(tls.verified()).isFalse();
    assertThat(tls.verifyError()).contains("wrong.test");
  }

  @Test
  void tlsToAPlainHttpPortFailsInTheTlsStep() throws IOException {
    int port = startHttp(HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 10), false);
    ProbeOptions quick =
        ProbeOptions.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    ProbeReport r = Probe.run(ProbeTarget.parse("127.0.0.1:" + port, true), quick);
    Phase.Failed f = r.failure().orElseThrow();
    assertThat(f.step()).isEqualTo("tls");
    assertThat(f.message()).contains("really TLS");
  }

  @Test
  void unknownHostsEndAtDns() {
    ProbeOptions noSuchHost =
        ProbeOptions.defaults()
            .withResolver(
                host -> {
                  throw new java.net.UnknownHostException(
                      "cannot resolve host '" + host + "': unknown name");
                });
    ProbeReport r = Probe.run(ProbeTarget.parse("nowhere.test:80", false), noSuchHost);
    assertThat(r.phases())
        .singleElement()
        .isInstanceOfSatisfying(
            Phase.Failed.class,
            f -> {
              assertThat(f.step()).isEqualTo("dns");
              assertThat(f.message()).contains("nowhere.test");
            });
  }

  private int startHttps() throws IOException {
    HttpsServer s = HttpsServer.create(new InetSocketAddress(LOOPBACK, 0), 10);
    s.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    return startHttp(s, false);
  }
}
