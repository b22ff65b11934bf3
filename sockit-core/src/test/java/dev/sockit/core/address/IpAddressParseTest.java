package dev.sockit.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressParseTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      0.0.0.0                                 | 0.0.0.0
      255.255.255.255                         | 255.255.255.255
      10.0.0.1                                | 10.0.0.1
      192.168.100.200                         | 192.168.100.200
      ::                                      | ::
      ::1                                     | ::1
      1::                                     | 1::
      2001:DB8::1                             | 2001:db8::1
      2001:0db8:0000:0000:0000:0000:0000:0001 | 2001:db8::1
      2001:db8:0:0:1:0:0:1                    | 2001:db8::1:0:0:1
      2001:0:0:1:0:0:0:1                      | 2001:0:0:1::1
      2001:db8:0:1:1:1:1:1                    | 2001:db8:0:1:1:1:1:1
      1:2:3:4:5:6:7::                         | 1:2:3:4:5:6:7:0
      ::2:3:4:5:6:7:8                         | 0:2:3:4:5:6:7:8
      fe80::1%eth0                            | fe80::1%eth0
      fe80::1%2                               | fe80::1%2
      ::ffff:1.2.3.4                          | ::ffff:1.2.3.4
      ::ffff:0102:0304                        | ::ffff:1.2.3.4
      ::1.2.3.4                               | ::102:304
      64:ff9b::192.0.2.33                     | 64:ff9b::c000:221
      1:2:3:4:5:6:1.2.3.4                     | 1:2:3:4:5:6:102:304
      ff02::1:ff00:1234                       | ff02::1:ff00:1234
      """)
  void parsesAndFormatsCanonically(String input, String canonical) {
    assertThat(IpAddress.parse(input).toString()).isEqualTo(canonical);
  }

  @Test
  void expandedBinaryDecimalHex() {
    IpAddress a = IpAddress.parse("192.168.1.10");
    assertThat(a.binary()).isEqualTo("11000000.10101000.00000001.00001010");
    assertThat(a.toBigInteger()).hasToString("3232235786");
    assertThat(a.hex()).isEqualTo("0xc0a8010a");
    IpAddress b = IpAddress.parse("2001:db8::ff");
    assertThat(b.expanded()).isEqualTo("2001:0db8:0000:0000:0000:0000:0000:00ff");
    assertThat(b.hex()).isEqualTo("0x20010db80000000000000000000000ff");
    assertThat(b.binary())
        .startsWith("0010000000000001:0000110110111000:")
        .endsWith(":0000000011111111");
    assertThat(IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").toBigInteger())
        .isEqualTo(java.math.BigInteger.ONE.shiftLeft(128).subtract(java.math.BigInteger.ONE));
  }

  @Test
  void bytesRoundTrip() {
    for (String s : List.of("1.2.3.4", "255.0.128.1", "2001:db8::8000:1", "ffff::1")) {
      IpAddress a = IpAddress.parse(s);
      assertThat(IpAddress.ofBytes(a.bytes())).isEqualTo(a);
    }
  }

  @Test
  void namesTheProblemsTheIssueLists() {
    assertThatThrownBy(() -> IpAddress.parse("256.1.1.1"))
        .hasMessage("'256.1.1.1' is not an IPv4 address: 256 is more than 255");
    assertThatThrownBy(() -> IpAddress.parse("1.2.3"))
        .hasMessageStartingWith("'1.2.3' has 3 parts");
    assertThatThrownBy(() -> IpAddress.parse("1.2.3.4 "))
        .hasMessageContaining("a space at position 8");
    assertThatThrownBy(() -> IpAddress.parse("010.1.1.1"))
        .hasMessageContaining("leading zero in '010'")
        .hasMessageContaining("octal")
        .hasMessageContaining("write 10");
    assertThatThrownBy(() -> IpAddress.parse("localhost"))
        .hasMessageContaining("sockit resolve localhost");
    assertThatThrownBy(() -> IpAddress.parse("1::2::3"))
        .hasMessageContaining("'::' more than once");
    assertThatThrownBy(() -> IpAddress.parse("fe80::1%")).hasMessageContaining("empty zone");
    assertThatThrownBy(() -> IpAddress.parse("::ffff:1.2.3")).hasMessageContaining("bad IPv4 tail");
    assertThatThrownBy(() -> IpAddress.parse("12345::1"))
        .hasMessageContaining("more than four hex digits");
  }

  @TestFactory
  Stream<DynamicTest> rejectsEveryMalformedInputWithOneLine() {
    List<String> corpus = Corpus.read("malformed-addresses.txt");
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(100);
    return corpus.stream()
        .map(
            input ->
                DynamicTest.dynamicTest(
                    AddressText.quote(input),
                    () ->
                        assertThatThrownBy(() -> Prefix.parse(input))
                            .isInstanceOf(IllegalArgumentException.class)
                            .satisfies(
                                e ->
                                    assertThat(e.getMessage())
                                        .doesNotContain("\n", "\r")
                                        .isNotBlank())));
  }

  @Test
  void literalsBridgeKeepsMappedAddressesIpv6AndNeverResolves() {
    assertThat(IpLiterals.parse("::ffff:1.2.3.4")).isInstanceOf(Inet6Address.class);
    assertThat(IpLiterals.parseIpv4("10.0.0.1")).containsExactly(10, 0, 0, 1);
    assertThat(IpLiterals.parseIpv6("::1").isLoopbackAddress()).isTrue();
    assertThat(IpLiterals.parseIpv6("fe80::1%3").getScopeId()).isEqualTo(3);
    assertThatThrownBy(() -> IpLiterals.parseIpv6("1.2.3.4"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IpLiterals.parse("fe80::1%nosuchif0"))
        .hasMessageContaining("names no interface");
  }

  @Test
  void comparesNumerically() {
    assertThat(IpAddress.parse("9.0.0.0")).isLessThan(IpAddress.parse("10.0.0.0"));
    assertThat(IpAddress.parse("128.0.0.0")).isGreaterThan(IpAddress.parse("127.255.255.255"));
    assertThat(IpAddress.parse("8000::")).isGreaterThan(IpAddress.parse("7fff::"));
    assertThat(IpAddress.parse("255.255.255.255")).isLessThan(IpAddress.parse("::"));
    assertThat(IpAddress.parse("255.255.255.255").plus(1)).isNull();
    assertThat(IpAddress.parse("::").plus(-1)).isNull();
    assertThat(IpAddress.parse("::ffff:ffff:ffff:ffff").plus(1)).hasToString("0:0:0:1::");
  }
}
