package dev.sockit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code -4} and {@code -6} on the listeners, beside ncat: {@code -6} without an address is
 * IPv6-only (IPV6_V6ONLY: an IPv4 client is refused, not served through an IPv4-mapped address),
 * and an address of the other family is bad input (exit 2), as in ncat.
 */
@Timeout(90)
class ListenFamilyIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern NCAT_LISTENING = Pattern.compile("Listening on");

  /** ncat's verdict on a connection to {@code host:port}: its exit code (1 when refused). */
  private static int ncatConnect(String ncat, String host, int port, String text) throws Exception {
    try (Proc client = Proc.peer(ncat, "-w", "5", host, String.valueOf(port))) {
      client.write(text);
      client.closeStdin();
      return client.waitFor(WAIT);
    }
  }

  @Test
  void tcpListenDash6IsIpv6OnlyAsNcat() throws Exception {
    String ncat = Peers.require("ncat");
    Peers.requireIpv6Loopback();
    int port = Peers.freePort();
    try (Proc peer = Proc.peer(ncat, "-v", "-6", "-l", "-k", String.valueOf(port))) {
      peer.awaitStderr(NCAT_LISTENING, WAIT);
      assertThat(ncatConnect(ncat, "127.0.0.1", port, "v4\n"))
          .as("ncat -6 -l refuses IPv4")
          .isOne();
    }
    try (Proc server = Proc.sockit("tcp", "listen", "-k", "-6", "--echo", "0")) {
      int p = server.awaitListening();
      assertThat(server.stderr()).contains("listening on [::]:" + p + " (tcp)");
      assertThat(ncatConnect(ncat, "127.0.0.1", p, "v4\n")).as("IPv4 client refused").isOne();
      try (Proc client = Proc.peer(ncat, "::1", String.valueOf(p))) {
        client.write("over v6\n");
        client.awaitStdout("over v6\n", WAIT);
      }
    }
  }

  @Test
  void tcpListenDash4WithoutAddressListensOnIpv4Only() throws Exception {
    String ncat = Peers.require("ncat");
    Peers.requireIpv6Loopback();
    try (Proc server = Proc.sockit("tcp", "listen", "-k", "-4", "--echo", "0")) {
      int p = server.awaitListening();
      assertThat(server.stderr()).contains("listening on 0.0.0.0:" + p + " (tcp)");
      assertThat(ncatConnect(ncat, "::1", p, "v6\n")).as("IPv6 client refused").isOne();
    }
  }

  @Test
  void anAddressOfTheOtherFamilyIsBadInputAsInNcat() throws Exception {
    String ncat = Peers.require("ncat");
    String[][] cases = {{"-6", "127.0.0.1"}, {"-4", "::1"}};
    for (String[] c : cases) {
      try (Proc peer = Proc.peer(ncat, c[0], "-l", c[1], "0")) {
        assertThat(peer.waitFor(WAIT)).as("ncat " + c[0] + " -l " + c[1]).isEqualTo(2);
      }
      for (String transport : new String[] {"tcp", "udp"}) {
        try (Proc p = Proc.sockit(transport, "listen", c[0], c[1], "0")) {
          assertThat(p.waitFor(WAIT)).as(transport + " listen " + c[0] + " " + c[1]).isEqualTo(2);
          assertThat(p.stderr().strip())
              .startsWith("sockit: ")
              .contains(c[1])
              .contains(c[0])
              .doesNotContain("\n");
        }
      }
    }
    try (Proc p = Proc.sockit("tcp", "listen", "-4", "-6", "0")) {
      assertThat(p.waitFor(WAIT)).isEqualTo(2);
    }
  }

  @Test
  void udpListenDash6IsIpv6OnlyAsNcat() throws Exception {
    String ncat = Peers.require("ncat");
    Peers.requireIpv6Loopback();
    try (Proc server = Proc.sockit("udp", "listen", "-6", "--from", "0")) {
      int p = server.awaitListening();
      assertThat(server.stderr()).contains("listening on [::]:" + p + " (udp)");
      try (DatagramSocket v4 = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
          DatagramSocket v6 = new DatagramSocket(new InetSocketAddress("::1", 0))) {
        send(v4, "127.0.0.1", p, "over v4\n");
        send(v6, "::1", p, "over v6\n");
        server.awaitStdout("over v6\n", WAIT);
      }
      assertThat(server.stdout()).doesNotContain("over v4");
    }
  }

  private static void send(DatagramSocket s, String host, int port, String text) throws Exception {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    s.send(
        new DatagramPacket(b, b.length, new InetSocketAddress(InetAddress.getByName(host), port)));
  }
}
