package dev.sockit.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One row per registry row, written out by hand from the IANA pages (not derived from the parser):
 * blocks, name, the flags source/destination/forwardable/globally-reachable/reserved-by-protocol
 * (T, F, N = n/a, - = blank) and a probe address that must find exactly this row.
 */
class SpecialPurposeRegistryTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      0.0.0.0/8                       | This network                              | TFFFT | 0.1.2.3
      0.0.0.0/32                      | This host on this network                 | TFFFT | 0.0.0.0
      10.0.0.0/8                      | Private-Use                               | TTTFF | 10.200.0.1
      100.64.0.0/10                   | Shared Address Space                      | TTTFF | 100.127.255.255
      127.0.0.0/8                     | Loopback                                  | FFFFT | 127.0.0.1
      169.254.0.0/16                  | Link Local                                | TTFFT | 169.254.1.1
      172.16.0.0/12                   | Private-Use                               | TTTFF | 172.31.0.1
      192.0.0.0/24                    | IETF Protocol Assignments                 | FFFFF | 192.0.0.100
      192.0.0.0/29                    | IPv4 Service Continuity Prefix            | TTTFF | 192.0.0.7
      192.0.0.8/32                    | IPv4 dummy address                        | TFFFF | 192.0.0.8
      192.0.0.9/32                    | Port Control Protocol Anycast             | TTTTF | 192.0.0.9
      192.0.0.10/32                   | Traversal Using Relays around NAT Anycast | TTTTF | 192.0.0.10
      192.0.0.170/32 192.0.0.171/32   | NAT64/DNS64 Discovery                     | FFFFT | 192.0.0.171
      192.0.2.0/24                    | Documentation (TEST-NET-1)                | FFFFF | 192.0.2.1
      192.31.196.0/24                 | AS112-v4                                  | TTTTF | 192.31.196.1
      192.52.193.0/24                 | AMT                                       | TTTTF | 192.52.193.1
      192.88.99.0/24                  | Deprecated (6to4 Relay Anycast)           | ----- | 192.88.99.1
      192.88.99.2/32                  | 6a44-relay anycast address                | TTTFF | 192.88.99.2
      192.168.0.0/16                  | Private-Use                               | TTTFF | 192.168.1.1
      192.175.48.0/24                 | Direct Delegation AS112 Service           | TTTTF | 192.175.48.1
      198.18.0.0/15                   | Benchmarking                              | TTTFF | 198.19.255.255
      198.51.100.0/24                 | Documentation (TEST-NET-2)                | FFFFF | 198.51.100.7
      203.0.113.0/24                  | Documentation (TEST-NET-3)                | FFFFF | 203.0.113.7
      240.0.0.0/4                     | Reserved                                  | FFFFT | 250.1.2.3
      255.255.255.255/32              | Limited Broadcast                         | FTFFT | 255.255.255.255
      ::1/128                         | Loopback Address                          | FFFFT | ::1
      ::/128                          | Unspecified Address                       | TFFFT | ::
      ::ffff:0.0.0.0/96               | IPv4-mapped Address                       | FFFFT | ::ffff:10.0.0.1
      64:ff9b::/96                    | IPv4-IPv6 Translat.                       | TTTTF | 64:ff9b::1.2.3.4
      64:ff9b:1::/48                  | IPv4-IPv6 Translat.                       | TTTFF | 64:ff9b:1::1
      100::/64                        | Discard-Only Address Block                | TTTFF | 100::1
      100:0:0:1::/64                  | Dummy IPv6 Prefix                         | TFFFF | 100:0:0:1::5
      2001::/23                       | IETF Protocol Assignments                 | FFFFF | 2001:100::1
      2001::/32                       | TEREDO                                    | TTTNF | 2001:0:4136:e378:8000:63bf:3fff:fdd2
      2001:1::1/128                   | Port Control Protocol Anycast             | TTTTF | 2001:1::1
      2001:1::2/128                   | Traversal Using Relays around NAT Anycast | TTTTF | 2001:1::2
      2001:1::3/128                   | DNS-SD Service Registration Protocol Anycast | TTTTF | 2001:1::3
      2001:2::/48                     | Benchmarking                              | TTTFF | 2001:2::1
      2001:3::/32                     | AMT                                       | TTTTF | 2001:3::1
      2001:4:112::/48                 | AS112-v6                                  | TTTTF | 2001:4:112::1
      2001:10::/28                    | Deprecated (previously ORCHID)            | ----- | 2001:10::1
      2001:20::/28                    | ORCHIDv2                                  | TTTTF | 2001:20::1
      2001:30::/28                    | Drone Remote ID Protocol Entity Tags (DETs) Prefix | TTTTF | 2001:30::1
      2001:db8::/32                   | Documentation                             | FFFFF | 2001:db8::1
      2002::/16                       | 6to4                                      | TTTNF | 2002:c000:204::1
      2620:4f:8000::/48               | Direct Delegation AS112 Service           | TTTTF | 2620:4f:8000::1
      3fff::/20                       | Documentation                             | FFFFF | 3fff:fff::1
      5f00::/16                       | Segment Routing (SRv6) SIDs               | TTTFF | 5f00::1
      fc00::/7                        | Unique-Local                              | TTTFF | fd12:3456::1
      fe80::/10                       | Link-Local Unicast                        | TTFFT | fe80::1%eth0
      """)
  void everyRowIsParsedAndFoundByItsProbe(String blocks, String name, String flags, String probe) {
    IpAddress address = IpAddress.parse(probe);
    SpecialPurposeRegistry registry = SpecialPurposeRegistry.bundled(address.version());
    SpecialPurposeEntry e = registry.lookup(address).orElseThrow();
    assertThat(e.blocks().stream().map(Prefix::toString).collect(Collectors.joining(" ")))
        .isEqualTo(blocks);
    assertThat(e.name()).isEqualTo(name);
    String actual =
        List.of(
                e.source(),
                e.destination(),
                e.forwardable(),
                e.globallyReachable(),
                e.reservedByProtocol())
            .stream()
            .map(
                f ->
                    switch (f) {
                      case TRUE -> "T";
                      case FALSE -> "F";
                      case NOT_APPLICABLE -> "N";
                      case UNSET -> "-";
                    })
            .collect(Collectors.joining());
    assertThat(actual).isEqualTo(flags);
    assertThat(e.deprecated()).isEqualTo(flags.equals("-----"));
  }

  @Test
  void holdsExactlyTheRowsOfTheTableAbove() {
    assertThat(SpecialPurposeRegistry.bundled(IpVersion.IPV4).entries()).hasSize(25);
    assertThat(SpecialPurposeRegistry.bundled(IpVersion.IPV6).entries()).hasSize(25);
    assertThat(SpecialPurposeRegistry.bundled(IpVersion.IPV4).asOf()).isEqualTo("2026-07-18");
    assertThat(SpecialPurposeRegistry.bundled(IpVersion.IPV6).name())
        .isEqualTo("IANA IPv6 Special-Purpose Address Registry");
  }

  @Test
  void footnotesAndRfcTextSurvive() {
    SpecialPurposeEntry loopback =
        SpecialPurposeRegistry.bundled(IpVersion.IPV4)
            .lookup(IpAddress.parse("127.1.2.3"))
            .orElseThrow();
    assertThat(loopback.notes())
        .containsExactly("some protocols have exceptions to the False flags");
    assertThat(loopback.rfc()).isEqualTo("[RFC1122], Section 3.2.1.3");
    SpecialPurposeEntry broadcast =
        SpecialPurposeRegistry.bundled(IpVersion.IPV4)
            .lookup(IpAddress.parse("255.255.255.255"))
            .orElseThrow();
    assertThat(broadcast.rfc()).isEqualTo("[RFC8190] [RFC919], Section 7");
    SpecialPurposeEntry ula =
        SpecialPurposeRegistry.bundled(IpVersion.IPV6)
            .lookup(IpAddress.parse("fd00::1"))
            .orElseThrow();
    assertThat(ula.notes()).containsExactly("reachable only within a limited domain");
    SpecialPurposeEntry deprecated =
        SpecialPurposeRegistry.bundled(IpVersion.IPV4)
            .lookup(IpAddress.parse("192.88.99.1"))
            .orElseThrow();
    assertThat(deprecated.terminated()).isEqualTo("2015-03");
  }

  @Test
  void ordinaryAddressesAreNotSpecial() {
    assertThat(SpecialPurposeRegistry.bundled(IpVersion.IPV4).lookup(IpAddress.parse("8.8.8.8")))
        .isEmpty();
    assertThat(SpecialPurposeRegistry.bundled(IpVersion.IPV4).lookup(IpAddress.parse("224.0.0.1")))
        .isEmpty();
    assertThat(
            SpecialPurposeRegistry.bundled(IpVersion.IPV6)
                .lookup(IpAddress.parse("2606:4700::1111")))
        .isEmpty();
    assertThat(
            SpecialPurposeRegistry.bundled(IpVersion.IPV6).lookup(IpAddress.parse("2001:200::1")))
        .isEmpty();
    assertThat(SpecialPurposeRegistry.unlisted(IpAddress.parse("fec0::1")))
        .hasValueSatisfying(s -> assertThat(s).contains("RFC 3879"));
    assertThat(SpecialPurposeRegistry.unlisted(IpAddress.parse("ff02::1")))
        .hasValueSatisfying(s -> assertThat(s).contains("RFC 4291"));
    assertThat(SpecialPurposeRegistry.unlisted(IpAddress.parse("239.1.1.1")))
        .hasValueSatisfying(s -> assertThat(s).contains("RFC 5771"));
    assertThat(SpecialPurposeRegistry.unlisted(IpAddress.parse("8.8.8.8"))).isEmpty();
  }

  @Test
  void rejectsMalformedRegistryText() {
    String header =
        "Address Block,Name,RFC,Allocation Date,Termination Date,Source,Destination,Forwardable,Globally Reachable,Reserved-by-Protocol\n";
    assertThatThrownBy(
            () ->
                SpecialPurposeRegistry.parse(
                    IpVersion.IPV4, "x", "d", header + "10.0.0.0/8,x,y\n", List.of()))
        .hasMessageContaining("3 columns");
    assertThatThrownBy(
            () ->
                SpecialPurposeRegistry.parse(
                    IpVersion.IPV4,
                    "x",
                    "d",
                    header + "10.0.0.1/8,a,b,c,d,True,True,True,True,Maybe\n",
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
