package dev.sockit.core.udp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockit.core.net.Family;
import dev.sockit.core.testing.Libc22;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Java 22 layer's datagram calls with control data, on real loopback sockets: the arrival
 * address and a reply from it, ICMP errors on an unconnected socket, IPv6-only, and a close that
 * wakes a waiting receiver.
 */
@Timeout(30)
class DatagramControlIT {
  @BeforeEach
  void needsLibc() {
    Libc22.assumeLibcCalls("the JDK's calls are tested by DatagramEndpointTest");
  }

  private static InetAddress ip(String literal) throws IOException {
    return InetAddress.getByName(literal);
  }

  @Test
  void aReplyLeavesFromTheAddressTheDatagramCameTo() throws Exception {
    UdpOptions options = UdpOptions.bound(null, 0, Family.ANY).withPacketInfo(true);
    try (DatagramEndpoint server = DatagramEndpoint.open(options);
        DatagramSocket client = new DatagramSocket(new InetSocketAddress(ip("127.0.0.1"), 0))) {
      client.setSoTimeout(10_000);
      int port = server.localAddress().getPort();
      for (String to : new String[] {"127.0.0.2", "127.0.0.3", "127.0.0.1"}) {
        client.send(new DatagramPacket(new byte[] {'q'}, 1, new InetSocketAddress(ip(to), port)));
        Datagram d = server.receive(Duration.ofSeconds(10));
        assertThat(d.local()).isEqualTo(ip(to));
        server.reply(d, "a".getBytes(US_ASCII));
        DatagramPacket answer = new DatagramPacket(new byte[16], 16);
        client.receive(answer);
        assertThat(answer.getAddress()).as("answer to a datagram sent to " + to).isEqualTo(ip(to));
        assertThat(answer.getPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void anIpv4SocketLearnsTheArrivalAddressToo() throws Exception {
    UdpOptions options = UdpOptions.bound(null, 0, Family.IPV4).withPacketInfo(true);
    try (DatagramEndpoint server = DatagramEndpoint.open(options);
        DatagramSocket client = new DatagramSocket(new InetSocketAddress(ip("127.0.0.1"), 0))) {
      client.setSoTimeout(10_000);
      int port = server.localAddress().getPort();
      client.send(
          new DatagramPacket(new byte[] {'q'}, 1, new InetSocketAddress(ip("127.0.0.5"), port)));
      Datagram d = server.receive(Duration.ofSeconds(10));
      assertThat(d.local()).isEqualTo(ip("127.0.0.5"));
      server.reply(d, new byte[] {'a'});
      DatagramPacket answer = new DatagramPacket(new byte[16], 16);
      client.receive(answer);
      assertThat(answer.getAddress()).isEqualTo(ip("127.0.0.5"));
    }
  }

  @Test
  void aRefusedDatagramFailsTheNextReceiveNamingTheTarget() throws Exception {
    try (DatagramSocket closed = new DatagramSocket(new InetSocketAddress(ip("127.0.0.1"), 0));
        DatagramEndpoint tx =
            DatagramEndpoint.open(UdpOptions.unbound(false).withIcmpErrors(true))) {
      // connected elsewhere: a datagram from tx matches no socket, so the kernel refuses it
      closed.connect(new InetSocketAddress(ip("127.0.0.1"), 9));
      InetSocketAddress target = new InetSocketAddress(ip("127.0.0.1"), closed.getLocalPort());
      assertThat(tx.reportsIcmpErrors()).isTrue();
      tx.send(new byte[] {'x'}, target);
      assertThatThrownBy(() -> tx.receive(Duration.ofSeconds(10)))
          .isInstanceOf(PortUnreachableException.class)
          .hasMessage(
              "nothing listens on UDP 127.0.0.1:"
                  + closed.getLocalPort()
                  + ": the datagram was refused (ICMP port unreachable)");
      // the error is consumed: the socket goes on working
      try (DatagramSocket echo = new DatagramSocket(new InetSocketAddress(ip("127.0.0.1"), 0))) {
        tx.send(new byte[] {'y'}, (InetSocketAddress) echo.getLocalSocketAddress());
        DatagramPacket p = new DatagramPacket(new byte[4], 4);
        echo.receive(p);
        echo.send(new DatagramPacket(new byte[] {'z'}, 1, p.getSocketAddress()));
        assertThat(tx.receive(Duration.ofSeconds(10)).data()).containsExactly('z');
      }
    }
  }

  @Test
  void anIpv6OnlySocketGetsNoIpv4Datagram() throws Exception {
    UdpOptions options = UdpOptions.bound(null, 0, Family.IPV6);
    try (DatagramEndpoint server = DatagramEndpoint.open(options);
        DatagramSocket v4 = new DatagramSocket(new InetSocketAddress(ip("127.0.0.1"), 0));
        DatagramSocket v6 = new DatagramSocket(new InetSocketAddress(ip("::1"), 0))) {
      int port = server.localAddress().getPort();
      v4.send(
          new DatagramPacket(new byte[] {'4'}, 1, new InetSocketAddress(ip("127.0.0.1"), port)));
      v6.send(new DatagramPacket(new byte[] {'6'}, 1, new InetSocketAddress(ip("::1"), port)));
      assertThat(server.receive(Duration.ofSeconds(10)).data()).containsExactly('6');
      assertThat(server.receive(Duration.ofMillis(200))).isNull();
    }
  }

  @Test
  void closeWakesAReceiverThatWaitsForEver() throws Exception {
    DatagramEndpoint server =
        DatagramEndpoint.open(UdpOptions.bound(null, 0, Family.ANY).withPacketInfo(true));
    CompletableFuture<Throwable> ended = new CompletableFuture<>();
    Thread receiver =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    server.receive(null);
                    ended.complete(null);
                  } catch (Throwable t) {
                    ended.complete(t);
                  }
                });
    Thread.sleep(200); // let it reach its wait; the close must wake it either way
    server.close();
    assertThat(ended.get(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
    receiver.join(10_000);
    assertThat(server.isOpen()).isFalse();
  }

  @Test
  void aTimedReceiveReturnsNullWhenNothingCame() throws Exception {
    try (DatagramEndpoint server =
        DatagramEndpoint.open(UdpOptions.bound(null, 0, Family.ANY).withPacketInfo(true))) {
      long start = System.nanoTime();
      assertThat(server.receive(Duration.ofMillis(100))).isNull();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(90));
    }
  }
}
