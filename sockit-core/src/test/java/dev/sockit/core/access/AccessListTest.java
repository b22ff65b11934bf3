package dev.sockit.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessListTest {

  @Test
  void allowAllLetsEveryoneIn() throws Exception {
    assertThat(AccessList.ALLOW_ALL.permits(ip("127.0.0.1"))).isTrue();
    assertThat(AccessList.ALLOW_ALL.permits(ip("::1"))).isTrue();
  }

  @Test
  void denyEntriesRefuseTheirPrefixOnly() throws Exception {
    AccessList list = AccessList.of(List.of(), List.of("127.0.0.0/8", "10.0.0.0/9"));
    assertThat(list.permits(ip("127.0.0.1"))).isFalse();
    assertThat(list.permits(ip("127.255.255.255"))).isFalse();
    assertThat(list.permits(ip("128.0.0.1"))).isTrue();
    assertThat(list.permits(ip("10.127.255.255"))).isFalse();
    assertThat(list.permits(ip("10.128.0.0"))).isTrue();
    assertThat(list.permits(ip("::1"))).as("an IPv4 rule says nothing about IPv6").isTrue();
  }

  @Test
  void anAllowEntryWinsOverADenyEntry() throws Exception {
    AccessList list = AccessList.of(List.of("127.0.0.1"), List.of("127.0.0.0/8"));
    assertThat(list.permits(ip("127.0.0.1"))).isTrue();
    assertThat(list.permits(ip("127.0.0.2"))).isFalse();
  }

  @Test
  void aNonEmptyAllowListRefusesEveryoneElse() throws Exception {
    AccessList list = AccessList.of(List.of("192.168.0.0/16", "fd00::/8"), List.of());
    assertThat(list.permits(ip("192.168.7.7"))).isTrue();
    assertThat(list.permits(ip("fd12::1"))).isTrue();
    assertThat(list.permits(ip("127.0.0.1"))).isFalse();
    assertThat(list.permits(ip("::1"))).isFalse();
  }

  @Test
  void anIpv4MappedPeerIsCheckedAsIpv4() throws Exception {
    InetAddress mapped = mapped(127, 0, 0, 1);
    assertThat(mapped).isInstanceOf(Inet6Address.class);
    assertThat(AccessList.of(List.of(), List.of("127.0.0.0/8")).permits(mapped)).isFalse();
    assertThat(AccessList.of(List.of("127.0.0.1"), List.of()).permits(mapped)).isTrue();
    assertThat(AccessList.of(List.of("10.0.0.0/8"), List.of()).permits(mapped)).isFalse();
  }

  @Test
  void anIpv4MappedEntryMatchesIpv4Peers() throws Exception {
    AccessList list = AccessList.of(List.of(), List.of("::ffff:127.0.0.0/104"));
    assertThat(list.permits(ip("127.0.0.1"))).isFalse();
    assertThat(list.permits(mapped(127, 1, 2, 3))).isFalse();
    assertThat(list.permits(ip("128.0.0.1"))).isTrue();
  }

  @Test
  void ipv6Prefixes() throws Exception {
    AccessList list = AccessList.of(List.of(), List.of("::1", "2001:db8::/33"));
    assertThat(list.permits(ip("::1"))).isFalse();
    assertThat(list.permits(ip("::2"))).isTrue();
    assertThat(list.permits(ip("2001:db8:7fff::1"))).isFalse();
    assertThat(list.permits(ip("2001:db8:8000::1"))).isTrue();
    assertThat(list.permits(ip("127.0.0.1"))).isTrue();
  }

  @Test
  void zeroLengthPrefixCoversItsWholeFamily() throws Exception {
    AccessList list = AccessList.of(List.of(), List.of("0.0.0.0/0"));
    assertThat(list.permits(ip("1.2.3.4"))).isFalse();
    assertThat(list.permits(ip("::1"))).isTrue();
  }

  @Test
  void malformedEntriesAreNamed() {
    for (String bad : List.of("10.0.0.0/33", "banana", "10.0.0.0/x", "10.0.0.0/", "::1/129")) {
      assertThatThrownBy(() -> AccessList.of(List.of(), List.of(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("access entry '" + bad + "'");
    }
  }

  private static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal);
  }

  private static InetAddress mapped(int a, int b, int c, int d) throws UnknownHostException {
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xff;
    bytes[11] = (byte) 0xff;
    bytes[12] = (byte) a;
    bytes[13] = (byte) b;
    bytes[14] = (byte) c;
    bytes[15] = (byte) d;
    return Inet6Address.getByAddress(null, bytes, -1);
  }
}
