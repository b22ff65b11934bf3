package dev.sockit.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockit.core.event.RecordingListener;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.net.Family;
import dev.sockit.core.net.Transport;
import dev.sockit.core.sockettable.PortTable;
import dev.sockit.core.sockettable.SocketQuery;
import dev.sockit.core.stream.Connection;
import dev.sockit.core.stream.ConnectionHandler;
import dev.sockit.core.stream.ServerLimits;
import dev.sockit.core.stream.StreamServer;
import dev.sockit.core.tcp.TcpClient;
import dev.sockit.core.tcp.TcpClientOptions;
import dev.sockit.core.tcp.TcpServer;
import dev.sockit.core.tcp.TcpServerOptions;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's TLS against the TLS of the tools users have: openssl s_server/s_client, ncat --ssl,
 * socat OPENSSL. Each direction carries 16 MiB of random bytes whose SHA-256 must arrive intact;
 * peers verify sockit's certificate (a test CA) and sockit verifies theirs.
 */
@Timeout(60)
class TlsPeersIT {
  private static final int SIZE = 16 << 20;
  private static final TestPki PKI = TestPki.get();
  @TempDir static Path dir;
  private static Path data;
  private static String dataSha;
  private static Path serverCert;
  private static Path serverKey;
  private static Path clientCert;
  private static Path clientKey;
  private static Path caFile;

  private final List<Process> processes = new ArrayList<>();

  @BeforeAll
  static void files() throws Exception {
    byte[] bytes = new byte[SIZE];
    new Random(17).nextBytes(bytes);
    data = dir.resolve("data.bin");
    Files.write(data, bytes);
    dataSha = sha(bytes);
    Path[] s = TestPki.write(PKI.server, dir, "server");
    serverCert = s[0];
    serverKey = s[1];
    Path[] c = TestPki.write(PKI.client, dir, "client");
    clientCert = c[0];
    clientKey = c[1];
    caFile = TestPki.writeCerts(PKI.ca.chain(), dir.resolve("ca.pem"));
  }

  @AfterEach
  void stopPeers() {
    processes.forEach(Process::destroyForcibly);
  }

  // ---- sockit client, peer server ----

  @Test
  void uploadsToOpensslServerAndDownloadsFromIt() throws Exception {
    String openssl = require("openssl");
    Path out = dir.resolve("s_server.out");
    int port =
        peerServer(
            p ->
                List.of(
                    openssl,
                    "s_server",
                    "-accept",
                    "127.0.0.1:" + p,
                    "-cert",
                    serverCert.toString(),
                    "-key",
                    serverKey.toString(),
                    "-quiet",
                    "-naccept",
                    "1"),
            null,
            out);
    upload(port, trusting());
    assertThat(waitForFile(out, 0)).isEqualTo(dataSha);

    int port2 =
        peerServer(
            p ->
                List.of(
                    openssl,
                    "s_server",
                    "-accept",
                    "127.0.0.1:" + p,
                    "-cert",
                    serverCert.toString(),
                    "-key",
                    serverKey.toString(),
                    "-quiet",
                    "-naccept",
                    "1"),
            data,
            null);
    assertThat(sha(download(port2, trusting()))).isEqualTo(dataSha);
  }

  @Test
  void negotiatesAlpnAndPresentsAClientCertificateToOpenssl() throws Exception {
    String openssl = require("openssl");
    Path out = dir.resolve("mtls.out");
    int port =
        peerServer(
            p ->
                List.of(
                    openssl,
                    "s_server",
                    "-accept",
                    "127.0.0.1:" + p,
                    "-cert",
                    serverCert.toString(),
                    "-key",
                    serverKey.toString(),
                    "-quiet",
                    "-naccept",
                    "1",
                    "-alpn",
                    "h2,http/1.1",
                    "-Verify",
                    "1",
                    "-CAfile",
                    caFile.toString()),
            null,
            out);
    RecordingListener events = RecordingListener.counting();
    upload(port, trusting().withAlpn(List.of("http/1.1")).withIdentity(PKI.client), events);
    assertThat(waitForFile(out, 0)).isEqualTo(dataSha);
    TrafficEvent.TlsEstablished e = events.await(TrafficEvent.TlsEstablished.class);
    assertThat(e.alpn()).isEqualTo("http/1.1");
    assertThat(events.all(TrafficEvent.TlsStep.class))
        .anyMatch(s -> s.step().startsWith("the server asks for a client certificate: sending"));
  }

