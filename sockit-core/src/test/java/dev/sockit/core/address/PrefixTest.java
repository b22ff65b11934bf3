package dev.sockit.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefixTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      10.0.0.1/8        | 10.0.0.0    | 255.0.0.0       | 0.255.255.255 | 10.255.255.255  | 10.0.0.1    | 10.255.255.254  | 16777214 | 16777216
      192.168.1.77/26   | 192.168.1.64| 255.255.255.192 | 0.0.0.63      | 192.168.1.127   | 192.168.1.65| 192.168.1.126   | 62       | 64
      10.0.0.0/30       | 10.0.0.0    | 255.255.255.252 | 0.0.0.3       | 10.0.0.3        | 10.0.0.1    | 10.0.0.2        | 2        | 4
      10.0.0.1/31       | 10.0.0.0    | 255.255.255.254 | 0.0.0.1       | -               | 10.0.0.0    | 10.0.0.1        | 2        | 2
      10.0.0.1/32       | 10.0.0.1    | 255.255.255.255 | 0.0.0.0       | -               | 10.0.0.1    | 10.0.0.1        | 1        | 1
      255.255.255.255/32| 255.255.255.255 | 255.255.255.255 | 0.0.0.0   | -               | 255.255.255.255 | 255.255.255.255 | 1    | 1
      0.0.0.0/0         | 0.0.0.0     | 0.0.0.0         | 255.255.255.255 | 255.255.255.255 | 0.0.0.1   | 255.255.255.254 | 4294967294 | 4294967296
      2001:db8::1/64    | 2001:db8::  | ffff:ffff:ffff:ffff:: | ::ffff:ffff:ffff:ffff | - | 2001:db8::1 | 2001:db8::ffff:ffff:ffff:ffff | 18446744073709551615 | 18446744073709551616
      2001:db8::/127    | 2001:db8::  | ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe | ::1 | - | 2001:db8:: | 2001:db8::1 | 2 | 2
      2001:db8::5/128   | 2001:db8::5 | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | :: | - | 2001:db8::5 | 2001:db8::5 | 1 | 1
      ::/0              | ::          | ::              | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | - | ::1 | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | 340282366920938463463374607431768211455 | 340282366920938463463374607431768211456
      """)
  void derivesEverything(
      String text,
      String network,
      String netmask,
      String wildcard,
      String broadcast,
      String firstHost,
      String lastHost,
      String usable,
      String size) {
    Prefix p = Prefix.parse(text);
    assertThat(p.network()).hasToString(network);
    assertThat(p.netmask()).hasToString(netmask);
    assertThat(p.wildcard()).hasToString(wildcard);
    assertThat(p.broadcast().map(IpAddress::toString).orElse(null)).isEqualTo(broadcast);
    assertThat(p.firstHost()).hasToString(firstHost);
    assertThat(p.lastHost()).hasToString(lastHost);
    assertThat(p.usableHosts()).isEqualTo(new BigInteger(usable));
    assertThat(p.size()).isEqualTo(new BigInteger(size));
  }

  @Test
  void acceptsDottedNetmasksAndLengths() {
    assertThat(Prefix.parse("10.1.2.3/255.255.240.0")).isEqualTo(Prefix.parse("10.1.2.3/20"));
    assertThat(Prefix.of(IpAddress.parse("10.1.2.3"), "255.255.255.0").length()).isEqualTo(24);
    assertThat(Prefix.of(IpAddress.parse("10.1.2.3"), "/16").length()).isEqualTo(16);
    assertThat(Prefix.parse("2001:db8::/ffff:ffff::").length()).isEqualTo(32);
    assertThat(Prefix.parse("1.2.3.4/0.0.0.0").length()).isZero();
    assertThat(Prefix.parse("fe80::1%eth0/64").address().zone()).isEqualTo("eth0");
    assertThat(Prefix.parse("10.0.0.7")).isEqualTo(new Prefix(IpAddress.parse("10.0.0.7"), 32));
  }

  @Test
  void explainsBadMasks() {
    assertThatThrownBy(() -> Prefix.parse("1.2.3.4/255.0.255.0"))
        .hasMessageContaining("not contiguous");
    assertThatThrownBy(() -> Prefix.parse("1.2.3.4/0.0.0.255"))
        .hasMessageContaining("wildcard")
        .hasMessageContaining("255.255.255.0 (/24)");
    assertThatThrownBy(() -> Prefix.parse("1.2.3.4/33"))
        .hasMessage("prefix length /33 is out of range: IPv4 allows /0 to /32");
    assertThatThrownBy(() -> Prefix.parse("::/129"))
        .hasMessage("prefix length /129 is out of range: IPv6 allows /0 to /128");
    assertThatThrownBy(() -> new Prefix(IpAddress.parse("::"), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void containment() {
    Prefix ten = Prefix.parse("10.0.0.0/8");
    assertThat(ten.contains(IpAddress.parse("10.255.0.1"))).isTrue();
    assertThat(ten.contains(IpAddress.parse("11.0.0.0"))).isFalse();
    assertThat(ten.contains(IpAddress.parse("::ffff:10.0.0.1"))).isFalse();
    assertThat(ten.contains(Prefix.parse("10.1.0.0/16"))).isTrue();
    assertThat(Prefix.parse("10.1.0.0/16").contains(ten)).isFalse();
    assertThat(Prefix.parse("::/0").contains(IpAddress.parse("fe80::1%eth0"))).isTrue();
  }

  @Test
  void splitsAndSizesForHosts() {
    List<Prefix> quarters = Prefix.parse("192.168.0.0/24").subnets(26);
    assertThat(quarters)
        .extracting(Prefix::toString)
        .containsExactly(
            "192.168.0.0/26", "192.168.0.64/26", "192.168.0.128/26", "192.168.0.192/26");
    assertThat(Prefix.parse("::/0").subnets(30)).hasSize(1 << 30);
    assertThat(Prefix.parse("::/0").subnets(30).get((1 << 30) - 1)).hasToString("ffff:fffc::/30");
    assertThatThrownBy(() -> Prefix.parse("::/0").subnets(31)).hasMessageContaining("2^31 subnets");
    assertThatThrownBy(() -> Prefix.parse("10.0.0.0/24").subnets(23))
        .hasMessageContaining("from /24 to /32");
    // jodies ipcalc answers /29 (6 hosts) for 10: the right answer holds 10.
    assertThat(Prefix.lengthForHosts(IpVersion.IPV4, BigInteger.TEN)).isEqualTo(28);
    assertThat(Prefix.lengthForHosts(IpVersion.IPV4, BigInteger.valueOf(14))).isEqualTo(28);
    assertThat(Prefix.lengthForHosts(IpVersion.IPV4, BigInteger.valueOf(15))).isEqualTo(27);
    assertThat(Prefix.lengthForHosts(IpVersion.IPV4, BigInteger.ONE)).isEqualTo(32);
    assertThat(Prefix.lengthForHosts(IpVersion.IPV4, BigInteger.TWO)).isEqualTo(31);
    assertThat(Prefix.lengthForHosts(IpVersion.IPV6, BigInteger.valueOf(3))).isEqualTo(126);
    assertThatThrownBy(() -> Prefix.lengthForHosts(IpVersion.IPV4, BigInteger.ONE.shiftLeft(32)))
        .hasMessageContaining("do not fit");
  }

  @Test
  void summarizesRanges() {
    List<Prefix> p =
        AddressRange.summarize(
            List.of(
                AddressRange.parse("10.0.0.5-10.0.0.20"),
                AddressRange.parse("10.0.0.0/30"),
                AddressRange.parse("10.0.0.4")));
    assertThat(p)
        .extracting(Prefix::toString)
        .containsExactly("10.0.0.0/28", "10.0.0.16/30", "10.0.0.20/32");
    assertThat(AddressRange.summarize(List.of(AddressRange.parse("0.0.0.0-255.255.255.255"))))
        .extracting(Prefix::toString)
        .containsExactly("0.0.0.0/0");
    assertThat(
            AddressRange.summarize(
                List.of(
                    AddressRange.parse("::1"),
                    AddressRange.parse("10.0.0.1"),
                    AddressRange.parse("::"))))
        .extracting(Prefix::toString)
        .containsExactly("10.0.0.1/32", "::/127");
    assertThatThrownBy(() -> AddressRange.parse("10.0.0.9-10.0.0.1"))
        .hasMessageContaining("backwards");
    assertThatThrownBy(() -> AddressRange.parse("10.0.0.1-::1")).hasMessageContaining("mixes");
  }

  @Test
  void reverseZones() {
    assertThat(ReverseDns.pointerName(IpAddress.parse("192.0.2.10")))
        .isEqualTo("10.2.0.192.in-addr.arpa");
    assertThat(ReverseDns.pointerName(IpAddress.parse("2001:db8::1")))
        .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    assertThat(ReverseDns.zones(Prefix.parse("10.0.0.1/8"))).containsExactly("10.in-addr.arpa");
    assertThat(ReverseDns.zones(Prefix.parse("192.168.0.0/23")))
        .containsExactly("0.168.192.in-addr.arpa", "1.168.192.in-addr.arpa");
    assertThat(ReverseDns.zones(Prefix.parse("192.168.5.130/26")))
        .containsExactly("5.168.192.in-addr.arpa");
    assertThat(ReverseDns.classless(Prefix.parse("192.168.5.130/26"))).isTrue();
    assertThat(ReverseDns.zones(Prefix.parse("2001:db8::/32")))
        .containsExactly("8.b.d.0.1.0.0.2.ip6.arpa");
    assertThat(ReverseDns.zones(Prefix.parse("2001:db8::/31")))
        .containsExactly("8.b.d.0.1.0.0.2.ip6.arpa", "9.b.d.0.1.0.0.2.ip6.arpa");
    assertThat(ReverseDns.zones(Prefix.parse("0.0.0.0/0"))).containsExactly("in-addr.arpa");
  }

  @Test
  void classes() {
    assertThat(AddressClass.of(IpAddress.parse("0.1.2.3"))).isEqualTo(AddressClass.A);
    assertThat(AddressClass.note(IpAddress.parse("0.1.2.3"))).contains("this network");
    assertThat(AddressClass.of(IpAddress.parse("127.0.0.1"))).isEqualTo(AddressClass.A);
    assertThat(AddressClass.note(IpAddress.parse("127.0.0.1"))).contains("loopback");
    assertThat(AddressClass.note(IpAddress.parse("126.0.0.1"))).isNull();
    assertThat(AddressClass.of(IpAddress.parse("128.0.0.0"))).isEqualTo(AddressClass.B);
    assertThat(AddressClass.of(IpAddress.parse("191.255.255.255"))).isEqualTo(AddressClass.B);
    assertThat(AddressClass.of(IpAddress.parse("192.0.0.0"))).isEqualTo(AddressClass.C);
    assertThat(AddressClass.of(IpAddress.parse("223.255.255.255"))).isEqualTo(AddressClass.C);
    assertThat(AddressClass.of(IpAddress.parse("224.0.0.0"))).isEqualTo(AddressClass.D);
    assertThat(AddressClass.of(IpAddress.parse("239.255.255.255"))).isEqualTo(AddressClass.D);
    assertThat(AddressClass.of(IpAddress.parse("240.0.0.0"))).isEqualTo(AddressClass.E);
    assertThat(AddressClass.of(IpAddress.parse("255.255.255.255"))).isEqualTo(AddressClass.E);
    for (AddressClass c : AddressClass.values()) {
      assertThat(AddressClass.of(IpAddress.parse(c.first()))).isEqualTo(c);
      assertThat(AddressClass.of(IpAddress.parse(c.last()))).isEqualTo(c);
    }
  }

  @Test
  void embeddedIpv4() {
    assertThat(EmbeddedIpv4.of(IpAddress.parse("::ffff:127.0.0.1")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.mechanism()).isEqualTo("IPv4-mapped");
              assertThat(e.ipv4()).hasToString("127.0.0.1");
            });
    assertThat(EmbeddedIpv4.of(IpAddress.parse("2002:c000:0204::1")))
        .singleElement()
        .satisfies(e -> assertThat(e.ipv4()).hasToString("192.0.2.4"));
    // RFC 4380 section 4 example: server 65.54.227.120, client 192.0.2.45, port 40000.
    List<EmbeddedIpv4> teredo =
        EmbeddedIpv4.of(IpAddress.parse("2001:0:4136:e378:8000:63bf:3fff:fdd2"));
    assertThat(teredo)
        .extracting(e -> e.ipv4().toString())
        .containsExactly("65.54.227.120", "192.0.2.45");
    assertThat(teredo.get(1).note()).isEqualTo("mapped UDP port 40000");
    assertThat(EmbeddedIpv4.of(IpAddress.parse("64:ff9b::192.0.2.33")))
        .singleElement()
        .satisfies(e -> assertThat(e.ipv4()).hasToString("192.0.2.33"));
    assertThat(EmbeddedIpv4.of(IpAddress.parse("::1"))).isEmpty();
    assertThat(EmbeddedIpv4.of(IpAddress.parse("2001:db8::1"))).isEmpty();
    assertThat(EmbeddedIpv4.of(IpAddress.parse("10.0.0.1"))).isEmpty();
  }
}
