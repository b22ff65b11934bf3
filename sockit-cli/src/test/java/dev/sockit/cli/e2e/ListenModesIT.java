package dev.sockit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Listen-mode behaviours: -k, --echo, --broker, --chat, -m, --allow/--deny. */
@Timeout(60)
class ListenModesIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static Socket connect(int port) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    s.setSoTimeout(10_000);
    return s;
  }

  private static void send(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    s.getOutputStream().flush();
  }

  /** Reads until {@code expected} has arrived (or fails on timeout). */
  private static String readUntil(Socket s, String expected) throws IOException {
    StringBuilder sb = new StringBuilder();
    InputStream in = s.getInputStream();
    byte[] buf = new byte[4096];
    while (!sb.toString().contains(expected)) {
      int n = in.read(buf);
      if (n < 0) {
        break;
      }
      sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  private static void assertNothingArrives(Socket s) throws IOException {
    s.setSoTimeout(300);
    try {
      int b = s.getInputStream().read();
      throw new AssertionError("expected nothing, got byte " + b);
    } catch (SocketTimeoutException expected) {
      s.setSoTimeout(10_000);
    }
  }

  @Test
  void keepOpenSendsStdinToEveryClientAndPrintsWhatTheySend() throws Exception {
    try (Proc server = Proc.sockit("tcp", "listen", "-k", "-v", "127.0.0.1", "0")) {
      int port = server.awaitListening();
      try (Socket a = connect(port);
          Socket b = connect(port)) {
        server.awaitStderr(Pattern.compile("connection from .*\\n.*connection from"), WAIT);
        server.write("to all\n");
        assertThat(readUntil(a, "to all\n")).isEqualTo("to all\n");
        assertThat(readUntil(b, "to all\n")).isEqualTo("to all\n");
        send(a, "from a\n");
        server.awaitStdout("from a\n", WAIT);
        assertNothingArrives(b);
      }
    }
  }

  @Test
  void echoServesConcurrentClients() throws Exception {
    try (Proc server = Proc.sockit("tcp", "listen", "-k", "--echo", "127.0.0.1", "0")) {
      int port = server.awaitListening();
      List<Socket> clients = new ArrayList<>();
      try {
        for (int i = 0; i < 5; i++) {
          clients.add(connect(port));
        }
        for (int i = 0; i < clients.size(); i++) {
          send(clients.get(i), "ping " + i + "\n");
        }
        for (int i = 0; i < clients.size(); i++) {
          assertThat(readUntil(clients.get(i), "\n")).isEqualTo("ping " + i + "\n");
        }
      } finally {
        for (Socket s : clients) {
          s.close();
        }
      }
    }
  }

  @Test
  void brokerRelaysEachClientToTheOthersOnly() throws Exception {
    try (Proc server = Proc.sockit("tcp", "listen", "--broker", "-v", "127.0.0.1", "0")) {
      int port = server.awaitListening();
      try (Socket a = connect(port);
          Socket b = connect(port);
          Socket c = connect(port)) {
        server.awaitStderr(Pattern.compile("(?s)(connection from.*){3}"), WAIT);
        send(a, "hello from a\n");
        assertThat(readUntil(b, "\n")).isEqualTo("hello from a\n");
        assertThat(readUntil(c, "\n")).isEqualTo("hello from a\n");
        assertNothingArrives(a);
        send(c, "and c\n");
        assertThat(readUntil(a, "\n")).isEqualTo("and c\n");
        assertThat(readUntil(b, "\n")).isEqualTo("and c\n");
      }
    }
  }

  @Test
  void chatPrefixesUsersAndAnnouncesJoinsAndLeaves() throws Exception {
    try (Proc server = Proc.sockit("tcp", "listen", "--chat", "127.0.0.1", "0")) {
      int port = server.awaitListening();
      try (Socket a = connect(port)) {
        assertThat(readUntil(a, "nobody.\n")).isEqualTo("<announce> already connected: nobody.\n");
        try (Socket b = connect(port)) {
          assertThat(readUntil(b, ".\n"))
              .isEqualTo("<announce> already connected: 127.0.0.1 as <user1>.\n");
          assertThat(readUntil(a, ".\n"))
              .isEqualTo("<announce> 127.0.0.1 is connected as <user2>.\n");
          try (Socket c = connect(port)) {
            readUntil(c, ".\n");
            readUntil(a, ".\n");
            readUntil(b, ".\n");
            send(a, "hi\u0007\n");
            assertThat(readUntil(b, "\n")).isEqualTo("<user1> hi\\x07\n");
            assertThat(readUntil(c, "\n")).isEqualTo("<user1> hi\\x07\n");
          }
          assertThat(readUntil(a, "disconnected.\n"))
              .isEqualTo("<announce> <user3> is disconnected.\n");
        }
      }
    }
  }

  @Test
  void maxConnsAcceptsAndClosesTheExtraClientThenAdmitsANewOneWhenASlotFrees() throws Exception {
    try (Proc server =
        Proc.sockit("tcp", "listen", "-k", "--echo", "-m", "2", "-v", "127.0.0.1", "0")) {
      int port = server.awaitListening();
      try (Socket a = connect(port);
          Socket b = connect(port)) {
        send(a, "a\n");
        send(b, "b\n");
        assertThat(readUntil(a, "\n")).isEqualTo("a\n");
        assertThat(readUntil(b, "\n")).isEqualTo("b\n");
        try (Socket extra = connect(port)) {
          assertThat(readsEndOfStreamOrReset(extra)).as("extra client closed at once").isTrue();
        }
        server.awaitStderr(
            Pattern.compile("rejected 127\\.0\\.0\\.1:\\d+: too many connections \\(max 2\\)"),
            WAIT);
        a.close();
        server.awaitStderr(Pattern.compile("closed 127\\.0\\.0\\.1"), WAIT);
        try (Socket c = connect(port)) {
          send(c, "c\n");
          assertThat(readUntil(c, "\n")).isEqualTo("c\n");
        }
      }
    }
  }

  @Test
  void denyRefusesLoopbackAndAllowWins() throws Exception {
    try (Proc server =
        Proc.sockit(
            "tcp", "listen", "-k", "--echo", "-v", "--deny", "127.0.0.0/8", "127.0.0.1", "0")) {
      int port = server.awaitListening();
      try (Socket s = connect(port)) {
        assertThat(readsEndOfStreamOrReset(s)).isTrue();
      }
      server.awaitStderr(Pattern.compile("address 127\\.0\\.0\\.1 is not allowed"), WAIT);
    }
    try (Proc server =
        Proc.sockit(
            "tcp",
            "listen",
            "-k",
            "--echo",
            "--deny",
            "127.0.0.0/8",
            "--allow",
            "127.0.0.1",
            "127.0.0.1",
            "0")) {
      int port = server.awaitListening();
      try (Socket s = connect(port)) {
        send(s, "allowed\n");
        assertThat(readUntil(s, "\n")).isEqualTo("allowed\n");
      }
    }
    try (Proc server =
        Proc.sockit(
            "tcp", "listen", "-k", "--echo", "-v", "--allow", "10.0.0.0/8", "127.0.0.1", "0")) {
      int port = server.awaitListening();
      try (Socket s = connect(port)) {
        assertThat(readsEndOfStreamOrReset(s)).as("not on the allow list").isTrue();
      }
    }
  }

  private static boolean readsEndOfStreamOrReset(Socket s) throws IOException {
    try {
      return s.getInputStream().read() < 0;
    } catch (java.net.SocketException e) {
      return e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("reset");
    }
  }

  @Test
  void readinessLineNamesTheRealPortForPortZero() throws Exception {
    try (Proc server = Proc.sockit("tcp", "listen", "0", "--echo", "-k")) {
      int port = server.awaitListening();
      assertThat(port).isBetween(1, 65535);
      assertThat(server.stderr())
          .matches(
              "(?s)listening on \\[::\\]:"
                  + port
                  + " \\(tcp\\)\\n.*|listening on 0\\.0\\.0\\.0:"
                  + port
                  + " \\(tcp\\)\\n.*");
      try (Socket s = connect(port)) {
        send(s, "dual stack\n");
        assertThat(readUntil(s, "\n")).isEqualTo("dual stack\n");
      }
    }
  }
}
