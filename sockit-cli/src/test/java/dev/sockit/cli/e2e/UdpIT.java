package dev.sockit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** UDP send and listen against ncat, socat and plain sockets, IPv4 and IPv6. */
@Timeout(60)
class UdpIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  void eachStdinLineIsOneDatagramAndRepliesArePrinted() throws Exception {
    try (DatagramSocket echo =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      echo.setSoTimeout(10_000);
      Path input = dir.resolve("lines.txt");
      Files.writeString(input, "one\ntwo\nthree");
      try (Proc sender =
          Proc.sockitWithInput(
              input,
              "udp",
              "send",
              "--wait",
              "2s",
              "127.0.0.1",
              String.valueOf(echo.getLocalPort()))) {
        String[] expected = {"one\n", "two\n", "three"};
        for (String e : expected) {
          DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
          echo.receive(p);
          assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8))
              .isEqualTo(e);
          byte[] reply = ("re:" + e.strip() + "\n").getBytes(StandardCharsets.UTF_8);
          echo.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
        }
        assertThat(sender.waitFor(WAIT)).isZero();
        assertThat(sender.stdout()).isEqualTo("re:one\nre:two\nre:three\n");
      }
    }
  }

  @Test
  void textIsSentCountTimesWithTheInterval() throws Exception {
    try (DatagramSocket rx =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      rx.setSoTimeout(10_000);
      try (Proc sender =
          Proc.sockit(
              "udp",
              "send",
              "--count",
              "3",
              "--interval",
              "50ms",
              "--wait",
              "0",
              "127.0.0.1:" + rx.getLocalPort(),
              "AT\\r\\n")) {
        for (int i = 0; i < 3; i++) {
          DatagramPacket p = new DatagramPacket(new byte[64], 64);
          rx.receive(p);
          assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII))
              .isEqualTo("AT\r\n");
        }
        assertThat(sender.waitFor(WAIT)).isZero();
      }
    }
  }

  @Test
  void ncatUdpSenderReachesSockitListenWhichEchoes() throws Exception {
    String ncat = Peers.require("ncat");
    try (Proc listener = Proc.sockit("udp", "listen", "--echo", "--count", "1", "127.0.0.1", "0")) {
      int port = listener.awaitListening();
      try (Proc client = Proc.peer(ncat, "-u", "127.0.0.1", String.valueOf(port))) {
        client.write("ping over udp\n");
        client.awaitStdout("ping over udp\n", WAIT);
      }
      assertThat(listener.waitFor(WAIT)).isZero();
      assertThat(listener.stdout()).isEqualTo("ping over udp\n");
    }
  }

  /** An echo on loopback that answers every datagram and counts them. */
  private static final class CountingEcho implements AutoCloseable {
    final DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    final java.util.concurrent.atomic.AtomicInteger seen =
        new java.util.concurrent.atomic.AtomicInteger();

    CountingEcho() throws java.io.IOException {
      Thread.ofPlatform()
          .daemon()
          .start(
              () -> {
                try {
                  while (true) {
                    DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
                    socket.receive(p);
                    int n = seen.incrementAndGet();
                    byte[] answer = ("pong " + n + "\n").getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
                  }
                } catch (java.io.IOException e) {
                  // closed at the end of the test
                }
              });
    }

    String port() {
      return String.valueOf(socket.getLocalPort());
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  /**
   * --replies N ends the wait, and the sending, as soon as N replies from the target are in: with
   * TEXT, with --count (no more sends after that), and with stdin (no more lines read). Too few
   * within --wait is exit 1, saying how many came.
   */
  @Test
  void repliesEndsTheWaitAndTheSendingAsSoonAsTheyHaveArrived() throws Exception {
    try (CountingEcho echo = new CountingEcho()) {
      long start = System.nanoTime();
      try (Proc sender =
          Proc.sockit(
              "udp", "send", "--replies", "1", "--wait", "30s", "127.0.0.1", echo.port(), "ping")) {
        assertThat(sender.waitFor(WAIT)).as(sender.stderr()).isZero();
        assertThat(sender.stdout()).isEqualTo("pong 1\n");
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("not the 30 s --wait")
          .isLessThan(Duration.ofSeconds(15));
    }
    try (CountingEcho echo = new CountingEcho();
        Proc sender =
            Proc.sockit(
                "udp",
                "send",
                "--replies",
                "2",
                "--count",
                "10",
                "--interval",
                "2s",
                "127.0.0.1",
                echo.port(),
                "ping")) {
      assertThat(sender.waitFor(WAIT)).as(sender.stderr()).isZero();
      assertThat(sender.stdout()).isEqualTo("pong 1\npong 2\n");
      assertThat(echo.seen.get()).as("pings sent: none after the second reply").isEqualTo(2);
    }
    try (CountingEcho echo = new CountingEcho();
        Proc sender =
            Proc.sockit(
                "udp", "send", "--replies", "1", "--wait", "30s", "127.0.0.1", echo.port())) {
      sender.write("a\n"); // and stdin stays open: the reply, not its end, ends the run
      assertThat(sender.waitFor(WAIT)).as(sender.stderr()).isZero();
      assertThat(sender.stdout()).isEqualTo("pong 1\n");
      assertThat(echo.seen.get()).isEqualTo(1);
    }
    try (DatagramSocket silent =
            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Proc sender =
            Proc.sockit(
                "udp",
                "send",
                "--replies",
                "1",
                "--wait",
                "300ms",
                "127.0.0.1",
                String.valueOf(silent.getLocalPort()),
                "ping")) {
      assertThat(sender.waitFor(WAIT)).as(sender.stderr()).isEqualTo(1);
      assertThat(sender.stdout()).isEmpty();
      assertThat(sender.stderr())
          .isEqualTo(
              "sockit: 0 of 1 reply from 127.0.0.1:"
                  + silent.getLocalPort()
                  + " arrived within 300 ms (--wait)\n");
    }
    try (Proc bad = Proc.sockit("udp", "send", "--replies", "-1", "127.0.0.1", "9", "x")) {
      assertThat(bad.waitFor(WAIT)).isEqualTo(2);
      assertThat(bad.stderr())
          .isEqualTo("sockit: --replies must be 0 (no limit) or more, got -1\n");
    }
    try (Proc bad =
        Proc.sockit("udp", "send", "--replies", "1", "--wait", "0", "127.0.0.1", "9", "x")) {
      assertThat(bad.waitFor(WAIT)).isEqualTo(2);
      assertThat(bad.stderr()).contains("--replies 1 needs time to wait for them");
    }
  }

  @Test
  void sockitSendToSocatUdpEchoOverIpv6() throws Exception {
    String socat = Peers.require("socat");
    Peers.requireIpv6Loopback();
    int port;
    try (DatagramSocket probe =
        new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
      port = probe.getLocalPort();
    }
    try (Proc echo =
        Proc.peer(socat, "-d", "-d", "UDP6-RECVFROM:" + port + ",bind=[::1],fork", "EXEC:cat")) {
      echo.awaitStderr(Pattern.compile("receiving on"), WAIT);
      // socat forks and runs cat for each datagram: more than the default 1 s on a loaded machine
      try (Proc sender =
          Proc.sockit("udp", "send", "--wait", "4s", "--from", "[::1]:" + port, "v6 datagram")) {
        assertThat(sender.waitFor(WAIT)).isZero();
        assertThat(sender.stdout()).matches("\\[::1\\]:" + port + ": v6 datagram\n");
      }
    }
  }

  @Test
  void listenPrintsDatagramsFromSeveralSendersWithFrom() throws Exception {
    try (Proc listener = Proc.sockit("udp", "listen", "--from", "--count", "2", "127.0.0.1", "0")) {
      int port = listener.awaitListening();
      try (DatagramSocket a = new DatagramSocket();
          DatagramSocket b = new DatagramSocket()) {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        a.send(new DatagramPacket("from a".getBytes(StandardCharsets.UTF_8), 6, to));
        listener.awaitStdout("from a", WAIT);
        b.send(new DatagramPacket("from b".getBytes(StandardCharsets.UTF_8), 6, to));
        assertThat(listener.waitFor(WAIT)).isZero();
        assertThat(listener.stdout())
            .isEqualTo(
                "127.0.0.1:"
                    + a.getLocalPort()
                    + ": from a\n127.0.0.1:"
                    + b.getLocalPort()
                    + ": from b\n");
      }
    }
  }

  @Test
  void largestIpv4DatagramArrivesWhole() throws Exception {
    try (Proc listener = Proc.sockit("udp", "listen", "--count", "1", "127.0.0.1", "0")) {
      int port = listener.awaitListening();
      Path input = dir.resolve("big.bin");
      byte[] big = new byte[65_507];
      new java.util.Random(1).nextBytes(big);
      Files.write(input, big);
      try (Proc sender =
          Proc.sockitWithInput(
              input, "udp", "send", "--raw", "--wait", "0", "127.0.0.1", String.valueOf(port))) {
        assertThat(sender.waitFor(WAIT)).isZero();
      }
      assertThat(listener.waitFor(WAIT)).isZero();
      assertThat(listener.stdoutBytes()).isEqualTo(big);
    }
  }

  @Test
  void sockitSendReachesNcUdpListenerAndItsReplyIsPrinted() throws Exception {
    String nc = Peers.require("nc");
    int port;
    try (DatagramSocket probe =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      port = probe.getLocalPort();
    }
    try (Proc server = Proc.peer(nc, "-u", "-v", "-l", "127.0.0.1", String.valueOf(port))) {
      server.awaitStderr(Pattern.compile("Bound on|Listening on"), WAIT);
      try (Proc sender =
          Proc.sockit(
              "udp", "send", "--wait", "5s", "127.0.0.1", String.valueOf(port), "hello nc\n")) {
        server.awaitStdout("hello nc\n", WAIT);
        server.write("hello sockit\n");
        sender.awaitStdout("hello sockit\n", WAIT);
        assertThat(sender.waitFor(WAIT)).isZero();
      }
    }
  }
}
