package dev.sockit.core.servicename;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockit.core.net.Transport;
import dev.sockit.core.portnumber.ServiceEntry;
import dev.sockit.core.portnumber.ServiceRegistry;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RegistryNames answers the first lookups row by row and then from a port index: both must give,
 * for every port and both protocols, what a plain walk over the decoded rows gives (the first named
 * row in registry order; for a name, its lowest port).
 */
class RegistryNamesTest {
  private final ServiceRegistry registry = ServiceRegistry.bundled();

  @Test
  void rowByRowAndIndexedAnswersAgreeWithTheRowsForEveryPort() {
    Map<String, String> expected = new HashMap<>();
    Map<String, Integer> lowest = new HashMap<>();
    for (ServiceEntry e : registry.entries()) {
      if (e.name().isEmpty()) {
        continue;
      }
      for (int p = e.firstPort(); p <= e.lastPort(); p++) {
        expected.putIfAbsent(e.protocol() + "/" + p, e.name());
      }
      lowest.merge(
          e.protocol() + "/" + e.name().toLowerCase(Locale.ROOT), e.firstPort(), Math::min);
    }
    for (Transport t : new Transport[] {Transport.TCP, Transport.UDP}) {
      RegistryNames names = new RegistryNames(registry);
      int indexedFrom = RegistryNames.INDEX_AFTER;
      // the ports asked first are answered row by row, the rest from the index
      for (int p = 0; p <= 65535; p++) {
        int port =
            (p + 20) % 65536; // 20-51 row by row: ftp, ssh, telnet, smtp, ... are named there
        assertThat(names.name(port, t).orElse(null))
            .as("%s port %d (lookup %d, indexed from %d)", t, port, p, indexedFrom)
            .isEqualTo(expected.get(t.label() + "/" + port));
      }
    }
    RegistryNames names = new RegistryNames(registry);
    lowest.forEach(
        (key, port) -> {
          String[] f = key.split("/", 2);
          Transport t = "udp".equals(f[0]) ? Transport.UDP : Transport.TCP;
          assertThat(names.port(f[1].toUpperCase(Locale.ROOT), t)).as(key).hasValue(port);
        });
    assertThat(names.port("no-such-service", Transport.TCP)).isEmpty();
    assertThat(names.port("", Transport.TCP))
        .as("nameless rows do not answer to an empty name")
        .isEmpty();
    assertThat(registry.byName("")).isEmpty();
    assertThat(ServiceNames.standard().port(" ", Transport.UDP)).isEmpty();
    assertThat(names.name(-1, Transport.TCP)).isEmpty();
    assertThat(names.name(65536, Transport.UDP)).isEmpty();
    assertThat(names.name(22, Transport.UNIX)).isEmpty();
  }
}
