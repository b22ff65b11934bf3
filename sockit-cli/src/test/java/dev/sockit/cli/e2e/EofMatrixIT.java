package dev.sockit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ncat's EOF matrix: client or server side, stdin or socket ends first. The peer here is a plain
 * Java socket in the test, so each half-close is exactly controlled and observed.
 */
@Timeout(60)
class EofMatrixIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /**
   * Client side, stdin ends first: a FIN reaches the server, output continues until the server
   * closes.
   */
  @Test
  void connectStdinEndsFirstSendsFinAndKeepsReading() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(20_000);
      try (Proc client =
              Proc.sockit("tcp", "connect", "127.0.0.1", String.valueOf(server.getLocalPort()));
          Socket peer = server.accept()) {
        peer.setSoTimeout(20_000);
        client.write("request\n");
        client.closeStdin();
        InputStream in = peer.getInputStream();
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .as("data then FIN")
            .isEqualTo("request\n");
        assertThat(client.isAlive()).as("still reading after its FIN").isTrue();
        OutputStream out = peer.getOutputStream();
        out.write("response\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        client.awaitStdout("response\n", WAIT);
        peer.close();
        assertThat(client.waitFor(WAIT)).isZero();
      }
    }
  }

  /**
   * Client side, socket ends first: sockit exits at once though stdin is still open (no
   * CLOSE_WAIT).
   */
  @Test
  void connectPeerClosesFirstExitsPromptly() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(20_000);
      try (Proc client =
          Proc.sockit("tcp", "connect", "127.0.0.1", String.valueOf(server.getLocalPort()))) {
        try (Socket peer = server.accept()) {
          peer.getOutputStream().write("bye\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(client.waitFor(Duration.ofSeconds(5))).isZero();
        assertThat(client.stdout()).isEqualTo("bye\n");
      }
    }
  }

  /** --no-shutdown: stdin ends but no FIN is sent; the server's read does not see end-of-stream. */
  @Test
  void noShutdownKeepsTheWriteSideOpen() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(20_000);
      try (Proc client =
              Proc.sockit(
                  "tcp",
                  "connect",
                  "--no-shutdown",
                  "127.0.0.1",
                  String.valueOf(server.getLocalPort()));
          Socket peer = server.accept()) {
        client.write("x");
        client.closeStdin();
        peer.setSoTimeout(20_000); // the byte itself may take a fresh JVM a while
        InputStream in = peer.getInputStream();
        assertThat(in.read()).isEqualTo('x');
        peer.setSoTimeout(1500);
        org.assertj.core.api.Assertions.assertThatThrownBy(in::read)
            .as("no FIN: the read times out instead of returning -1")
            .isInstanceOf(java.net.SocketTimeoutException.class);
        peer.close();
        assertThat(client.waitFor(WAIT)).isZero();
      }
    }
  }

  /** --send-only: quits as soon as stdin ends. */
  @Test
  void sendOnlyQuitsWhenStdinEnds() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(20_000);
      try (Proc client =
              Proc.sockit(
                  "tcp",
                  "connect",
                  "--send-only",
                  "127.0.0.1",
                  String.valueOf(server.getLocalPort()));
          Socket peer = server.accept()) {
        peer.getOutputStream().write("ignored\n".getBytes(StandardCharsets.UTF_8));
        client.write("only\n");
        client.closeStdin();
        assertThat(client.waitFor(WAIT)).isZero();
        assertThat(client.stdout()).isEmpty();
        peer.setSoTimeout(20_000);
        assertThat(new String(peer.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo("only\n");
      }
    }
  }

  /** -q: quits the given time after stdin ends even though the peer stays open. */
  @Test
  void quitAfterStdinEnds() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(20_000);
      try (Proc client =
              Proc.sockit(
                  "tcp",
                  "connect",
                  "-q",
                  "200ms",
                  "127.0.0.1",
                  String.valueOf(server.getLocalPort()));
          Socket peer = server.accept()) {
        client.closeStdin();
        assertThat(client.waitFor(Duration.ofSeconds(10))).isZero();
        assertThat(peer.isClosed()).isFalse();
      }
    }
  }

  /** Server side, stdin ends first: FIN to the client, which still gets the server's data first. */
  @Test
  void listenStdinEndsFirstSendsFin() throws Exception {
    try (Proc server = Proc.sockit("tcp", "listen", "127.0.0.1", "0")) {
      int port = server.awaitListening();
      try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
        client.setSoTimeout(20_000);
        server.write("hello client\n");
        server.closeStdin();
        assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo("hello client\n");
        assertThat(server.isAlive()).as("waits for the client's side").isTrue();
        client.getOutputStream().write("late reply\n".getBytes(StandardCharsets.UTF_8));
        client.shutdownOutput();
        assertThat(server.waitFor(WAIT)).isZero();
        assertThat(server.stdout()).isEqualTo("late reply\n");
      }
    }
  }

  /** Server side, socket ends first: the client closes, the one-shot listener exits at once. */
  @Test
  void listenClientClosesFirstExits() throws Exception {
    try (Proc server = Proc.sockit("tcp", "listen", "127.0.0.1", "0")) {
      int port = server.awaitListening();
      try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
        client.getOutputStream().write("one\n".getBytes(StandardCharsets.UTF_8));
      }
      assertThat(server.waitFor(Duration.ofSeconds(5))).isZero();
      assertThat(server.stdout()).isEqualTo("one\n");
    }
  }

  /** A reset from the peer is a runtime failure: exit 1 with one line naming it. */
  @Test
  void resetByPeerExitsOne() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(20_000);
      try (Proc client =
          Proc.sockit("tcp", "connect", "127.0.0.1", String.valueOf(server.getLocalPort()))) {
        Socket peer = server.accept();
        client.write("data that will not be read\n");
        Thread.sleep(200);
        peer.setSoLinger(true, 0);
        peer.close();
        assertThat(client.waitFor(WAIT)).isEqualTo(1);
        assertThat(client.stderr().strip())
            .startsWith("sockit: ")
            .contains("reset")
            .doesNotContain("\n")
            .doesNotContain("Exception");
      }
    }
  }
}
