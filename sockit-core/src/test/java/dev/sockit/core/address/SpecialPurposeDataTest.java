package dev.sockit.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The compiled-in registries ({@code SpecialPurposeData}, entries written out as Java so that
 * {@code sockit ip} parses no CSV at start-up) are exactly what the registry parser reads from the
 * bundled IANA files. After updating the files, regenerate the class with {@code mvn -pl
 * sockit-core test -Dtest=SpecialPurposeDataTest -Dsockit.regenerate=true}.
 */
class SpecialPurposeDataTest {
  private static final Path DIR = Path.of("src/main/iana");
  private static final Path GENERATED =
      Path.of("src/main/java/dev/sockit/core/address/SpecialPurposeData.java");

  @Test
  void compiledInEntriesAreWhatTheParserReadsFromTheBundledFiles() throws IOException {
    for (IpVersion v : IpVersion.values()) {
      SpecialPurposeRegistry fromFile = fromFile(v);
      SpecialPurposeRegistry bundled = SpecialPurposeRegistry.bundled(v);
      assertThat(bundled.entries()).isEqualTo(fromFile.entries()).hasSizeGreaterThan(20);
      assertThat(bundled.name()).isEqualTo(fromFile.name());
      assertThat(bundled.asOf()).isEqualTo(fromFile.asOf());
    }
  }

  @Test
  void generatedSourceIsUpToDate() throws IOException {
    String expected = render();
    if (Boolean.getBoolean("sockit.regenerate")) {
      Files.writeString(GENERATED, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(GENERATED, StandardCharsets.UTF_8))
        .as(
            "SpecialPurposeData.java is stale: run mvn -pl sockit-core test -Dtest=SpecialPurposeDataTest -Dsockit.regenerate=true")
        .isEqualTo(expected);
  }

  private static Properties properties() throws IOException {
    Properties p = new Properties();
    try (var in = Files.newInputStream(DIR.resolve("special-registries.properties"))) {
      p.load(in);
    }
    return p;
  }

  private static SpecialPurposeRegistry fromFile(IpVersion v) throws IOException {
    Properties p = properties();
    String key = v == IpVersion.IPV4 ? "ipv4" : "ipv6";
    List<String> notes = new ArrayList<>();
    for (int i = 1; p.getProperty(key + ".note." + i) != null; i++) {
      notes.add(p.getProperty(key + ".note." + i));
    }
    String csv =
        Files.readString(DIR.resolve(p.getProperty(key + ".file")), StandardCharsets.UTF_8);
    return SpecialPurposeRegistry.parse(
        v, p.getProperty(key + ".name"), p.getProperty(key + ".asOf"), csv, notes);
  }

  /** The Java source of SpecialPurposeData for the bundled files. */
  private static String render() throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("package dev.sockit.core.address;\n\n")
        .append("import java.util.List;\n\n")
        .append("/**\n")
        .append(" * The bundled IANA special-purpose address registries as Java, generated from\n")
        .append(
            " * {@code sockit-core/src/main/iana/} by {@code SpecialPurposeDataTest} (which also checks that\n")
        .append(" * this class matches the files). Do not edit.\n")
        .append(" */\n")
        .append("final class SpecialPurposeData {\n")
        .append("  private SpecialPurposeData() {}\n");
    for (IpVersion v : IpVersion.values()) {
      SpecialPurposeRegistry r = fromFile(v);
      String k = v == IpVersion.IPV4 ? "IPV4" : "IPV6";
      sb.append("\n  static final String ")
          .append(k)
          .append("_NAME = ")
          .append(java(r.name()))
          .append(";\n");
      sb.append("  static final String ")
          .append(k)
          .append("_AS_OF = ")
          .append(java(r.asOf()))
          .append(";\n\n");
      sb.append("  static List<SpecialPurposeEntry> ")
          .append(k.toLowerCase(java.util.Locale.ROOT))
          .append("() {\n    return List.of(");
      String sep = "\n";
      for (SpecialPurposeEntry e : r.entries()) {
        sb.append(sep)
            .append("        e(")
            .append(
                java(e.blocks().stream().map(Prefix::toString).collect(Collectors.joining(","))))
            .append(", ")
            .append(java(e.name()))
            .append(", ")
            .append(java(e.rfc()))
            .append(", ")
            .append(java(e.allocated()))
            .append(", ")
            .append(e.terminated() == null ? "null" : java(e.terminated()))
            .append(", ")
            .append(java(flags(e)));
        for (String note : e.notes()) {
          sb.append(", ").append(java(note));
        }
        sb.append(")");
        sep = ",\n";
      }
      sb.append(");\n  }\n");
    }
    sb.append(
        """

          /** One entry: blocks comma-separated; flags source, destination, forwardable, globally reachable, reserved-by-protocol as T, F, N (n/a) or - (unset). */
          private static SpecialPurposeEntry e(String blocks, String name, String rfc, String allocated, String terminated,
              String flags, String... notes) {
            String[] b = blocks.split(",");
            Prefix[] prefixes = new Prefix[b.length];
            for (int i = 0; i < b.length; i++) {
              prefixes[i] = Prefix.parse(b[i]);
            }
            return new SpecialPurposeEntry(List.of(prefixes), name, rfc, allocated, terminated, flag(flags, 0), flag(flags, 1),
                flag(flags, 2), flag(flags, 3), flag(flags, 4), List.of(notes));
          }

          private static SpecialPurposeEntry.Flag flag(String flags, int i) {
            return switch (flags.charAt(i)) {
              case 'T' -> SpecialPurposeEntry.Flag.TRUE;
              case 'F' -> SpecialPurposeEntry.Flag.FALSE;
              case 'N' -> SpecialPurposeEntry.Flag.NOT_APPLICABLE;
              default -> SpecialPurposeEntry.Flag.UNSET;
            };
          }
        }
        """);
    return sb.toString();
  }

  private static String flags(SpecialPurposeEntry e) {
    StringBuilder sb = new StringBuilder();
    for (SpecialPurposeEntry.Flag f :
        List.of(
            e.source(),
            e.destination(),
            e.forwardable(),
            e.globallyReachable(),
            e.reservedByProtocol())) {
      sb.append(
          switch (f) {
            case TRUE -> 'T';
            case FALSE -> 'F';
            case NOT_APPLICABLE -> 'N';
            case UNSET -> '-';
          });
    }
    return sb.toString();
  }

  private static String java(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
