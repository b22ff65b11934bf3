package dev.sockit.core.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockit.core.net.Family;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** UdpOptions' families: the wildcard each family binds, and an address of the other family. */
class UdpOptionsTest {
  @Test
  void eachFamilyBindsItsOwnWildcard() throws Exception {
    assertThat(UdpOptions.bound(null, 7, Family.IPV4).bind())
        .isEqualTo(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 7));
    UdpOptions v6 = UdpOptions.bound(null, 7, Family.IPV6);
    assertThat(v6.bind()).isEqualTo(new InetSocketAddress(InetAddress.getByName("::"), 7));
    assertThat(v6.ipv6Only()).isTrue();
    assertThat(v6.ipv4()).isFalse();
    UdpOptions any = UdpOptions.bound(null, 7, Family.ANY);
    assertThat(any.ipv6Only()).isFalse();
    assertThat(any.ipv4()).isFalse();
  }

  @Test
  void anAddressOfTheOtherFamilyIsRefusedNamingIt() {
    assertThatThrownBy(() -> UdpOptions.bound(InetAddress.getByName("127.0.0.1"), 0, Family.IPV6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("127.0.0.1 is an IPv4 address, not IPv6");
    assertThatThrownBy(() -> UdpOptions.bound(InetAddress.getByName("::1"), 0, Family.IPV4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("::1 is an IPv6 address, not IPv4");
    assertThatThrownBy(
            () ->
                new UdpOptions(
                    new InetSocketAddress(InetAddress.getByName("::1"), 0), true, false, -1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("::1 is an IPv6 address, not IPv4");
  }

  @Test
  void withoutTheJava22LayerIpv6OnlyIsRefusedSayingWhy() {
    // unit tests see the Java 21 classes only; DatagramControlIT tests the real thing
    assertThatThrownBy(() -> DatagramEndpoint.open(UdpOptions.bound(null, 0, Family.IPV6)).close())
        .hasMessageContaining("[::]:0")
        .hasMessageContaining("Java 22");
  }

  @Test
  void withoutTheJava22LayerPacketInfoFallsBackToTheJdksCalls() throws Exception {
    try (DatagramEndpoint udp =
        DatagramEndpoint.open(
            UdpOptions.bound(null, 0, Family.ANY).withPacketInfo(true).withIcmpErrors(true))) {
      assertThat(udp.reportsIcmpErrors()).isFalse();
    }
  }
}
