package dev.sockit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code sockit ports}, {@code scan} and {@code probe} run through the launcher against loopback servers of this test. */
@Timeout(120)
class PortsScanProbeIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Test
  void portsShowsThisProcessListening() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, LOOPBACK)) {
      int port = server.getLocalPort();
      try (Proc p = Proc.sockit("ports", "--listening", "--tcp", "--port", String.valueOf(port))) {
        assertThat(p.waitFor(WAIT)).as(p.stderr()).isZero();
        String out = p.stdout();
        // a java.net.ServerSocket is a dual-stack IPv6 socket: ss and sockit show [::ffff:127.0.0.1]:PORT
        assertThat(out).startsWith("Proto").contains("LISTEN").contains("[::ffff:127.0.0.1]:" + port)
            .contains(ProcessHandle.current().pid() + "/java");
        assertThat(out.lines().count()).isEqualTo(2); // the header and our listener
      }
    }
  }

  @Test
  void fullScanFindsOurListenersAndGrabsABanner() throws Exception {
    try (ServerSocket talker = new ServerSocket(0, 5, LOOPBACK); ServerSocket quiet = new ServerSocket(0, 5, LOOPBACK)) {
      Thread.ofVirtual().start(() -> {
        while (!talker.isClosed()) {
          try (Socket c = talker.accept()) {
            c.getOutputStream().write("220 sockit-it ready\r\n".getBytes(StandardCharsets.US_ASCII));
            c.getInputStream().read();
          } catch (IOException e) {
            // the full scan hangs up at once, so this write may meet a reset; serve the next one
          }
        }
      });
      try (Proc p = Proc.sockit("scan", "127.0.0.1", "1-65535", "--json")) {
        assertThat(p.waitFor(WAIT)).as(p.stderr()).isZero();
        String json = p.stdout();
        assertThat(json).contains("\"portCount\": 65535").contains("\"notShown\": \"closed\"");
        assertThat(json).containsPattern("\"open\": \\[[^]]*\\b" + talker.getLocalPort() + "\\b");
        assertThat(json).containsPattern("\"open\": \\[[^]]*\\b" + quiet.getLocalPort() + "\\b");
      }
      try (Proc p = Proc.sockit("scan", "127.0.0.1", talker.getLocalPort() + "," + quiet.getLocalPort(), "--banner", "--banner-wait", "500ms")) {
        assertThat(p.waitFor(WAIT)).as(p.stderr()).isZero();
        assertThat(p.stdout()).contains(talker.getLocalPort() + "/tcp").contains("220 sockit-it ready\\r\\n")
            .contains("Summary: 2 open");
        assertThat(p.stderr()).isEmpty(); // no progress bar when not on a terminal
      }
    }
  }

  @Test
  void scanRejectsABadPortListWithExit2() throws Exception {
    try (Proc p = Proc.sockit("scan", "127.0.0.1", "80,100-1")) {
      assertThat(p.waitFor(WAIT)).isEqualTo(2);
      assertThat(p.stderr().strip()).isEqualTo("sockit: range '100-1' runs backwards; write 1-100");
      assertThat(p.stdout()).isEmpty();
    }
  }

  @Test
  void probeTimesAnHttpExchange() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 5);
    server.createContext("/", exchange -> {
      byte[] body = "probe me\n".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try (Proc p = Proc.sockit("probe", "http://127.0.0.1:" + server.getAddress().getPort() + "/hello")) {
      assertThat(p.waitFor(WAIT)).as(p.stderr()).isZero();
      assertThat(p.stdout())
          .contains("dns       127.0.0.1 is an address, no lookup")
          .contains("connect   127.0.0.1:" + server.getAddress().getPort() + " connected in")
          .contains("request   GET /hello HTTP/1.1")
          .contains("response  HTTP/1.1 200 OK (first byte after")
          .contains("body      9 bytes");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void probeOfAClosedPortExits1WithOneLine() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      port = s.getLocalPort();
    }
    try (Proc p = Proc.sockit("probe", "127.0.0.1:" + port)) {
      assertThat(p.waitFor(WAIT)).isEqualTo(1);
      assertThat(p.stderr().strip()).startsWith("sockit: connect failed: cannot connect to 127.0.0.1:" + port).doesNotContain("\n");
      assertThat(p.stdout()).contains("refused (nothing listening)");
    }
  }
}
