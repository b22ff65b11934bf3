package dev.sockit.core.servicename;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockit.core.net.Transport;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * {@code standard-names.bin} is made from {@code common-ports.txt} and the IANA registry, which
 * stay the source of truth: this test makes the table again and fails when the checked-in one
 * differs (write it again with {@code -Dsockit.regenerate=true}), and checks that the index answers
 * every port of both protocols exactly as the two tables do.
 */
class NameIndexTest {
  private static final Path FILE =
      Path.of("src/main/resources/dev/sockit/core/servicename/" + NameIndex.RESOURCE);

  @Test
  void theCheckedInTableIsWhatTheTextTablesGive() throws Exception {
    byte[] made = NameIndex.build(NameIndex.fromTables());
    if (Boolean.getBoolean("sockit.regenerate")) {
      Files.write(FILE, made);
    }
    byte[] bundled;
    try (InputStream in = NameIndex.class.getResourceAsStream(NameIndex.RESOURCE)) {
      assertThat(in).as("the jar's %s", NameIndex.RESOURCE).isNotNull();
      bundled = in.readAllBytes();
    }
    String how =
        NameIndex.RESOURCE
            + " is out of date (common-ports.txt or service-names.tsv changed): run mvn -pl sockit-core test"
            + " -Dtest=NameIndexTest -Dsurefire.failIfNoSpecifiedTests=false -Dsockit.regenerate=true, then the tests again";
    // compared as booleans: a failing byte-array comparison would print both tables in full
    assertThat(java.util.Arrays.equals(Files.readAllBytes(FILE), made)).as(how).isTrue();
    assertThat(java.util.Arrays.equals(bundled, made)).as(how).isTrue();
  }

  @Test
  void theIndexAnswersEveryPortAsTheTextTablesDo() {
    ServiceNames tables = NameIndex.fromTables();
    ServiceNames index = ServiceNames.standard();
    int named = 0;
    for (Transport t : new Transport[] {Transport.TCP, Transport.UDP}) {
      for (int port = 0; port <= 65535; port++) {
        Optional<String> expected = tables.name(port, t);
        assertThat(index.name(port, t)).as("%d/%s", port, t.label()).isEqualTo(expected);
        named += expected.isPresent() ? 1 : 0;
      }
    }
    assertThat(named).as("ports with a name, TCP and UDP").isGreaterThan(10_000);
    assertThat(index.name(-1, Transport.TCP)).isEmpty();
    assertThat(index.name(65536, Transport.UDP)).isEmpty();
    assertThat(index.name(22, Transport.UNIX)).isEmpty();
    assertThat(index.port("ssh", Transport.TCP)).hasValue(22);
    assertThat(index.port("iscsi-target", Transport.TCP)).hasValue(3260);
    assertThat(index.port("no-such-service", Transport.TCP)).isEmpty();
  }

  @Test
  void aSmallTableRoundTrips() {
    ServiceNames few =
        new ServiceNames() {
          @Override
          public Optional<String> name(int port, Transport transport) {
            return switch (port) {
              case 0 -> Optional.of(transport == Transport.TCP ? "zero" : "nought");
              case 7 -> Optional.of("echo");
              case 65535 -> transport == Transport.UDP ? Optional.of("echo") : Optional.empty();
              default -> Optional.empty();
            };
          }

          @Override
          public OptionalInt port(String name, Transport transport) {
            return OptionalInt.empty();
          }
        };
    int[] asked = new int[1];
    NameIndex index =
        NameIndex.of(
            NameIndex.build(few),
            () -> {
              asked[0]++;
              return few;
            });
    assertThat(index.name(0, Transport.TCP)).contains("zero");
    assertThat(index.name(0, Transport.UDP)).contains("nought");
    assertThat(index.name(7, Transport.UDP)).contains("echo");
    assertThat(index.name(65535, Transport.UDP)).contains("echo");
    assertThat(index.name(65535, Transport.TCP)).isEmpty();
    assertThat(index.name(8, Transport.TCP)).isEmpty();
    assertThat(asked[0]).as("names by port never read the text tables").isZero();
    index.port("echo", Transport.TCP);
    index.port("echo", Transport.UDP);
    assertThat(asked[0]).as("ports by name read them once").isEqualTo(1);
  }

  @Test
  void aBrokenTableIsNamedAsSuch() {
    assertThatThrownBy(() -> NameIndex.of(new byte[] {1, 2, 3}, ServiceNames::none))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(NameIndex.RESOURCE);
    byte[] cut = NameIndex.build(NameIndex.fromTables());
    assertThatThrownBy(() -> NameIndex.of(java.util.Arrays.copyOf(cut, 2000), ServiceNames::none))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cut short");
    assertThatThrownBy(
            () ->
                NameIndex.build(
                    new ServiceNames() {
                      @Override
                      public Optional<String> name(int port, Transport transport) {
                        return port == 1 ? Optional.of("caf\u00e9") : Optional.empty();
                      }

                      @Override
                      public OptionalInt port(String name, Transport transport) {
                        return OptionalInt.empty();
                      }
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1/tcp");
  }
}
