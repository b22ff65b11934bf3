package dev.sockit.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MulticastTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      224.0.0.0       | 224.0.0.0/24   | link-local              | -
      224.0.0.1       | 224.0.0.0/24   | link-local              | All Systems on this Subnet
      224.0.0.251     | 224.0.0.0/24   | link-local              | mDNS
      224.0.0.255     | 224.0.0.0/24   | link-local              | -
      224.0.1.1       | 224.0.1.0/24   | global                  | NTP
      224.0.2.0       | 224.0.2.0/23   | global                  | -
      224.0.255.255   | 224.0.128.0/17 | global                  | -
      224.1.0.0       | 224.0.0.0/4    | global                  | -
      224.2.0.1       | 224.2.0.0/16   | global                  | -
      232.1.2.3       | 232.0.0.0/8    | global                  | -
      233.1.2.3       | 233.0.0.0/8    | global                  | -
      233.252.0.1     | 233.252.0.0/14 | global                  | -
      234.1.2.3       | 234.0.0.0/8    | global                  | -
      239.1.2.3       | 239.0.0.0/8    | administratively scoped | -
      239.192.0.1     | 239.192.0.0/14 | organization-local      | -
      239.255.255.250 | 239.255.0.0/16 | site-local              | SSDP (UPnP discovery)
      239.255.255.255 | 239.255.0.0/16 | site-local              | -
      ff01::1         | ff01::/16      | interface-local         | All Nodes (interface-local)
      ff02::1         | ff02::/16      | link-local              | All Nodes
      ff02::2         | ff02::/16      | link-local              | All Routers
      ff02::fb        | ff02::/16      | link-local              | mDNSv6
      ff02::1:ff00:1  | ff02::/16      | link-local              | Solicited-Node (RFC 4291 section 2.7.1)
      ff03::1         | ff03::/16      | realm-local             | -
      ff04::1         | ff04::/16      | admin-local             | -
      ff05::1:3       | ff05::/16      | site-local              | All DHCP Servers
      ff08::1         | ff08::/16      | organization-local      | -
      ff0e::101       | ff0e::/16      | global                  | -
      ff1e::1         | ff1e::/16      | global                  | -
      ff00::1         | ff00::/16      | reserved (0)            | -
      ff0f::1         | ff0f::/16      | reserved (f)            | -
      ff06::1         | ff06::/16      | unassigned (6)          | -
      """)
  void scopesAndGroups(String address, String block, String scope, String group) {
    Multicast m = Multicast.of(IpAddress.parse(address)).orElseThrow();
    assertThat(m.block()).hasToString(block);
    assertThat(m.scope()).isEqualTo(scope);
    assertThat(m.group()).isEqualTo(group);
  }

  @Test
  void ipv6Flags() {
    assertThat(Multicast.of(IpAddress.parse("ff02::1")).orElseThrow().flags())
        .containsExactly("T=0 permanent (IANA-assigned)");
    assertThat(Multicast.of(IpAddress.parse("ff3e:30:2001:db8::1")).orElseThrow().flags())
        .containsExactly(
            "T=1 transient (dynamically assigned)", "P=1 based on a unicast prefix (RFC 3306)");
    assertThat(Multicast.of(IpAddress.parse("ff7e:140:2001:db8::1")).orElseThrow().flags())
        .contains("R=1 embeds the rendezvous point address (RFC 3956)");
  }

  @Test
  void unicastIsNotMulticast() {
    assertThat(Multicast.of(IpAddress.parse("223.255.255.255"))).isEmpty();
    assertThat(Multicast.of(IpAddress.parse("240.0.0.0"))).isEmpty();
    assertThat(Multicast.of(IpAddress.parse("fe80::1"))).isEmpty();
    assertThat(Multicast.of(IpAddress.parse("feff::1"))).isEmpty();
  }
}