  @Test
  void uploadsToNcatAndDownloadsFromIt() throws Exception {
    String ncat = require("ncat");
    Path out = dir.resolve("ncat.out");
    int port =
        peerServer(
            p ->
                List.of(
                    ncat,
                    "-l",
                    "--ssl",
                    "--ssl-cert",
                    serverCert.toString(),
                    "--ssl-key",
                    serverKey.toString(),
                    "127.0.0.1",
                    String.valueOf(p)),
            null,
            out);
    upload(port, trusting());
    assertThat(waitForFile(out, 0)).isEqualTo(dataSha);

    Path sent = dir.resolve("ncat-sent.out");
    int port2 =
        peerServer(
            p ->
                List.of(
                    ncat,
                    "-l",
                    "--ssl",
                    "--ssl-cert",
                    serverCert.toString(),
                    "--ssl-key",
                    serverKey.toString(),
                    "127.0.0.1",
                    String.valueOf(p)),
            data,
            sent);
    assertThat(sha(download(port2, trusting()))).isEqualTo(dataSha);
  }

  @Test
  void uploadsToSocatAndDownloadsFromIt() throws Exception {
    String socat = require("socat");
    Path out = dir.resolve("socat.out");
    String listen =
        "OPENSSL-LISTEN:%d,bind=127.0.0.1,reuseaddr,cert="
            + serverCert
            + ",key="
            + serverKey
            + ",verify=0";
    int port =
        peerServer(p -> List.of(socat, "-u", listen.formatted(p), "CREATE:" + out), null, null);
    upload(port, trusting());
    assertThat(waitForFile(out, 0)).isEqualTo(dataSha);

    int port2 =
        peerServer(p -> List.of(socat, "-u", "OPEN:" + data, listen.formatted(p)), null, null);
    assertThat(sha(download(port2, trusting()))).isEqualTo(dataSha);
  }

  // ---- peer client, sockit server ----

