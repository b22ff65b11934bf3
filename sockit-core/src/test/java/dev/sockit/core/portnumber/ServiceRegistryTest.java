package dev.sockit.core.portnumber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceRegistryTest {
  private static final Path SOURCE_CSV = Path.of("../data/iana/service-names-port-numbers.csv");

  @ParameterizedTest(name = "{0}/{1} = {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      7     | tcp | echo
      22    | tcp | ssh
      22    | udp | ssh
      53    | udp | domain
      80    | tcp | http
      443   | tcp | https
      443   | udp | https
      3306  | tcp | mysql
      5432  | tcp | postgresql
      6000  | tcp | x11
      6063  | udp | x11
      """)
  void knowsFamousPorts(int port, String protocol, String name) {
    assertThat(ServiceRegistry.bundled().byPort(port))
        .anySatisfy(
            e -> {
              assertThat(e.protocol()).isEqualTo(protocol);
              assertThat(e.name()).isEqualTo(name);
            });
  }

  @Test
  void looksUpNamesCaseInsensitivelyAndKeepsTheDate() {
    ServiceRegistry r = ServiceRegistry.bundled();
    assertThat(r.byName("HTTPS")).extracting(ServiceEntry::ports).containsExactly("443", "443");
    assertThat(r.byName("no-such-service-name")).isEmpty();
    assertThat(r.byPort(4)).isEmpty(); // Unassigned rows are not kept
    assertThat(r.byPort(0))
        .extracting(ServiceEntry::description)
        .containsExactly("Reserved", "Reserved");
    assertThat(r.asOf()).isEqualTo("mid-2024");
    assertThat(r.latestChange()).isEqualTo("2024-04-30");
  }

  @Test
  void rejectsBadRows() {
    assertThatThrownBy(() -> ServiceRegistry.parse(List.of("22\ttcp\tssh")))
        .hasMessageContaining("4 tab-separated");
    assertThatThrownBy(() -> ServiceRegistry.parse(List.of("22\tsctp\tssh\tx")))
        .hasMessageContaining("tcp or udp");
    assertThatThrownBy(() -> ServiceRegistry.parse(List.of("70000\ttcp\tx\tx")))
        .hasMessageContaining("bad port range");
    assertThatThrownBy(() -> ServiceRegistry.parse(List.of("-80\ttcp\tx\tx")))
        .hasMessageContaining("bad port range");
  }

  /**
   * Every tcp and udp row of IANA's CSV, read by Python's csv module (an independent parser), is
   * found in the bundled table with the same name and description, and nothing else is there.
   */
  @Test
  @Timeout(120)
  void holdsEveryRowOfTheIanaCsv() throws Exception {
    assumeTrue(Files.exists(SOURCE_CSV), "the source CSV is missing");
    Process p;
    try {
      p =
          new ProcessBuilder(
                  "python3",
                  "-c",
                  """
          import csv, sys
          for r in csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')):
              if r['Transport Protocol'] in ('tcp', 'udp') and r['Port Number'].strip():
                  print('\\t'.join([r['Port Number'].strip(), r['Transport Protocol'], r['Service Name'].strip(), ' '.join(r['Description'].split())]))
          """,
                  SOURCE_CSV.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      System.out.println("SKIPPED holdsEveryRowOfTheIanaCsv: python3 is not installed");
      assumeTrue(false, "python3 is not installed");
      return;
    }
    List<String> rows =
        List.of(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(rows).hasSizeGreaterThan(12_000);
    Set<ServiceEntry> expected = new HashSet<>();
    ServiceRegistry registry = ServiceRegistry.bundled();
    for (String row : rows) {
      String[] f = row.split("\t", -1);
      String[] range = f[0].split("-");
      int first = Integer.parseInt(range[0]);
      int last = range.length == 2 ? Integer.parseInt(range[1]) : first;
      if (f[2].isEmpty() && f[3].equals("Unassigned")) {
        assertThat(registry.byPort(first))
            .as(row)
            .noneMatch(e -> e.protocol().equals(f[1]) && e.firstPort() == first);
        continue;
      }
      ServiceEntry e = new ServiceEntry(f[2], first, last, f[1], f[3]);
      expected.add(e);
      assertThat(registry.byPort(first)).as(row).contains(e);
      if (!f[2].isEmpty()) {
        assertThat(registry.byName(f[2])).as(row).contains(e);
      }
    }
    assertThat(new HashSet<>(registry.entries())).isEqualTo(expected);
  }
}
