package dev.sockit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Unix domain sockets against socat and nc -U; the socket file is removed on exit. */
@Timeout(60)
class UnixIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Pattern READY = Pattern.compile("listening on (\\S+) \\(unix\\)");

  @TempDir Path dir;

  @Test
  void socatConnectsToSockitUnixListen() throws Exception {
    String socat = Peers.require("socat");
    Path sock = dir.resolve("s.sock");
    Path input = dir.resolve("in.bin");
    byte[] data = new byte[2 * 1024 * 1024];
    new java.util.Random(7).nextBytes(data);
    Files.write(input, data);
    try (Proc server = Proc.sockit("unix", "listen", sock.toString())) {
      assertThat(server.awaitStderr(READY, WAIT).group(1)).isEqualTo(sock.toString());
      assertThat(Files.exists(sock)).isTrue();
      try (Proc client = Proc.start(List.of(socat, "-u", "STDIN", "UNIX-CONNECT:" + sock), input)) {
        assertThat(client.waitFor(WAIT)).isZero();
      }
      assertThat(server.waitFor(WAIT)).isZero();
      assertThat(server.stdoutBytes()).isEqualTo(data);
    }
    assertThat(Files.exists(sock)).as("socket file removed on exit").isFalse();
  }

  @Test
  void sockitUnixConnectTalksToNcUnixListener() throws Exception {
    String nc = Peers.require("nc");
    Path sock = dir.resolve("nc.sock");
    try (Proc server = Proc.peer(nc, "-lU", sock.toString())) {
      long end = System.nanoTime() + WAIT.toNanos();
      while (!Files.exists(sock) && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      try (Proc client = Proc.sockit("unix", "connect", sock.toString())) {
        client.write("over a unix socket\n");
        server.awaitStdout("over a unix socket\n", WAIT);
        server.write("answer\n");
        client.awaitStdout("answer\n", WAIT);
        client.closeStdin();
        server.closeStdin();
        assertThat(client.waitFor(WAIT)).isZero();
      }
    }
  }

  @Test
  void echoKeepOpenServesSeveralSocatClientsAndKillRemovesTheFile() throws Exception {
    String socat = Peers.require("socat");
    Path sock = dir.resolve("echo.sock");
    Path input = dir.resolve("hi.txt");
    Files.writeString(input, "echo me\n");
    try (Proc server = Proc.sockit("unix", "listen", "-k", "--echo", sock.toString())) {
      server.awaitStderr(READY, WAIT);
      for (int i = 0; i < 3; i++) {
        try (Proc client = Proc.start(List.of(socat, "-", "UNIX-CONNECT:" + sock), input)) {
          assertThat(client.waitFor(WAIT)).isZero();
          assertThat(client.stdout()).isEqualTo("echo me\n");
        }
      }
      ProcessHandle.of(server.pid()).orElseThrow().destroy();
      server.waitFor(WAIT);
    }
    assertThat(Files.exists(sock)).as("SIGTERM removes the socket file too").isFalse();
  }

  @Test
  void missingSocketFileExitsOneNamingIt() throws Exception {
    Path sock = dir.resolve("absent.sock");
    try (Proc client = Proc.sockit("unix", "connect", sock.toString())) {
      assertThat(client.waitFor(WAIT)).isEqualTo(1);
      assertThat(client.stderr().strip())
          .startsWith("sockit: ")
          .contains(sock.toString())
          .doesNotContain("\n");
    }
  }
}
