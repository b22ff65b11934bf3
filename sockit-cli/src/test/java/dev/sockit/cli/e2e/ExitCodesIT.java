package dev.sockit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every exit code: 0 ok, 1 runtime failure, 2 bad input; one line on stderr, no stack trace. */
@Timeout(60)
class ExitCodesIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static void assertOneLine(Proc p, String... fragments) {
    String err = p.stderr().strip();
    assertThat(err)
        .startsWith("sockit: ")
        .doesNotContain("\n")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    for (String f : fragments) {
      assertThat(err).contains(f);
    }
  }

  @ParameterizedTest(name = "{0} -> exit 2")
  @CsvSource(
      delimiter = '|',
      value = {
        "tcp connect 256.1.1.1 80                 | 256",
        "tcp connect 010.1.1.1 80                 | leading zero",
        "tcp connect 1.2.3 80                     | 1.2.3",
        "tcp connect 127.0.0.1 65536              | 65536",
        "tcp connect 127.0.0.1 -1                 | -1",
        "tcp connect 127.0.0.1 http               | http",
        "tcp connect ::1:80                       | brackets",
        "tcp connect bad_host..name 80            | bad_host..name",
        "tcp connect 127.0.0.1 0                  | port 0",
        "tcp connect --bogus 127.0.0.1 80         | --bogus",
        "tcp connect -w 5parsecs 127.0.0.1 80     | 5parsecs",
        "tcp listen 70000                         | 70000",
        "tcp listen --deny 10.0.0.0/33 0          | 10.0.0.0/33",
        "tcp listen --broker --echo 0             | choose one",
        "tcp listen --greet x --encoding NOPE 0   | NOPE",
        "udp send 127.0.0.1 9 bad\\q              | \\q",
        "udp listen --multicast 10.0.0.1 0        | not a multicast group",
        "udp send 300.0.0.1 9 x                   | 300",
        "nosuchcommand                            | nosuchcommand",
      })
  void badInputExitsTwo(String args, String fragment) throws Exception {
    try (Proc p = Proc.sockit(args.strip().split("\\s+"))) {
      assertThat(p.waitFor(WAIT)).as(p.stderr()).isEqualTo(2);
      assertOneLine(p, fragment.strip());
    }
  }

  @Test
  void datagramTooLargeExitsTwo() throws Exception {
    try (Proc p = Proc.sockit("udp", "send", "--wait", "0", "127.0.0.1", "9", "x".repeat(65_508))) {
      assertThat(p.waitFor(WAIT)).isEqualTo(2);
      assertOneLine(p, "65508", "65507");
    }
  }

  @Test
  void connectionRefusedExitsOneNamingTheAddress() throws Exception {
    try (java.net.Socket closed = Peers.closedPort();
        Proc p =
            Proc.sockit("tcp", "connect", "127.0.0.1", String.valueOf(closed.getLocalPort()))) {
      int port = closed.getLocalPort();
      assertThat(p.waitFor(WAIT)).isEqualTo(1);
      assertOneLine(p, "127.0.0.1:" + port, "refused");
    }
  }

  @Test
  void unknownHostExitsOneNamingIt() throws Exception {
    try (Proc p = Proc.sockit("tcp", "connect", "no-such-host.invalid", "80")) {
      assertThat(p.waitFor(WAIT)).isEqualTo(1);
      assertOneLine(p, "no-such-host.invalid");
    }
  }

  @Test
  void addressInUseExitsOneNamingTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Proc p = Proc.sockit("tcp", "listen", "127.0.0.1", String.valueOf(taken.getLocalPort()))) {
      assertThat(p.waitFor(WAIT)).isEqualTo(1);
      assertOneLine(
          p,
          "127.0.0.1:" + taken.getLocalPort(),
          "already in use",
          "held by pid " + ProcessHandle.current().pid() + " (java)");
    }
  }

  /**
   * Every listening command says a taken port the same way, names its holder, and writes IPv6 as
   * RFC 5952 does.
   */
  @Test
  void everyListenerSaysATakenPortTheSameWay() throws Exception {
    String pid = "held by pid " + ProcessHandle.current().pid() + " (java)";
    String what =
        " is already in use; choose another port or stop the program using it (" + pid + ")";
    try (java.nio.channels.DatagramChannel taken =
        java.nio.channels.DatagramChannel.open()
            .bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      int port = ((java.net.InetSocketAddress) taken.getLocalAddress()).getPort();
      try (Proc p = Proc.sockit("udp", "listen", "127.0.0.1", String.valueOf(port))) {
        assertThat(p.waitFor(WAIT)).isEqualTo(1);
        assertThat(p.stderr()).isEqualTo("sockit: UDP address 127.0.0.1:" + port + what + "\n");
      }
    }
    ServerSocket v6;
    try {
      v6 = new ServerSocket(0, 1, InetAddress.getByName("::1"));
    } catch (java.io.IOException e) {
      org.junit.jupiter.api.Assumptions.abort(
          "no IPv6 loopback here (" + e.getMessage() + "): the [::1] half is not tested");
      return;
    }
    try (ServerSocket taken = v6) {
      String port = String.valueOf(taken.getLocalPort());
      for (String[] args :
          new String[][] {
            {"receive", "--bind", "::1", port},
            {"tcp", "listen", "::1", port},
            {"bench", "server", "::1", port}
          }) {
        try (Proc p = Proc.sockit(args)) {
          assertThat(p.waitFor(WAIT)).as(String.join(" ", args)).isEqualTo(1);
          assertThat(p.stderr())
              .as(String.join(" ", args))
              .isEqualTo("sockit: address [::1]:" + port + what + "\n");
        }
      }
    }
  }

  /** Every address (no address given) is written *:PORT by every listener, as ss writes it. */
  @Test
  void aTakenPortOnEveryAddressIsWrittenWithAStar() throws Exception {
    String what =
        " is already in use; choose another port or stop the program using it (held by pid "
            + ProcessHandle.current().pid()
            + " (java))";
    try (ServerSocket taken = new ServerSocket(0, 1);
        java.nio.channels.DatagramChannel udp =
            java.nio.channels.DatagramChannel.open()
                .bind(new java.net.InetSocketAddress(taken.getLocalPort()))) {
      String port = String.valueOf(taken.getLocalPort());
      for (String[] args :
          new String[][] {{"tcp", "listen", port}, {"receive", port}, {"udp", "listen", port}}) {
        try (Proc p = Proc.sockit(args)) {
          assertThat(p.waitFor(WAIT)).as(String.join(" ", args)).isEqualTo(1);
          assertThat(p.stderr())
              .as(String.join(" ", args))
              .isEqualTo(
                  "sockit: "
                      + (args[0].equals("udp") ? "UDP address *:" : "address *:")
                      + port
                      + what
                      + "\n");
        }
      }
    }
  }

  /**
   * The holder named is the one on the address asked for, not another process on the same port
   * number.
   */
  @Test
  void theHolderNamedIsTheOneOnTheAddressAskedFor() throws Exception {
    Peers.requireIpv6Loopback();
    Peers.require("python3");
    try (ServerSocket mine = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String port = String.valueOf(mine.getLocalPort());
      try (Proc python =
          Proc.peer(
              "python3",
              "-c",
              "import socket, sys, time\n"
                  + "s = socket.socket(socket.AF_INET6); s.bind(('::1', "
                  + port
                  + ")); s.listen(); print('held', flush=True); time.sleep(60)")) {
        python.awaitStdout("held", WAIT);
        try (Proc p = Proc.sockit("tcp", "listen", "::1", port)) {
          assertThat(p.waitFor(WAIT)).isEqualTo(1);
          assertThat(p.stderr())
              .isEqualTo(
                  "sockit: address [::1]:"
                      + port
                      + " is already in use; choose another port or stop the program using it (held by pid "
                      + python.pid()
                      + " (python3))\n");
        }
        try (Proc p = Proc.sockit("tcp", "listen", "127.0.0.1", port)) {
          assertThat(p.waitFor(WAIT)).isEqualTo(1);
          assertThat(p.stderr())
              .contains("(held by pid " + ProcessHandle.current().pid() + " (java))")
              .doesNotContain("python3");
        }
      }
    }
  }

  @Test
  void idleTimeoutExitsOne() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Proc p =
            Proc.sockit(
                "tcp",
                "connect",
                "-i",
                "300ms",
                "127.0.0.1",
                String.valueOf(server.getLocalPort()))) {
      server.setSoTimeout(20_000);
      try (var peer = server.accept()) {
        assertThat(p.waitFor(WAIT)).isEqualTo(1);
        assertOneLine(p, "idle");
      }
    }
  }

  @Test
  void debugShowsTheStackTrace() throws Exception {
    try (java.net.Socket closed = Peers.closedPort();
        Proc p =
            Proc.sockit(
                "tcp", "connect", "--debug", "127.0.0.1", String.valueOf(closed.getLocalPort()))) {
      assertThat(p.waitFor(WAIT)).isEqualTo(1);
      assertThat(p.stderr()).contains("\tat ");
    }
  }

  @Test
  void versionHelpAndCompletionExitZero() throws Exception {
    try (Proc p = Proc.sockit("--version")) {
      assertThat(p.waitFor(WAIT)).isZero();
      assertThat(p.stdout()).startsWith("sockit ");
    }
    try (Proc p = Proc.sockit("help", "tcp")) {
      assertThat(p.waitFor(WAIT)).isZero();
      assertThat(p.stdout()).contains("connect").contains("listen");
    }
    try (Proc p = Proc.sockit("tcp", "help", "connect")) {
      assertThat(p.waitFor(WAIT)).isZero();
      assertThat(p.stdout()).contains("--connect-timeout").contains("--no-shutdown");
    }
    try (Proc p = Proc.sockit("--help")) {
      assertThat(p.waitFor(WAIT)).isZero();
      assertThat(p.stdout()).contains("tcp").contains("udp").contains("unix");
    }
    try (Proc p = Proc.sockit("generate-completion")) {
      assertThat(p.waitFor(WAIT)).isZero();
      assertThat(p.stdout()).contains("complete -F").contains("sockit");
    }
  }
}
