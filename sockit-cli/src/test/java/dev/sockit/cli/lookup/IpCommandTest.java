package dev.sockit.cli.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockit.cli.JsonCheck;
import dev.sockit.cli.RecordingResolverProvider;
import dev.sockit.cli.Run;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/** {@code sockit ip} in process: the full malformed corpus, the output fields, JSON. */
class IpCommandTest {
  static final Path CORPUS =
      Path.of("../sockit-core/src/test/resources/dev/sockit/core/address/malformed-addresses.txt");

  static List<String> corpus() throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(CORPUS, StandardCharsets.UTF_8)) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        out.add(unescape(line));
      }
    }
    return out;
  }

  static String unescape(String line) {
    if (line.equals("\\e")) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char n = line.charAt(++i);
      switch (n) {
        case 's' -> sb.append(' ');
        case 't' -> sb.append('\t');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case '\\' -> sb.append('\\');
        case 'u' -> {
          sb.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> throw new IllegalArgumentException("unknown escape \\" + n);
      }
    }
    return sb.toString();
  }

  @TestFactory
  Stream<DynamicTest> everyMalformedInputExitsTwoWithOneLineAndNoDns() throws IOException {
    List<String> corpus = corpus();
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(100);
    return corpus.stream()
        .map(
            input ->
                DynamicTest.dynamicTest(
                    "ip " + input.replace("\n", "\\n"),
                    () -> {
                      int before = RecordingResolverProvider.LOOKUPS.size();
                      Run run = Run.of("ip", input);
                      assertThat(run.code())
                          .as("exit code for %s, stderr %s", input, run.err())
                          .isEqualTo(2);
                      assertThat(run.out()).isEmpty();
                      assertThat(run.err()).startsWith("sockit: ").endsWith("\n");
                      assertThat(run.err().strip())
                          .doesNotContain("\n", "\r", "Exception", "\tat ");
                      assertThat(
                              RecordingResolverProvider.LOOKUPS.subList(
                                  before, RecordingResolverProvider.LOOKUPS.size()))
                          .as("DNS lookups while parsing %s", input)
                          .isEmpty();
                    }));
  }

  @Test
  void theRecorderReallySeesLookups() {
    // Guards the corpus test: without the recorder installed, "no lookups" would prove nothing.
    String probe = "sockit-probe-" + System.nanoTime() + ".invalid";
    try {
      InetAddress.getAllByName(probe);
    } catch (UnknownHostException expected) {
      // .invalid never resolves (RFC 6761)
    }
    assertThat(RecordingResolverProvider.LOOKUPS).contains(probe);
  }

  @Test
  void explainsAPrefix() {
    Run run = Run.of("ip", "192.168.1.77/26");
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("Address:      192.168.1.77         11000000.10101000.00000001.01001101")
        .contains("Class:        C (192.0.0.0 - 223.255.255.255, default /24)")
        .contains("192.168.0.0/16 Private-Use [RFC1918]")
        .contains("as of 2026-07-18")
        .contains("Network:      192.168.1.64/26")
        .contains("Netmask:      255.255.255.192 = 26")
        .contains("Wildcard:     0.0.0.63")
        .contains("Broadcast:    192.168.1.127")
        .contains("First host:   192.168.1.65")
        .contains("Last host:    192.168.1.126")
        .contains("Hosts:        62 usable of 64 addresses")
        .contains("1.168.192.in-addr.arpa");
  }

  @Test
  void acceptsASeparateNetmaskAndRefusesTwoPrefixes() {
    assertThat(Run.of("ip", "10.1.2.3", "255.255.240.0").out())
        .contains("Network:      10.1.0.0/20");
    Run both = Run.of("ip", "10.1.2.3/8", "255.0.0.0");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("already has a prefix");
  }

  @Test
  void slash31And32HaveNoBroadcastAndNoWrapAround() {
    assertThat(Run.of("ip", "10.0.0.0/31").out())
        .contains("Broadcast:    none")
        .contains("Hosts:        2 usable of 2 addresses");
    Run all = Run.of("ip", "255.255.255.255/32");
    assertThat(all.out())
        .contains("First host:   255.255.255.255")
        .contains("Last host:    255.255.255.255")
        .contains("1 usable of 1 address")
        .doesNotContain("First host:   0.0.0.0")
        .doesNotContain("255.255.255.254");
  }

  @Test
  void ipv6AllAddressesExact() {
    assertThat(Run.of("ip", "::/0").out())
        .contains(
            "340282366920938463463374607431768211455 usable of 340282366920938463463374607431768211456 addresses");
  }

  @Test
  void zonesAndEmbeddedIpv4() {
    assertThat(Run.of("ip", "fe80::1%eth0").out())
        .contains("Address:      fe80::1%eth0")
        .contains("Link-Local Unicast");
    Run teredo = Run.of("ip", "2001:0:4136:e378:8000:63bf:3fff:fdd2");
    assertThat(teredo.out())
        .contains("TEREDO")
        .contains("Embedded IPv4 (Teredo server")
        .contains("65.54.227.120")
        .contains("Embedded IPv4 (Teredo client")
        .contains("192.0.2.45")
        .contains("mapped UDP port 40000")
        .contains("Documentation (TEST-NET-1)");
    assertThat(Run.of("ip", "0.1.2.3").out()).contains("\"this network\"");
  }

  @Test
  void splitsContainsAndSummarizes() {
    Run split = Run.of("ip", "10.0.0.0/24", "--split", "/26");
    assertThat(split.out())
        .contains("4 subnets of /26, 62 usable hosts each:")
        .contains("10.0.0.192/26          hosts 10.0.0.193 - 10.0.0.254, broadcast 10.0.0.255");
    assertThat(Run.of("ip", "10.0.0.0/24", "--split-hosts", "10").out())
        .contains("16 subnets of /28, 14 usable hosts each:");
    Run tooMany = Run.of("ip", "10.0.0.0/24", "--split-hosts", "300");
    assertThat(tooMany.code()).isEqualTo(2);
    assertThat(tooMany.err()).contains("needs a /23");
    assertThat(Run.of("ip", "10.0.0.0/8", "--split", "/30").code()).isEqualTo(2);
    assertThat(Run.of("ip", "10.0.0.0", "--split", "/30").err()).contains("need a network");
    assertThat(Run.of("ip", "10.0.0.0/8", "--contains", "10.9.9.9").out())
        .contains("Contains:     10.9.9.9: yes");
    assertThat(Run.of("ip", "10.0.0.0/8", "--contains", "::ffff:10.9.9.9").out())
        .contains("embedded IPv4 10.9.9.9 (IPv4-mapped) is inside");
    Run sum = Run.of("ip", "summarize", "10.0.0.0/25", "10.0.0.128/25", "10.0.1.0-10.0.1.9", "::1");
    assertThat(sum.code()).isZero();
    assertThat(sum.out()).isEqualTo("10.0.0.0/24\n10.0.1.0/29\n10.0.1.8/31\n::1/128\n");
    Run badSum = Run.of("ip", "summarize", "10.0.0.9-10.0.0.1");
    assertThat(badSum.code()).isEqualTo(2);
    assertThat(badSum.err()).contains("backwards");
  }

  @Test
  void jsonHasTheDocumentedFieldsAndParses() throws Exception {
    Run run = Run.of("ip", "10.0.0.1/8", "--json", "--split", "/10", "--contains", "10.1.1.1");
    assertThat(run.code()).isZero();
    for (String field :
        List.of(
            "\"input\"",
            "\"address\"",
            "\"canonical\"",
            "\"expanded\"",
            "\"binary\"",
            "\"decimal\"",
            "\"hex\"",
            "\"reversePointer\"",
            "\"class\"",
            "\"registry\"",
            "\"registrySource\"",
            "\"multicast\"",
            "\"embeddedIpv4\"",
            "\"network\"",
            "\"netmask\"",
            "\"wildcard\"",
            "\"broadcast\"",
            "\"firstHost\"",
            "\"lastHost\"",
            "\"usableHosts\"",
            "\"totalAddresses\"",
            "\"reverseZones\"",
            "\"contains\"",
            "\"split\"",
            "\"subnets\"")) {
      assertThat(run.out()).contains(field);
    }
    assertThat(run.out())
        .contains("\"totalAddresses\": \"16777216\"")
        .contains("\"usableHosts\": \"16777214\"");
    JsonCheck.assertValid(run.out());
    JsonCheck.assertValid(
        Run.of("ip", "summarize", "10.0.0.0/25", "10.0.0.128/25", "--json").out());
    JsonCheck.assertValid(Run.of("ip", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "--json").out());
  }

  @Test
  @Timeout(30)
  void otherCommandsAnswer() throws Exception {
    Run ifaces = Run.of("ifaces", "--json");
    assertThat(ifaces.code()).isZero();
    assertThat(ifaces.out())
        .contains("\"interfaces\"")
        .contains("\"127.0.0.1\"")
        .contains("\"ipv4Gateways\"")
        .contains("\"dnsServers\"");
    JsonCheck.assertValid(ifaces.out());
    assertThat(Run.of("ifaces").out())
        .contains("127.0.0.1/8  netmask 255.0.0.0")
        .contains("IPv4 default gateway:");
    Run port = Run.of("port", "22");
    assertThat(port.out())
        .contains("Port 22: IANA 0-1023")
        .contains("ssh")
        .contains("as of mid-2024");
    JsonCheck.assertValid(Run.of("port", "https", "--json").out());
    assertThat(Run.of("port", "65536").code()).isEqualTo(2);
    assertThat(Run.of("port", "no-such-service").code()).isEqualTo(2);
    Run free = Run.of("port", "free", "--count", "2", "--udp");
    assertThat(free.code()).isZero();
    assertThat(free.out().strip().split("\n")).hasSize(2);
    Run resolve = Run.of("resolve", "localhost", "--json");
    assertThat(resolve.code()).isZero();
    assertThat(resolve.out()).contains("\"type\": \"forward\"").contains("127.0.0.1");
    JsonCheck.assertValid(resolve.out());
    Run unknown = Run.of("resolve", "no-such-host-" + System.nanoTime() + ".invalid");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("sockit: cannot resolve 'no-such-host-");
    int before = RecordingResolverProvider.LOOKUPS.size();
    Run badAddress = Run.of("resolve", "256.1.1.1");
    assertThat(badAddress.code()).isEqualTo(2);
    assertThat(
            RecordingResolverProvider.LOOKUPS.subList(
                before, RecordingResolverProvider.LOOKUPS.size()))
        .isEmpty();
  }
}
