package dev.sockit.core.tls;

import static dev.sockit.core.stream.ConnectionIo.readAll;
import static dev.sockit.core.stream.ConnectionIo.waitUntil;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockit.core.event.RecordingListener;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.stream.Connection;
import dev.sockit.core.stream.ConnectionHandler;
import dev.sockit.core.stream.ConnectionIo;
import dev.sockit.core.stream.ServerLimits;
import dev.sockit.core.stream.StreamServer;
import dev.sockit.core.tcp.TcpClient;
import dev.sockit.core.tcp.TcpClientOptions;
import dev.sockit.core.tcp.TcpServer;
import dev.sockit.core.tcp.TcpServerOptions;
import dev.sockit.core.x509.CertificateInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** sockit's TLS client against sockit's TLS server, over real loopback sockets. */
@Timeout(20)
class TlsLoopbackTest {
  private static final TestPki PKI = TestPki.get();

  private final TrafficBus serverBus = new TrafficBus();
  private final TrafficBus clientBus = new TrafficBus();
  private final RecordingListener serverEvents = RecordingListener.counting();
  private final RecordingListener clientEvents = RecordingListener.counting();

  TlsLoopbackTest() {
    serverBus.subscribe(serverEvents);
    clientBus.subscribe(clientEvents);
  }

  private StreamServer server(TlsServerOptions options, ConnectionHandler handler)
      throws IOException {
    return server(options, handler, ServerLimits.DEFAULT);
  }

  private StreamServer server(
      TlsServerOptions options, ConnectionHandler handler, ServerLimits limits) throws IOException {
    return TcpServer.bind(
        TcpServerOptions.of(InetAddress.getByName("127.0.0.1"), 0).withLimits(limits),
        TlsServer.of(options),
        handler,
        serverBus);
  }

  private Connection connect(String host, StreamServer server, TlsClientOptions options)
      throws IOException {
    return TcpClient.connect(
        TcpClientOptions.of(host, server.port()), TlsClient.of(options), clientBus);
  }

  private static TlsClientOptions trusting() {
    return TlsClientOptions.defaults().withTrust(PKI.trustCa());
  }

