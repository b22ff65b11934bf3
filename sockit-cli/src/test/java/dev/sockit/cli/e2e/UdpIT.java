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
    try (DatagramSocket echo = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      echo.setSoTimeout(10_000);
      Path input = dir.resolve("lines.txt");
      Files.writeString(input, "one\ntwo\nthree");
      try (Proc sender = Proc.sockitWithInput(input, "udp", "send", "--wait", "2s", "127.0.0.1", String.valueOf(echo.getLocalPort()))) {
        String[] expected = {"one\n", "two\n", "three"};
        for (String e : expected) {
          DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
          echo.receive(p);
          assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8)).isEqualTo(e);
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
    try (DatagramSocket rx = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      rx.setSoTimeout(10_000);
      try (Proc sender = Proc.sockit("udp", "send", "--count", "3", "--interval", "50ms", "--wait", "0", "127.0.0.1:" + rx.getLocalPort(), "AT\\r\\n")) {
        for (int i = 0; i < 3; i++) {
          DatagramPacket p = new DatagramPacket(new byte[64], 64);
          rx.receive(p);
          assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII)).isEqualTo("AT\r\n");
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

  /** --replies N ends the wait as soon as N replies are in; without them --wait still bounds it. */
  @Test
  void repliesEndsTheWaitAsSoonAsTheyHaveArrived() throws Exception {
    try (DatagramSocket echo = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      echo.setSoTimeout(10_000);
      Thread.ofPlatform().daemon().start(() -> {
        try {
          DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
          echo.receive(p);
          echo.send(new DatagramPacket("pong\n".getBytes(StandardCharsets.UTF_8), 5, p.getSocketAddress()));
        } catch (java.io.IOException e) {
          // the assertions below say what went wrong
        }
      });
      long start = System.nanoTime();
      try (Proc sender = Proc.sockit("udp", "send", "--replies", "1", "--wait", "30s", "127.0.0.1", String.valueOf(echo.getLocalPort()), "ping")) {
        assertThat(sender.waitFor(WAIT)).as(sender.stderr()).isZero();
        assertThat(sender.stdout()).isEqualTo("pong\n");
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the 30 s --wait").isLessThan(Duration.ofSeconds(15));
    }
    try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Proc sender = Proc.sockit("udp", "send", "--replies", "1", "--wait", "300ms", "127.0.0.1", String.valueOf(silent.getLocalPort()), "ping")) {
      assertThat(sender.waitFor(WAIT)).as(sender.stderr()).isZero();
      assertThat(sender.stdout()).isEmpty();
    }
    try (Proc bad = Proc.sockit("udp", "send", "--replies", "-1", "127.0.0.1", "9", "x")) {
      assertThat(bad.waitFor(WAIT)).isEqualTo(2);
      assertThat(bad.stderr()).isEqualTo("sockit: --replies must be 0 (no limit) or more, got -1\n");
    }
  }

  @Test
  void sockitSendToSocatUdpEchoOverIpv6() throws Exception {
    String socat = Peers.require("socat");
    Peers.requireIpv6Loopback();
    int port;
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
      port = probe.getLocalPort();
    }
    try (Proc echo = Proc.peer(socat, "-d", "-d", "UDP6-RECVFROM:" + port + ",bind=[::1],fork", "EXEC:cat")) {
      echo.awaitStderr(Pattern.compile("receiving on"), WAIT);
      // socat forks and runs cat for each datagram: more than the default 1 s on a loaded machine
      try (Proc sender = Proc.sockit("udp", "send", "--wait", "4s", "--from", "[::1]:" + port, "v6 datagram")) {
        assertThat(sender.waitFor(WAIT)).isZero();
        assertThat(sender.stdout()).matches("\\[::1\\]:" + port + ": v6 datagram\n");
      }
    }
  }

  @Test
  void listenPrintsDatagramsFromSeveralSendersWithFrom() throws Exception {
    try (Proc listener = Proc.sockit("udp", "listen", "--from", "--count", "2", "127.0.0.1", "0")) {
      int port = listener.awaitListening();
      try (DatagramSocket a = new DatagramSocket(); DatagramSocket b = new DatagramSocket()) {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        a.send(new DatagramPacket("from a".getBytes(StandardCharsets.UTF_8), 6, to));
        listener.awaitStdout("from a", WAIT);
        b.send(new DatagramPacket("from b".getBytes(StandardCharsets.UTF_8), 6, to));
        assertThat(listener.waitFor(WAIT)).isZero();
        assertThat(listener.stdout()).isEqualTo(
            "127.0.0.1:" + a.getLocalPort() + ": from a\n127.0.0.1:" + b.getLocalPort() + ": from b\n");
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
      try (Proc sender = Proc.sockitWithInput(input, "udp", "send", "--raw", "--wait", "0", "127.0.0.1", String.valueOf(port))) {
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
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      port = probe.getLocalPort();
    }
    try (Proc server = Proc.peer(nc, "-u", "-v", "-l", "127.0.0.1", String.valueOf(port))) {
      server.awaitStderr(Pattern.compile("Bound on|Listening on"), WAIT);
      try (Proc sender = Proc.sockit("udp", "send", "--wait", "5s", "127.0.0.1", String.valueOf(port), "hello nc\n")) {
        server.awaitStdout("hello nc\n", WAIT);
        server.write("hello sockit\n");
        sender.awaitStdout("hello sockit\n", WAIT);
        assertThat(sender.waitFor(WAIT)).isZero();
      }
    }
  }
}
