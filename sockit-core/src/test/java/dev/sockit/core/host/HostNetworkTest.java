package dev.sockit.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockit.core.address.IpAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostNetworkTest {
  /** Copied from a Linux host: a default route via 192.0.2.1 and an on-link /24. */
  private static final String ROUTE =
      """
      Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
      eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0
      eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
      wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
      """;

  /** Copied from a Linux host, with the unreachable catch-all route on lo that must be skipped. */
  private static final String IPV6_ROUTE =
      """
      fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0
      00000000000000000000000000000000 00 00000000000000000000000000000000 00 fd000000000000000000000000000001 00000400 00000002 00000000 00000003     eth0
      00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo
      """;

  @Test
  void findsDefaultGateways() {
    assertThat(DefaultRoutes.ipv4(ROUTE))
        .extracting(g -> g.address() + " " + g.interfaceName() + " " + g.metric())
        .containsExactly("192.0.2.1 eth0 0", "192.168.1.1 wlan0 600");
    assertThat(DefaultRoutes.ipv6(IPV6_ROUTE))
        .extracting(g -> g.address() + " " + g.interfaceName() + " " + g.metric())
        .containsExactly("fd00::1 eth0 1024");
    assertThat(DefaultRoutes.ipv4("Iface\tDestination\n")).isEmpty();
  }

  @Test
  void parsesResolvConf() {
    ResolverConfig c =
        ResolverConfig.parse(
            """
        # generated
        nameserver 10.255.255.53
        nameserver 2001:db8::53
        nameserver not-an-address
        search example.org lab.example.org
        options edns0
        """);
    assertThat(c.nameservers())
        .extracting(IpAddress::toString)
        .containsExactly("10.255.255.53", "2001:db8::53");
    assertThat(c.search()).containsExactly("example.org", "lab.example.org");
    assertThat(c.problems())
        .singleElement()
        .satisfies(p -> assertThat(p).contains("not-an-address"));
    assertThat(c.localStubOnly()).isFalse();
    assertThat(ResolverConfig.parse("nameserver 127.0.0.53\n").localStubOnly()).isTrue();
  }

  @Test
  void readsFromGivenFilesAndSaysWhatIsUnknown(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("route"), ROUTE);
    Files.writeString(dir.resolve("resolv.conf"), "nameserver 192.0.2.53\n");
    HostNetwork net =
        HostNetwork.read(
            new HostNetwork.Sources(
                dir.resolve("route"),
                dir.resolve("missing"),
                dir.resolve("resolv.conf"),
                dir.resolve("no-sys")));
    assertThat(net.ipv4Gateways()).hasValueSatisfying(g -> assertThat(g).hasSize(2));
    assertThat(net.ipv6Gateways()).isEmpty();
    assertThat(net.notes())
        .singleElement()
        .satisfies(n -> assertThat(n).startsWith("IPv6 default gateway: unknown"));
    assertThat(net.resolver().orElseThrow().nameservers())
        .extracting(IpAddress::toString)
        .containsExactly("192.0.2.53");
  }

  @Test
  void listsThisHostsLoopback() throws IOException {
    HostNetwork net = HostNetwork.read();
    assertThat(net.interfaces())
        .anySatisfy(
            i -> {
              assertThat(i.loopback()).isTrue();
              assertThat(i.flags()).contains("loopback");
              assertThat(i.addresses())
                  .anySatisfy(
                      a -> {
                        assertThat(a.address()).hasToString("127.0.0.1");
                        assertThat(a.prefixLength()).isEqualTo(8);
                        assertThat(a.netmask()).hasToString("255.0.0.0");
                        assertThat(a.scope()).isEqualTo("host");
                      });
            });
    for (HostInterface i : net.interfaces()) {
      for (InterfaceAddressInfo a : i.addresses()) {
        // Only link-local IPv6 addresses keep a zone.
        assertThat(a.address().zone() == null || a.scope().equals("link"))
            .as(a.toString())
            .isTrue();
      }
    }
  }

  @Test
  void scopes() {
    assertThat(InterfaceAddressInfo.scopeOf(IpAddress.parse("127.0.0.1"))).isEqualTo("host");
    assertThat(InterfaceAddressInfo.scopeOf(IpAddress.parse("169.254.1.1"))).isEqualTo("link");
    assertThat(InterfaceAddressInfo.scopeOf(IpAddress.parse("10.0.0.1"))).isEqualTo("global");
    assertThat(InterfaceAddressInfo.scopeOf(IpAddress.parse("::1"))).isEqualTo("host");
    assertThat(InterfaceAddressInfo.scopeOf(IpAddress.parse("fe80::1"))).isEqualTo("link");
    assertThat(InterfaceAddressInfo.scopeOf(IpAddress.parse("febf::1"))).isEqualTo("link");
    assertThat(InterfaceAddressInfo.scopeOf(IpAddress.parse("fec0::1"))).isEqualTo("global");
    assertThat(InterfaceAddressInfo.scopeOf(IpAddress.parse("fd00::2"))).isEqualTo("global");
  }

  @Test
  void forwardAndReverseLookupOfLocalhost() throws Exception {
    NameLookup.Forward f = NameLookup.forward("localhost");
    assertThat(f.addresses())
        .isNotEmpty()
        .allMatch(a -> a.toString().equals("127.0.0.1") || a.toString().equals("::1"));
    assertThat(f.took()).isPositive();
    NameLookup.Reverse r = NameLookup.reverse(IpAddress.parse("127.0.0.1"));
    assertThat(r.name()).isPresent();
  }
}