  @Test
  void carriesAMebibyteBothWaysIntactAndCountsPlaintext() throws Exception {
    byte[] data = new byte[1 << 20];
    new Random(17).nextBytes(data);
    try (StreamServer server = server(TlsServerOptions.of(PKI.server), ConnectionIo.echo());
        Connection c = connect("localhost", server, trusting())) {
      assertThat(c.isSecured()).isTrue();
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      c.write(data);
                      c.shutdownOutput();
                    } catch (IOException e) {
                      throw new IllegalStateException(e);
                    }
                  });
      byte[] back = readAll(c);
      writer.join();
      assertThat(sha256(back)).isEqualTo(sha256(data));
      assertThat(c.bytesSent()).isEqualTo(data.length);
      assertThat(c.bytesReceived()).isEqualTo(data.length);
    }
  }

  @Test
  void publishesTheNegotiatedFactsAndThePeerChain() throws Exception {
    try (StreamServer server =
            server(TlsServerOptions.of(PKI.server).withAlpn(List.of("http/1.1")), c -> {});
        Connection c =
            connect("localhost", server, trusting().withAlpn(List.of("h2", "http/1.1")))) {
      TrafficEvent.TlsEstablished mine = clientEvents.await(TrafficEvent.TlsEstablished.class);
      assertThat(mine.client()).isTrue();
      assertThat(mine.protocol()).isEqualTo("TLSv1.3");
      assertThat(mine.cipherSuite()).startsWith("TLS_");
      assertThat(mine.alpn()).isEqualTo("http/1.1");
      assertThat(mine.serverName()).isEqualTo("localhost");
      assertThat(mine.resumed()).isFalse();
      assertThat(mine.trust()).contains("verified against test-ca.pem").contains("name localhost");
      CertificateInfo leaf = mine.peerChain().get(0);
      assertThat(leaf.subject()).contains("CN=localhost");
      assertThat(leaf.issuer()).contains("CN=sockit test CA");
      assertThat(leaf.subjectAltNames()).contains("DNS:localhost", "IP:127.0.0.1", "IP:::1");
      assertThat(leaf.key()).isEqualTo("EC P-256");
      assertThat(leaf.sha256()).isEqualTo(CertificateInfo.fingerprint(PKI.server.certificate()));
      assertThat(mine.peerChain()).hasSize(2);

      TrafficEvent.TlsEstablished theirs = serverEvents.await(TrafficEvent.TlsEstablished.class);
      assertThat(theirs.client()).isFalse();
      assertThat(theirs.serverName()).isEqualTo("localhost");
      assertThat(theirs.alpn()).isEqualTo("http/1.1");
      assertThat(theirs.peerChain()).isEmpty();
      assertThat(theirs.trust()).isEqualTo("no client certificate asked for");

      List<String> steps =
          clientEvents.all(TrafficEvent.TlsStep.class).stream().map(s -> s.step()).toList();
      assertThat(steps.get(0))
          .startsWith("send ClientHello (SNI localhost; ALPN h2,http/1.1; TLSv1.3, TLSv1.2;");
      assertThat(steps).anyMatch(s -> s.startsWith("recv ServerHello (TLSv1.3, TLS_"));
      assertThat(steps)
          .anyMatch(
              s -> s.startsWith("verify server certificate CN=localhost") && s.endsWith(": ok"));
      assertThat(serverEvents.all(TrafficEvent.TlsStep.class))
          .anyMatch(s -> s.step().equals("ALPN: the client offers h2,http/1.1; chose http/1.1"));
    }
  }

  @Test
  void anIpLiteralSendsNoSniAndIsCheckedAgainstTheAddress() throws Exception {
    try (StreamServer server = server(TlsServerOptions.of(PKI.server), c -> {});
        Connection c = connect("127.0.0.1", server, trusting())) {
      TrafficEvent.TlsEstablished mine = clientEvents.await(TrafficEvent.TlsEstablished.class);
      assertThat(mine.serverName()).isEmpty();
      assertThat(mine.trust()).contains("name 127.0.0.1");
      assertThat(serverEvents.await(TrafficEvent.TlsEstablished.class).serverName()).isEmpty();
      assertThat(clientEvents.all(TrafficEvent.TlsStep.class).get(0).step())
          .startsWith("send ClientHello (no SNI;");
    }
  }

  @Test
  void aSecondConnectionOfTheSameClientResumes() throws Exception {
    try (StreamServer server =
        server(TlsServerOptions.of(PKI.server), c -> c.write(new byte[] {1}))) {
      TlsClient tls = TlsClient.of(trusting());
      for (int i = 0; i < 2; i++) {
        try (Connection c =
            TcpClient.connect(TcpClientOptions.of("localhost", server.port()), tls, clientBus)) {
          readAll(c);
        }
      }
      List<TrafficEvent.TlsEstablished> done = clientEvents.all(TrafficEvent.TlsEstablished.class);
      assertThat(done)
          .extracting(TrafficEvent.TlsEstablished::resumed)
          .containsExactly(false, true);
      assertThat(done.get(1).trust()).contains("resumed");
    }
  }

  @Test
  void halfCloseLetsTheServerAnswerAfterTheClientFinished() throws Exception {
    ConnectionHandler answerAfterEnd =
        c -> {
          byte[] request = readAll(c);
          c.write(("got " + request.length + "\n").getBytes(US_ASCII));
        };
    try (StreamServer server = server(TlsServerOptions.of(PKI.server), answerAfterEnd);
        Connection c = connect("localhost", server, trusting())) {
      c.write(new byte[100_000]);
      c.shutdownOutput();
      assertThat(new String(readAll(c), US_ASCII)).isEqualTo("got 100000\n");
      assertThat(clientEvents.all(TrafficEvent.TlsStep.class))
          .anyMatch(s -> s.step().startsWith("send close_notify"))
          .anyMatch(s -> s.step().startsWith("recv close_notify"));
    }
  }

  @Test
  void mutualTlsShowsTheClientChainToTheServer() throws Exception {
    TlsServerOptions mtls =
        TlsServerOptions.of(PKI.server).withClientAuthorities(PKI.ca.chain(), "clients-ca.pem");
    try (StreamServer server = server(mtls, c -> c.write(new byte[] {1}));
        Connection c = connect("localhost", server, trusting().withIdentity(PKI.client))) {
      readAll(c);
      TrafficEvent.TlsEstablished theirs = serverEvents.await(TrafficEvent.TlsEstablished.class);
      assertThat(theirs.peerChain().get(0).subject()).contains("CN=test client");
      assertThat(theirs.trust()).isEqualTo("verified against clients-ca.pem");
    }
  }

  @Test
  void aMissingClientCertificateIsNamedOnBothSides() throws Exception {
    TlsServerOptions mtls =
        TlsServerOptions.of(PKI.server).withClientAuthorities(PKI.ca.chain(), "clients-ca.pem");
    try (StreamServer server = server(mtls, c -> c.write(new byte[] {1}))) {
      TlsException e =
          failure(
              () -> {
                // TLS 1.3: the client's handshake ends before the server has judged it; the
                // server's verdict arrives as an alert on the first read
                try (Connection c = connect("localhost", server, trusting())) {
                  readAll(c);
                }
              });
      assertThat(e.reason()).isEqualTo(TlsException.Reason.CLIENT_CERTIFICATE_REQUIRED);
      assertThat(e.getMessage())
          .contains("the server localhost:" + server.port() + " requires a client certificate");
      TrafficEvent.Failed f = serverEvents.await(TrafficEvent.Failed.class);
      assertThat(f.message())
          .matches("client 127\\.0\\.0\\.1:\\d+ sent no certificate, but one is required");
    }
  }

  @Test
  void anExpiredCertificateIsNamedWithItsDates() throws Exception {
    try (StreamServer server = server(TlsServerOptions.of(PKI.expired), c -> {})) {
      TlsException e = failure(() -> connect("localhost", server, trusting()).close());
      assertThat(e.reason()).isEqualTo(TlsException.Reason.EXPIRED);
      assertThat(e.getMessage())
          .startsWith("the certificate of localhost:" + server.port() + " (CN=localhost,O=sockit)")
          .contains("expired on 2024-01-31 00:00:00 UTC (valid from 2024-01-01 00:00:00 UTC)");
      assertThat(serverEvents.await(TrafficEvent.Failed.class).message())
          .contains("does not trust this server's certificate");
    }
  }

  @Test
  void aWrongNameIsNamedWithTheCertificatesNames() throws Exception {
    try (StreamServer server = server(TlsServerOptions.of(PKI.otherName), c -> {})) {
      TlsException e = failure(() -> connect("localhost", server, trusting()).close());
      assertThat(e.reason()).isEqualTo(TlsException.Reason.NAME_MISMATCH);
      assertThat(e.getMessage()).contains("is for DNS:elsewhere.example, not for 'localhost'");
    }
  }

  @Test
  void anUnknownIssuerIsNamedAndAPinIsSuggested() throws Exception {
    try (StreamServer server = server(TlsServerOptions.of(PKI.fromStranger), c -> {})) {
      TlsException e = failure(() -> connect("localhost", server, trusting()).close());
      assertThat(e.reason()).isEqualTo(TlsException.Reason.UNKNOWN_ISSUER);
      assertThat(e.getMessage())
          .contains(
              "was issued by 'CN=stranger CA,O=sockit self-signed', which is not among those trusted (test-ca.pem)")
          .contains("pin this certificate: " + Pin.of(PKI.fromStranger.certificate()));
    }
  }

  @Test
  void aPinAcceptsExactlyThatCertificateOrKey() throws Exception {
    try (StreamServer server = server(TlsServerOptions.of(PKI.fromStranger), c -> {})) {
      String fingerprint = CertificateInfo.fingerprint(PKI.fromStranger.certificate());
      String key = CertificateInfo.of(PKI.fromStranger.certificate()).spkiSha256();
      for (String pin : List.of(fingerprint, "sha256:" + key)) {
        TlsClientOptions pinned =
            TlsClientOptions.defaults().withTrust(new TrustPolicy.Pinned(List.of(Pin.parse(pin))));
        connect("127.0.0.1", server, pinned).close();
      }
      assertThat(clientEvents.all(TrafficEvent.TlsEstablished.class))
          .allMatch(e -> e.trust().startsWith("pinned (sha256:"));
      TlsClientOptions wrong =
          TlsClientOptions.defaults()
              .withTrust(new TrustPolicy.Pinned(List.of(Pin.parse("sha256:" + "ab".repeat(32)))));
      TlsException e = failure(() -> connect("localhost", server, wrong).close());
      assertThat(e.reason()).isEqualTo(TlsException.Reason.PIN_MISMATCH);
      assertThat(e.getMessage())
          .contains("matches no pin: it is sha256:" + fingerprint.replace(":", "").toLowerCase());
    }
  }

  @Test
  void insecureAcceptsAnythingAndSaysSo() throws Exception {
    try (StreamServer server = server(TlsServerOptions.of(PKI.expired), c -> {});
        Connection c =
            connect(
                "127.0.0.1",
                server,
                TlsClientOptions.defaults().withTrust(new TrustPolicy.Insecure()))) {
      assertThat(c.isSecured()).isTrue();
      assertThat(clientEvents.await(TrafficEvent.TlsEstablished.class).trust())
          .startsWith("NOT verified");
    }
  }

  @Test
  void aPlaintextServerIsSaidNotToSpeakTls() throws Exception {
    try (StreamServer plain =
        TcpServer.bind(
            TcpServerOptions.loopback(0),
            c -> {
              c.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(US_ASCII));
              readAll(c);
            })) {
      TlsException e =
          failure(
              () ->
                  TcpClient.connect(
                          TcpClientOptions.of("localhost", plain.port()),
                          TlsClient.of(trusting()),
                          clientBus)
                      .close());
      assertThat(e.reason()).isEqualTo(TlsException.Reason.NOT_TLS);
      assertThat(e.getMessage()).contains("does not speak TLS: it sent 'HTTP/1.1 400 Bad Request'");
    }
  }

  @Test
  void aSilentClientIsClosedAfterTheHandshakeTimeoutAndOthersAreServedMeanwhile() throws Exception {
    TlsServerOptions quick =
        TlsServerOptions.of(PKI.server).withHandshakeTimeout(Duration.ofMillis(500));
    try (StreamServer server = server(quick, c -> c.write(new byte[] {7}));
        Socket silent = new Socket("127.0.0.1", server.port())) {
      try (Connection c = connect("localhost", server, trusting())) {
        assertThat(readAll(c)).containsExactly(7); // served while the silent one still waits
      }
      silent.setSoTimeout(5000);
      assertThat(silent.getInputStream().read()).isEqualTo(-1); // closed by the server
      assertThat(serverEvents.await(TrafficEvent.Failed.class).message())
          .matches("no TLS handshake with 127\\.0\\.0\\.1:\\d+ within 0\\.5 s; .*");
    }
  }

  @Test
  void aOneClientServerIsNotUsedUpByAFailedHandshake() throws Exception {
    ServerLimits one = ServerLimits.DEFAULT.withAcceptLimit(1);
    try (StreamServer server =
        server(TlsServerOptions.of(PKI.server), c -> c.write(new byte[] {7}), one)) {
      try (Socket scan = new Socket("127.0.0.1", server.port())) {
        scan.getOutputStream().write("not tls\r\n".getBytes(US_ASCII));
        scan.setSoTimeout(5000);
        InputStream in = scan.getInputStream();
        while (in.read() >= 0) {
          // the server answers with an alert and closes
        }
      }
      try (Connection c = connect("localhost", server, trusting())) {
        assertThat(readAll(c)).containsExactly(7);
      }
      assertThat(server.awaitStop(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void handshakingClientsCountAgainstTheConnectionLimit() throws Exception {
    ServerLimits one = ServerLimits.DEFAULT.withMaxConnections(1);
    try (StreamServer server = server(TlsServerOptions.of(PKI.server), c -> {}, one);
        Socket silent = new Socket("127.0.0.1", server.port())) {
      waitUntil(() -> !serverEvents.all(TrafficEvent.Accepted.class).isEmpty(), "first accepted");
      assertThatThrownBy(() -> connect("localhost", server, trusting()).close())
          .isInstanceOf(IOException.class);
      assertThat(serverEvents.await(TrafficEvent.Rejected.class).reason())
          .startsWith("too many connections");
    }
  }

  @Test
  void aPeerThatSendsAFinWithoutCloseNotifyEndsTheStreamWithANote() throws Exception {
    // the JDK's own TLS server, whose plain socket sends the FIN: no close_notify comes first
    javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        "k",
        PKI.server.key(),
        new char[0],
        PKI.server.chain().toArray(java.security.cert.Certificate[]::new));
    javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance("SunX509");
    kmf.init(ks, new char[0]);
    ctx.init(kmf.getKeyManagers(), null, null);
    try (java.net.ServerSocket listener =
        new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Thread peer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (Socket plain = listener.accept()) {
                      javax.net.ssl.SSLSocket tls =
                          (javax.net.ssl.SSLSocket)
                              ctx.getSocketFactory()
                                  .createSocket(plain, null, plain.getPort(), false);
                      tls.setUseClientMode(false);
                      tls.getOutputStream().write("abc".getBytes(US_ASCII));
                      tls.getOutputStream().flush();
                      plain.shutdownOutput();
                      plain.getInputStream().read(); // until the client goes
                    } catch (IOException e) {
                      // the client closed first
                    }
                  });
      try (Connection c =
          TcpClient.connect(
              TcpClientOptions.of("localhost", listener.getLocalPort()),
              TlsClient.of(trusting()),
              clientBus)) {
        assertThat(new String(readAll(c), US_ASCII)).isEqualTo("abc");
      }
      peer.join();
      assertThat(clientEvents.all(TrafficEvent.TlsStep.class))
          .anyMatch(s -> s.step().contains("without close_notify"));
    }
  }

  @Test
  void aSmallReadBufferGetsEveryByteOfALargeRecord() throws Exception {
    byte[] data = new byte[50_000];
    new Random(3).nextBytes(data);
    try (StreamServer server = server(TlsServerOptions.of(PKI.server), c -> c.write(data));
        Connection c = connect("localhost", server, trusting())) {
      java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
      ByteBuffer small = ByteBuffer.allocate(100);
      while (c.read(small.clear()) >= 0) {
        got.write(small.array(), 0, small.position());
      }
      assertThat(got.toByteArray()).isEqualTo(data);
    }
  }

  @Test
  void worksOverAUnixSocketCheckingANameOnlyWhenOneIsGiven(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("tls.sock");
    try (StreamServer server =
        dev.sockit.core.unix.UnixServer.bind(
            file,
            ServerLimits.DEFAULT,
            TlsServer.of(TlsServerOptions.of(PKI.server)),
            ConnectionIo.echo(),
            serverBus)) {
      for (String name : new String[] {null, "localhost"}) {
        try (Connection c =
            dev.sockit.core.unix.UnixClient.connect(
                file, TlsClient.of(trusting().withServerName(name)), clientBus)) {
          c.write("over unix\n".getBytes(US_ASCII));
          assertThat(ConnectionIo.readLine(c)).isEqualTo("over unix\n");
        }
      }
      List<TrafficEvent.TlsEstablished> done = clientEvents.all(TrafficEvent.TlsEstablished.class);
      assertThat(done.get(0).trust()).endsWith("; no name checked");
      assertThat(done.get(1).trust()).endsWith("; name localhost");
      assertThat(server.isOpen()).isTrue();
    }
  }

  @Test
  void pumpsAFileThroughTlsWithoutZeroCopy(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    byte[] data = new byte[4 << 20];
    new Random(5).nextBytes(data);
    java.nio.file.Path in = java.nio.file.Files.write(dir.resolve("in.bin"), data);
    java.nio.file.Path out = dir.resolve("out.bin");
    try (StreamServer server =
        server(
            TlsServerOptions.of(PKI.server),
            c -> {
              try (var sink =
                  java.nio.channels.FileChannel.open(
                      out,
                      java.nio.file.StandardOpenOption.CREATE,
                      java.nio.file.StandardOpenOption.WRITE)) {
                dev.sockit.core.stream.Pump.fromConnection(c, sink);
              }
              c.write(new byte[] {1});
            })) {
      try (Connection c = connect("localhost", server, trusting());
          var source = java.nio.channels.FileChannel.open(in)) {
        assertThat(dev.sockit.core.stream.Pump.toConnection(source, c)).isEqualTo(data.length);
        c.shutdownOutput();
        assertThat(readAll(c)).containsExactly(1);
      }
      assertThat(java.nio.file.Files.readAllBytes(out)).isEqualTo(data);
    }
  }

  @Test
  void aChatRoomWorksOverTls() throws Exception {
    dev.sockit.core.stream.Broker broker = new dev.sockit.core.stream.Broker(true);
    try (StreamServer server = server(TlsServerOptions.of(PKI.server), broker.handler());
        Connection a = connect("localhost", server, trusting())) {
      assertThat(ConnectionIo.readLine(a)).isEqualTo("<announce> already connected: nobody.\n");
      try (Connection b = connect("localhost", server, trusting())) {
        assertThat(ConnectionIo.readLine(b))
            .startsWith("<announce> already connected: 127.0.0.1 as <user1>");
        assertThat(ConnectionIo.readLine(a))
            .isEqualTo("<announce> 127.0.0.1 is connected as <user2>.\n");
        b.write("hello\n".getBytes(US_ASCII));
        assertThat(ConnectionIo.readLine(a)).isEqualTo("<user2> hello\n");
      }
    }
  }

  /** Runs {@code action}, which must fail with a TLS exception, and returns it. */
  private static TlsException failure(IoAction action) {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    try {
      action.run();
    } catch (Throwable t) {
      thrown.set(t);
    }
    assertThat(thrown.get()).as("a TLS failure").isInstanceOf(TlsException.class);
    return (TlsException) thrown.get();
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws Exception;
  }

  static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }
}
