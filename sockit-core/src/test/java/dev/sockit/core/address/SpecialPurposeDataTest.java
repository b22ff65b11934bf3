package dev.sockit.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The compiled-in registries are exactly the bundled IANA files (regenerate with scripts/gen-special-registries.py). */
class SpecialPurposeDataTest {
  private static final Path DIR = Path.of("src/main/iana");

  @Test
  void generatedClassMatchesTheBundledFiles() throws Exception {
    Properties p = new Properties();
    try (var in = Files.newInputStream(DIR.resolve("special-registries.properties"))) {
      p.load(in);
    }
    assertThat(SpecialPurposeData.IPV4_CSV).isEqualTo(Files.readString(DIR.resolve(p.getProperty("ipv4.file")), StandardCharsets.UTF_8));
    assertThat(SpecialPurposeData.IPV6_CSV).isEqualTo(Files.readString(DIR.resolve(p.getProperty("ipv6.file")), StandardCharsets.UTF_8));
    assertThat(SpecialPurposeData.IPV4_AS_OF).isEqualTo(p.getProperty("ipv4.asOf"));
    assertThat(SpecialPurposeData.IPV6_AS_OF).isEqualTo(p.getProperty("ipv6.asOf"));
    assertThat(SpecialPurposeData.IPV4_NAME).isEqualTo(p.getProperty("ipv4.name"));
    assertThat(SpecialPurposeData.IPV4_NOTES).containsExactly(p.getProperty("ipv4.note.1"), p.getProperty("ipv4.note.2"));
    assertThat(SpecialPurposeData.IPV6_NOTES).hasSize(4).startsWith(p.getProperty("ipv6.note.1"));
  }
}