  @Test
  void opensslClientUploadsToSockitAndDownloadsFromIt() throws Exception {
    String openssl = require("openssl");
    try (Sink sink = new Sink(false)) {
      Process p =
          start(
              List.of(
                  openssl,
                  "s_client",
                  "-connect",
                  "127.0.0.1:" + sink.port(),
                  "-CAfile",
                  caFile.toString(),
                  "-verify_return_error",
                  "-verify_hostname",
                  "localhost",
                  "-nocommands"),
              data,
              null);
      assertThat(sink.sha()).isEqualTo(dataSha);
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
    try (Source source = new Source(false)) {
      Path got = dir.resolve("s_client.out");
      Process p =
          start(
              List.of(
                  openssl,
                  "s_client",
                  "-connect",
                  "127.0.0.1:" + source.port(),
                  "-CAfile",
                  caFile.toString(),
                  "-verify_return_error",
                  "-verify_hostname",
                  "localhost",
                  "-quiet",
                  "-cert",
                  clientCert.toString(),
                  "-key",
                  clientKey.toString()),
              null,
              got);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      assertThat(shaOf(got)).isEqualTo(dataSha);
    }
  }

  @Test
  void opensslClientWithoutACertificateIsRefusedWhenOneIsRequired() throws Exception {
    String openssl = require("openssl");
    try (Source source = new Source(true)) {
      Process p =
          start(
              List.of(
                  openssl,
                  "s_client",
                  "-connect",
                  "127.0.0.1:" + source.port(),
                  "-CAfile",
                  caFile.toString(),
                  "-quiet"),
              null,
              dir.resolve("refused.out"));
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(source.events.await(TrafficEvent.Failed.class).message())
          .matches("client 127\\.0\\.0\\.1:\\d+ sent no certificate, but one is required");
      assertThat(Files.size(dir.resolve("refused.out"))).isZero();
    }
  }

  @Test
  void ncatClientWithVerificationUploadsAndDownloads() throws Exception {
    String ncat = require("ncat");
    try (Sink sink = new Sink(false)) {
      Process p =
          start(
              List.of(
                  ncat,
                  "--ssl",
                  "--ssl-verify",
                  "--ssl-trustfile",
                  caFile.toString(),
                  "localhost",
                  String.valueOf(sink.port())),
              data,
              null);
      assertThat(sink.sha()).isEqualTo(dataSha);
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
    try (Source source = new Source(false)) {
      Path got = dir.resolve("ncat-client.out");
      Process p =
          start(
              List.of(
                  ncat,
                  "--ssl",
                  "--ssl-verify",
                  "--ssl-trustfile",
                  caFile.toString(),
                  "localhost",
                  String.valueOf(source.port())),
              null,
              got);
      // ncat --ssl leaves only when its stdin ends too, even after the server's close_notify
      assertThat(waitForFile(got, 0)).isEqualTo(dataSha);
      p.getOutputStream().close();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void socatClientWithVerificationUploadsAndDownloads() throws Exception {
    String socat = require("socat");
    String connect = "OPENSSL:localhost:%d,cafile=" + caFile + ",verify=1";
    try (Sink sink = new Sink(false)) {
      Process p =
          start(List.of(socat, "-u", "OPEN:" + data, connect.formatted(sink.port())), null, null);
      assertThat(sink.sha()).isEqualTo(dataSha);
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
    }
    try (Source source = new Source(false)) {
      Path got = dir.resolve("socat-client.out");
      Process p =
          start(
              List.of(socat, "-u", connect.formatted(source.port()), "CREATE:" + got), null, null);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      assertThat(shaOf(got)).isEqualTo(dataSha);
    }
  }

  // ---- helpers ----

  private static TlsClientOptions trusting() {
    return TlsClientOptions.defaults().withTrust(PKI.trustCa());
  }

  private void upload(int port, TlsClientOptions options) throws Exception {
    upload(port, options, RecordingListener.counting());
  }

  private void upload(int port, TlsClientOptions options, RecordingListener events)
      throws Exception {
    TrafficBus bus = new TrafficBus();
    bus.subscribe(events);
    try (Connection c =
        TcpClient.connect(TcpClientOptions.of("localhost", port), TlsClient.of(options), bus)) {
      c.write(Files.readAllBytes(data));
      c.shutdownOutput();
      ByteBuffer b = ByteBuffer.allocate(64 * 1024);
      while (c.read(b.clear()) >= 0) {
        // until the peer ends
      }
    }
  }

  private static byte[] download(int port, TlsClientOptions options) throws Exception {
    try (Connection c =
        TcpClient.connect(
            TcpClientOptions.of("localhost", port), TlsClient.of(options), new TrafficBus())) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(SIZE);
      ByteBuffer b = ByteBuffer.allocate(1 << 20);
      while (c.read(b.clear()) >= 0) {
        out.write(b.array(), 0, b.position());
      }
      return out.toByteArray();
    }
  }

  /** A sockit TLS server that reads everything one client sends. */
  private final class Sink implements AutoCloseable {
    private final StreamServer server;
    private final AtomicReference<byte[]> got = new AtomicReference<>();
    private final java.util.concurrent.CountDownLatch done =
        new java.util.concurrent.CountDownLatch(1);

    Sink(boolean requireClient) throws IOException {
      ConnectionHandler h =
          c -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(SIZE);
            ByteBuffer b = ByteBuffer.allocate(1 << 20);
            while (c.read(b.clear()) >= 0) {
              out.write(b.array(), 0, b.position());
            }
            got.set(out.toByteArray());
            done.countDown();
          };
      server = bind(requireClient, h, new TrafficBus());
    }

    int port() {
      return server.port();
    }

    String sha() throws Exception {
      assertThat(done.await(30, TimeUnit.SECONDS)).as("the upload ended").isTrue();
      return TlsPeersIT.sha(got.get());
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  /** A sockit TLS server that sends the data to one client and ends its side. */
  private final class Source implements AutoCloseable {
    private final StreamServer server;
    final RecordingListener events = RecordingListener.counting();

    Source(boolean requireClient) throws IOException {
      TrafficBus bus = new TrafficBus();
      bus.subscribe(events);
      server =
          bind(
              requireClient,
              c -> {
                c.write(Files.readAllBytes(data));
                c.shutdownOutput();
                ByteBuffer b = ByteBuffer.allocate(4096);
                while (c.read(b.clear()) >= 0) {
                  // until the client goes
                }
              },
              bus);
    }

    int port() {
      return server.port();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  private static StreamServer bind(boolean requireClient, ConnectionHandler h, TrafficBus bus)
      throws IOException {
    TlsServerOptions o = TlsServerOptions.of(PKI.server);
    if (requireClient) {
      o = o.withClientAuthorities(PKI.ca.chain(), "ca.pem");
    }
    return TcpServer.bind(
        TcpServerOptions.of(InetAddress.getByName("127.0.0.1"), 0)
            .withLimits(ServerLimits.DEFAULT.withMaxConnections(4)),
        TlsServer.of(o),
        h,
        bus);
  }

  /**
   * Starts a peer server on a free port, retrying if another process took it; waits until it
   * listens.
   */
  private int peerServer(
      java.util.function.IntFunction<List<String>> command, Path stdin, Path stdout)
      throws Exception {
    for (int attempt = 0; ; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        port = s.getLocalPort();
      }
      Process p = start(command.apply(port), stdin, stdout);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline && p.isAlive() && !listening(port)) {
        Thread.sleep(20);
      }
      if (p.isAlive() && listening(port)) {
        return port;
      }
      p.destroyForcibly();
      if (attempt == 2) {
        throw new AssertionError("the peer server did not start: " + command.apply(port));
      }
    }
  }

  private static boolean listening(int port) throws IOException {
    return !PortTable.read(Set.of(Transport.TCP), false)
        .select(new SocketQuery(Set.of(Transport.TCP), Family.ANY, true, port, -1, Set.of()))
        .isEmpty();
  }

  /**
   * Starts a peer. Without a stdin file its stdin is a pipe kept open (a peer that reads EOF on
   * stdin would end the session before the data arrived).
   */
  private Process start(List<String> command, Path stdin, Path stdout) throws IOException {
    ProcessBuilder b = new ProcessBuilder(command).redirectError(dir.resolve("peer.err").toFile());
    b.redirectOutput(
        stdout == null
            ? ProcessBuilder.Redirect.DISCARD
            : ProcessBuilder.Redirect.to(stdout.toFile()));
    if (stdin != null && command.get(0).endsWith("ncat")) {
      // ncat cannot poll a regular file: feed it through a pipe
      Process p = b.start();
      processes.add(p);
      Thread.ofVirtual()
          .start(
              () -> {
                try (OutputStream in = p.getOutputStream()) {
                  Files.copy(stdin, in);
                } catch (IOException e) {
                  // the peer went away
                }
              });
      return p;
    }
    if (stdin != null) {
      b.redirectInput(stdin.toFile());
    }
    Process p = b.start();
    processes.add(p);
    return p;
  }

  /** The SHA-256 of a file once it has all {@link #SIZE} bytes (a peer may still be writing). */
  private static String waitForFile(Path file, int unused) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline && (!Files.exists(file) || Files.size(file) < SIZE)) {
      Thread.sleep(20);
    }
    Thread.sleep(50);
    return shaOf(file);
  }

  private static String shaOf(Path file) throws Exception {
    return sha(Files.exists(file) ? Files.readAllBytes(file) : new byte[0]);
  }

  static String sha(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static String require(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      File f = new File(d, program);
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    String reason = program + " is not installed; skipped (.ci/run installs it)";
    System.out.println("SKIP: " + reason);
    assumeTrue(false, reason);
    return null;
  }
}
