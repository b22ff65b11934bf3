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

/**
 * {@code sockit ports}, {@code scan} and {@code probe} run through the launcher against loopback
 * servers of this test.
 */
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
        // a java.net.ServerSocket is a dual-stack IPv6 socket: ss and sockit show
        // [::ffff:127.0.0.1]:PORT
        assertThat(out)
            .startsWith("Proto")
            .contains("LISTEN")
            .contains("[::ffff:127.0.0.1]:" + port)
            .contains(ProcessHandle.current().pid() + "/java");
        assertThat(out.lines().count()).isEqualTo(2); // the header and our listener
      }
    }
  }

  @Test
  void fullScanFindsOurListenersAndGrabsABanner() throws Exception {
    try (ServerSocket talker = new ServerSocket(0, 5, LOOPBACK);
        ServerSocket quiet = new ServerSocket(0, 5, LOOPBACK)) {
      Thread.ofVirtual()
          .start(
              () -> {
                while (!talker.isClosed()) {
                  try (Socket c = talker.accept()) {
                    c.getOutputStream()
                        .write("220 sockit-it ready\r\n".getBytes(StandardCharsets.US_ASCII));
                    c.getInputStream().read();
                  } catch (IOException e) {
                    // the full scan hangs up at once, so this write may meet a reset; serve the
                    // next one
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
      try (Proc p =
          Proc.sockit(
              "scan",
              "127.0.0.1",
              talker.getLocalPort() + "," + quiet.getLocalPort(),
              "--banner",
              "--banner-wait",
              "500ms")) {
        assertThat(p.waitFor(WAIT)).as(p.stderr()).isZero();
        assertThat(p.stdout())
            .contains(talker.getLocalPort() + "/tcp")
            .contains("220 sockit-it ready\\r\\n")
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
  void scanSaysWhatToWriteForAMissingOrMisplacedHost() throws Exception {
    String[][] cases = {
      {"sockit: name the host to scan: e.g. 'sockit scan 127.0.0.1 1-1024'"},
      {
        "sockit: '127.0.0.1:42080' gives the port with the host; scan takes them apart: e.g. 'sockit scan 127.0.0.1 42080'",
        "127.0.0.1:42080"
      },
      {
        "sockit: 'http://127.0.0.1:8080/x' is a URL; scan takes a host and ports: e.g. 'sockit scan 127.0.0.1 8080'"
            + " ('sockit probe' follows a URL step by step)",
        "http://127.0.0.1:8080/x",
        "8080"
      },
      {
        "sockit: '[::1]:22' gives the port with the host; scan takes them apart: e.g. 'sockit scan ::1 1-100'",
        "[::1]:22",
        "1-100"
      },
    };
    for (String[] c : cases) {
      String[] args = new String[c.length];
      args[0] = "scan";
      System.arraycopy(c, 1, args, 1, c.length - 1);
      try (Proc p = Proc.sockit(args)) {
        assertThat(p.waitFor(WAIT)).as(String.join(" ", args)).isEqualTo(2);
        assertThat(p.stderr().strip()).isEqualTo(c[0]);
      }
    }
  }

  @Test
  void scanTakesServiceNamesWithDashes() throws Exception {
    try (Proc p = Proc.sockit("scan", "127.0.0.1", "http-alt,ms-wbt-server", "--all", "--json")) {
      assertThat(p.waitFor(WAIT)).as(p.stderr()).isZero();
      assertThat(p.stdout())
          .contains("\"port\": 8080")
          .contains("\"port\": 3389")
          .contains("\"service\": \"http-alt\"");
    }
  }

  @Test
  void portsRejectsPortZeroAndAMissingProcess() throws Exception {
    try (Proc p = Proc.sockit("ports", "--port", "0")) {
      assertThat(p.waitFor(WAIT)).isEqualTo(2);
      assertThat(p.stderr()).startsWith("sockit: --port 0 is no socket's port");
    }
    long missing =
        ProcessHandle.current().pid() + 4_000_000; // above Linux's pid_max (4194304 at most)
    try (Proc p = Proc.sockit("ports", "--pid", String.valueOf(missing))) {
      assertThat(p.waitFor(WAIT)).isEqualTo(2);
      assertThat(p.stderr().strip())
          .isEqualTo(
              "sockit: --pid " + missing + ": no such process (see 'ps' for the running ones)");
    }
  }

  /**
   * The bar goes where standard error goes: to a terminal, even when the report is redirected, and
   * never into a file that standard error was redirected to. {@code script} gives the terminal.
   */
  @Test
  void theProgressBarFollowsStandardError() throws Exception {
    if (!java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/script"))) {
      System.out.println(
          "SKIPPED theProgressBarFollowsStandardError: no /usr/bin/script (util-linux) for a terminal");
      return;
    }
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("sockit-progress");
    try {
      String sockit = Proc.root().resolve("sockit").toString();
      java.nio.file.Path tty = dir.resolve("tty.txt");
      java.nio.file.Path err = dir.resolve("err.txt");
      try (Proc p =
          Proc.peer(
              "script",
              "-qc",
              sockit + " scan 127.0.0.1 1-20000 > " + dir.resolve("out.txt"),
              tty.toString())) {
        assertThat(p.waitFor(WAIT)).isZero();
      }
      assertThat(java.nio.file.Files.readString(tty)).contains("/20000 ports");
      assertThat(java.nio.file.Files.readString(dir.resolve("out.txt")))
          .contains("sockit scan 127.0.0.1: 20000 tcp ports");
      try (Proc p =
          Proc.peer(
              "script", "-qc", sockit + " scan 127.0.0.1 1-20000 2> " + err, tty.toString())) {
        assertThat(p.waitFor(WAIT)).isZero();
      }
      assertThat(java.nio.file.Files.readString(err)).isEmpty();
      assertThat(java.nio.file.Files.readString(tty))
          .contains("sockit scan 127.0.0.1: 20000 tcp ports")
          .doesNotContain("/20000 ports");
    } finally {
      try (var files = java.nio.file.Files.list(dir)) {
        for (java.nio.file.Path f : files.toList()) {
          java.nio.file.Files.delete(f);
        }
      }
      java.nio.file.Files.delete(dir);
    }
  }

  @Test
  void probeTimesAnHttpExchange() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 5);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = "probe me\n".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try (Proc p =
        Proc.sockit("probe", "http://127.0.0.1:" + server.getAddress().getPort() + "/hello")) {
      assertThat(p.waitFor(WAIT)).as(p.stderr()).isZero();
      assertThat(p.stdout())
          .contains("dns       127.0.0.1 is an address, no lookup")
          .contains("connect   127.0.0.1:" + server.getAddress().getPort() + " connected in")
          .contains("request   GET /hello HTTP/1.1")
          .contains("> Host: 127.0.0.1:" + server.getAddress().getPort())
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
      assertThat(p.stderr().strip())
          .startsWith("sockit: connect failed: cannot connect to 127.0.0.1:" + port)
          .doesNotContain("\n");
      assertThat(p.stdout()).contains("refused (nothing listening)");
    }
  }
}
