package dev.sockit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where UDP replies come from and what a refused datagram says, beside ncat: a listener bound to
 * every address answers from the address each datagram was sent to (ncat and socat answer a
 * datagram sent to 127.0.0.2 from 127.0.0.1, which a connected client such as {@code ncat -u} never
 * sees), {@code udp send --replies} says when a reply came from another address, and a datagram to
 * a closed port fails at once with exit 1, as {@code ncat -u} says "Connection refused".
 */
@Timeout(90)
class UdpRepliesIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern NCAT_LISTENING = Pattern.compile("Listening on");

  /**
   * A UDP port that nothing answers on, for as long as the socket is open: bound on 127.0.0.1 and
   * connected elsewhere, so that a datagram from another port matches no socket and the kernel
   * answers ICMP port unreachable, while no other process can take the number meanwhile.
   */
  private static DatagramSocket closedUdpPort() throws Exception {
    DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    s.connect(new InetSocketAddress("127.0.0.1", 9));
    return s;
  }

  /** ncat -u (a connected socket) sends "ping" to 127.0.0.2:port; what it printed in time. */
  private static String ncatAsks(String ncat, int port, boolean expectAnswer) throws Exception {
    try (Proc client = Proc.peer(ncat, "-u", "127.0.0.2", String.valueOf(port))) {
      client.write("ping\n");
      if (expectAnswer) {
        client.awaitStdout("pong", WAIT);
      } else {
        Thread.sleep(1500); // nothing can come: long enough for a loopback answer many times over
      }
      return client.stdout();
    }
  }

  @Test
  void aWildcardListenerAnswersFromTheAddressTheDatagramWasSentTo() throws Exception {
    String ncat = Peers.require("ncat");
    int port = Peers.freePort();
    try (Proc peer =
        Proc.peer(ncat, "-v", "-u", "-l", "-k", String.valueOf(port), "-c", "echo pong")) {
      peer.awaitStderr(NCAT_LISTENING, WAIT);
      assertThat(ncatAsks(ncat, port, false))
          .as("ncat -ul answers from 127.0.0.1, which ncat -u to 127.0.0.2 drops")
          .isEmpty();
    }
    try (Proc server = Proc.sockit("udp", "listen", "--reply", "pong\\n", "0")) {
      int p = server.awaitListening();
      assertThat(ncatAsks(ncat, p, true)).isEqualTo("pong\n");
      // and udp send counts it as the reply from the target
      try (Proc send =
          Proc.sockit(
              "udp", "send", "--replies", "1", "--wait", "10s", "127.0.0.2", "" + p, "ping")) {
        assertThat(send.waitFor(WAIT)).as(send.stderr()).isZero();
        assertThat(send.stdout()).isEqualTo("pong\n");
      }
    }
  }

  @Test
  void stdinLinesGoToTheLastSenderFromTheAddressItWroteTo() throws Exception {
    String ncat = Peers.require("ncat");
    try (Proc server = Proc.sockit("udp", "listen", "0")) {
      int p = server.awaitListening();
      try (Proc client = Proc.peer(ncat, "-u", "127.0.0.2", String.valueOf(p))) {
        client.write("hello\n");
        server.awaitStdout("hello\n", WAIT);
        server.write("back to you\n");
        client.awaitStdout("back to you\n", WAIT);
      }
    }
  }

  @Test
  void repliesSaysWhenTheReplyCameFromAnotherAddress() throws Exception {
    String ncat = Peers.require("ncat");
    int port = Peers.freePort();
    try (Proc peer =
        Proc.peer(ncat, "-v", "-u", "-l", "-k", String.valueOf(port), "-c", "echo pong")) {
      peer.awaitStderr(NCAT_LISTENING, WAIT);
      try (Proc send =
          Proc.sockit(
              "udp", "send", "--replies", "1", "--wait", "2s", "127.0.0.2", "" + port, "ping")) {
        assertThat(send.waitFor(WAIT)).isOne();
        assertThat(send.stderr().strip())
            .startsWith("sockit: 0 of 1 reply from 127.0.0.2:" + port)
            .contains("came from 127.0.0.1:" + port + " instead")
            .doesNotContain("\n");
      }
    }
  }

  @Test
  void aDatagramToAClosedPortFailsAtOnceAsNcatSaysConnectionRefused() throws Exception {
    String ncat = Peers.require("ncat");
    try (DatagramSocket closed = closedUdpPort()) {
      String port = String.valueOf(closed.getLocalPort());
      try (Proc peer = Proc.peer(ncat, "-u", "127.0.0.1", port)) {
        peer.write("anyone?\n");
        assertThat(peer.waitFor(WAIT)).isOne();
        assertThat(peer.stderr()).contains("Connection refused");
      }
      try (Proc send = Proc.sockit("udp", "send", "127.0.0.1", port, "anyone?")) {
        assertThat(send.waitFor(WAIT)).isOne();
        assertThat(send.stderr().strip())
            .isEqualTo(
                "sockit: nothing listens on UDP 127.0.0.1:"
                    + port
                    + ": the datagram was refused (ICMP port unreachable)");
      }
      long start = System.nanoTime();
      try (Proc send =
          Proc.sockit(
              "udp", "send", "--replies", "1", "--wait", "20s", "127.0.0.1", port, "anyone?")) {
        assertThat(send.waitFor(WAIT)).isOne();
        assertThat(send.stderr()).contains("127.0.0.1:" + port).contains("port unreachable");
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("the ICMP error ends the 20 s wait")
          .isLessThan(Duration.ofSeconds(15));
      Peers.requireIpv6Loopback();
      try (DatagramSocket v6 = new DatagramSocket(new InetSocketAddress("::1", 0))) {
        v6.connect(new InetSocketAddress("::1", 9));
        String v6port = String.valueOf(v6.getLocalPort());
        try (Proc send = Proc.sockit("udp", "send", "::1", v6port, "anyone?")) {
          assertThat(send.waitFor(WAIT)).isOne();
          assertThat(send.stderr()).contains("[::1]:" + v6port).contains("port unreachable");
        }
      }
    }
  }
}
