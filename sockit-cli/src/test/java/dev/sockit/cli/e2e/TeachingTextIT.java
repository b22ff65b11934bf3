package dev.sockit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The teaching text's Python programs, talking to sockit through the launcher. */
@Timeout(60)
class TeachingTextIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static String script(String name) throws Exception {
    return Path.of(TeachingTextIT.class.getResource("/teaching/" + name).toURI()).toString();
  }

  @Test
  void teachingClientReadsGreetServer() throws Exception {
    String python = Peers.require("python3");
    try (Proc server = Proc.sockit("tcp", "listen", "127.0.0.1", "0", "--greet", "网络编程测试。\\r\\n")) {
      int port = server.awaitListening();
      try (Proc client =
          Proc.peer(python, script("tcp_client.py"), "127.0.0.1", String.valueOf(port))) {
        assertThat(client.waitFor(WAIT)).isZero();
        assertThat(client.stdout()).isEqualTo("网络编程测试。\r\n\n");
      }
      assertThat(server.waitFor(WAIT)).as("one client, then exit, as ncat").isZero();
    }
  }

  @Test
  void greetServerWithKeepOpenServesClientAfterClient() throws Exception {
    String python = Peers.require("python3");
    try (Proc server = Proc.sockit("tcp", "listen", "-k", "127.0.0.1", "0", "--greet", "hi\\n")) {
      int port = server.awaitListening();
      for (int i = 0; i < 3; i++) {
        try (Proc client =
            Proc.peer(python, script("tcp_client.py"), "127.0.0.1", String.valueOf(port))) {
          assertThat(client.waitFor(WAIT)).isZero();
          assertThat(client.stdout()).isEqualTo("hi\n\n");
        }
      }
      assertThat(server.isAlive()).isTrue();
    }
  }

  @Test
  void sockitConnectReadsTeachingServer() throws Exception {
    String python = Peers.require("python3");
    try (Proc server = Proc.peer(python, script("tcp_server.py"), "1")) {
      String port = awaitFirstLine(server);
      try (Proc client = Proc.sockit("tcp", "connect", "127.0.0.1", port, "--recv-only")) {
        assertThat(client.waitFor(WAIT)).isZero();
        assertThat(client.stdout()).isEqualTo("网络编程测试。\r\n");
      }
      assertThat(server.waitFor(WAIT)).isZero();
      assertThat(server.stderr()).contains("连接地址");
    }
  }

  @Test
  void teachingUdpSenderReachesSockitListenAndGetsTheReply() throws Exception {
    String python = Peers.require("python3");
    try (Proc listener =
        Proc.sockit("udp", "listen", "127.0.0.1", "0", "--from", "--reply", "收到", "--count", "1")) {
      int port = listener.awaitListening();
      try (Proc sender =
          Proc.peer(
              python, script("udp_sender.py"), "127.0.0.1", String.valueOf(port), "你好 sockit")) {
        assertThat(sender.waitFor(WAIT)).isZero();
        assertThat(sender.stdout()).isEqualTo("收到 127.0.0.1\n");
      }
      assertThat(listener.waitFor(WAIT)).isZero();
      assertThat(listener.stdout()).matches("127\\.0\\.0\\.1:\\d+: 你好 sockit\n");
    }
  }

  @Test
  void sockitUdpSendReachesTheBoundGbkReceiver() throws Exception {
    String python = Peers.require("python3");
    try (Proc receiver = Proc.peer(python, script("udp_receiver.py"))) {
      String port = awaitFirstLine(receiver);
      try (Proc sender =
          Proc.sockit(
              "udp", "send", "--encoding", "GBK", "--wait", "0", "127.0.0.1", port, "网络调试助手")) {
        assertThat(sender.waitFor(WAIT)).isZero();
      }
      assertThat(receiver.waitFor(WAIT)).isZero();
      assertThat(receiver.stdout()).endsWith("网络调试助手\n");
    }
    assertThat("网络调试助手".getBytes(Charset.forName("GBK"))).hasSize(12);
  }

  static String awaitFirstLine(Proc p) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < end) {
      String out = p.stdout();
      int nl = out.indexOf('\n');
      if (nl > 0) {
        return out.substring(0, nl).strip();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no first line from peer; stderr: " + p.stderr());
  }

  static final Pattern ANY = Pattern.compile(".");
}
