package dev.sockit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * sockit's TCP commands against ncat, socat and nc, in both directions, IPv4 and IPv6, binary-safe.
 */
@Timeout(90)
class TcpPeersIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern NCAT_LISTENING = Pattern.compile("Listening on");

  @TempDir Path dir;

  private Path randomFile(int size) throws Exception {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    Path file = dir.resolve("random-" + size + ".bin");
    Files.write(file, data);
    return file;
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  @Test
  void sockitConnectSendsBinaryToNcatListen() throws Exception {
    String ncat = Peers.require("ncat");
    Path input = randomFile(5 * 1024 * 1024 + 7);
    int port = Peers.freePort();
    try (Proc server = Proc.peer(ncat, "-v", "-l", "127.0.0.1", String.valueOf(port))) {
      server.awaitStderr(NCAT_LISTENING, WAIT);
      try (Proc client =
          Proc.sockitWithInput(input, "tcp", "connect", "127.0.0.1", String.valueOf(port))) {
        assertThat(client.waitFor(WAIT)).isZero();
      }
      assertThat(server.waitFor(WAIT)).isZero();
      assertThat(sha256(server.stdoutBytes())).isEqualTo(sha256(Files.readAllBytes(input)));
    }
  }

  @Test
  void ncatConnectSendsBinaryToSockitListen() throws Exception {
    String ncat = Peers.require("ncat");
    Path input = randomFile(4 * 1024 * 1024 + 3);
    try (Proc server = Proc.sockit("tcp", "listen", "127.0.0.1", "0")) {
      int port = server.awaitListening();
      try (Proc client =
          Proc.start(java.util.List.of(ncat, "127.0.0.1", String.valueOf(port)), input)) {
        assertThat(client.waitFor(WAIT)).isZero();
      }
      assertThat(server.waitFor(WAIT)).isZero();
      assertThat(sha256(server.stdoutBytes())).isEqualTo(sha256(Files.readAllBytes(input)));
    }
  }

  @Test
  void socatEchoesBinaryBackThroughSockitConnect() throws Exception {
    String socat = Peers.require("socat");
    Path input = randomFile(3 * 1024 * 1024 + 1);
    int port = Peers.freePort();
    try (Proc echo =
        Proc.peer(
            socat, "-d", "-d", "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr", "EXEC:cat")) {
      echo.awaitStderr(Pattern.compile("listening on"), WAIT);
      try (Proc client = Proc.sockitWithInput(input, "tcp", "connect", "127.0.0.1:" + port)) {
        assertThat(client.waitFor(WAIT)).as(client.stderr()).isZero();
        assertThat(sha256(client.stdoutBytes())).isEqualTo(sha256(Files.readAllBytes(input)));
      }
    }
  }

  @Test
  void socatSendsToSockitListenOverIpv6() throws Exception {
    String socat = Peers.require("socat");
    Peers.requireIpv6Loopback();
    Path input = randomFile(1024 * 1024);
    try (Proc server = Proc.sockit("tcp", "listen", "::1", "0")) {
      int port = server.awaitListening();
      assertThat(server.stderr()).contains("listening on [::1]:" + port + " (tcp)");
      try (Proc client =
          Proc.start(java.util.List.of(socat, "-u", "STDIN", "TCP6:[::1]:" + port), input)) {
        assertThat(client.waitFor(WAIT)).isZero();
      }
      assertThat(server.waitFor(WAIT)).isZero();
      assertThat(sha256(server.stdoutBytes())).isEqualTo(sha256(Files.readAllBytes(input)));
    }
  }

  @Test
  void sockitConnectToBracketedIpv6NcatListener() throws Exception {
    String ncat = Peers.require("ncat");
    Peers.requireIpv6Loopback();
    int port = Peers.freePort();
    try (Proc server = Proc.peer(ncat, "-v", "-6", "-l", "::1", String.valueOf(port))) {
      server.awaitStderr(NCAT_LISTENING, WAIT);
      Path input = dir.resolve("line.txt");
      Files.writeString(input, "over ipv6\n");
      try (Proc client = Proc.sockitWithInput(input, "tcp", "connect", "[::1]:" + port)) {
        assertThat(client.waitFor(WAIT)).isZero();
      }
      assertThat(server.waitFor(WAIT)).isZero();
      assertThat(server.stdout()).isEqualTo("over ipv6\n");
    }
  }

  @Test
  void ncConnectsToSockitListenAndBothDirectionsFlow() throws Exception {
    String nc = Peers.require("nc");
    try (Proc server = Proc.sockit("tcp", "listen", "127.0.0.1", "0")) {
      int port = server.awaitListening();
      // nc -N sends a FIN when its stdin ends (openbsd netcat needs -N for that).
      try (Proc client = Proc.peer(nc, "-N", "127.0.0.1", String.valueOf(port))) {
        client.write("from nc\n");
        server.awaitStdout("from nc\n", WAIT);
        server.write("from sockit\n");
        client.awaitStdout("from sockit\n", WAIT);
        server.closeStdin();
        client.closeStdin();
        assertThat(client.waitFor(WAIT)).isZero();
      }
      assertThat(server.waitFor(WAIT)).isZero();
    }
  }

  @Test
  void aNameWithTwoAddressesFallsBackToTheOneThatAnswers() throws Exception {
    String ncat = Peers.require("ncat");
    Peers.requireIpv6Loopback();
    // A hosts file gives the name both loopbacks; IPv4 comes first (the JDK's default order), and
    // the server listens on ::1 only, so the first attempt is refused and the second must be tried.
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, "127.0.0.1 dual.sockit.test\n::1 dual.sockit.test\n");
    int port = Peers.freePort();
    try (Proc server = Proc.peer(ncat, "-v", "-6", "-l", "::1", String.valueOf(port))) {
      server.awaitStderr(NCAT_LISTENING, WAIT);
      Path input = dir.resolve("hi.txt");
      Files.writeString(input, "hi\n");
      var env = java.util.Map.of("SOCKIT_JAVA_OPTS", "-Djdk.net.hosts.file=" + hosts);
      try (Proc client =
          Proc.start(
              Proc.sockitCommand("tcp", "connect", "-v", "dual.sockit.test", String.valueOf(port)),
              input,
              env)) {
        assertThat(client.waitFor(WAIT)).as(client.stderr()).isZero();
        assertThat(client.stderr())
            .contains("connect to 127.0.0.1:" + port + ": refused")
            .contains("connected to [::1]:" + port);
      }
      assertThat(server.waitFor(WAIT)).isZero();
      assertThat(server.stdout()).isEqualTo("hi\n");
    }
  }

  @Test
  void sockitConnectSendsToNcListenAndReadsItsReply() throws Exception {
    String nc = Peers.require("nc");
    int port = Peers.freePort();
    try (Proc server = Proc.peer(nc, "-v", "-l", "127.0.0.1", String.valueOf(port))) {
      server.awaitStderr(Pattern.compile("Listening on"), WAIT);
      try (Proc client = Proc.sockit("tcp", "connect", "127.0.0.1", String.valueOf(port))) {
        client.write("to nc\n");
        server.awaitStdout("to nc\n", WAIT);
        server.write("from nc\n");
        client.awaitStdout("from nc\n", WAIT);
        server.closeStdin();
        client.closeStdin();
        assertThat(client.waitFor(WAIT)).isZero();
      }
    }
  }
}
