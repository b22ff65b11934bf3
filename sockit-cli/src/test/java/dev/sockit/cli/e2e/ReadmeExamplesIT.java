package dev.sockit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-shot examples of README.md and docs/*.md written as {@code ./sockit ...} (docs/ip.md's
 * own examples are run by IpDocsExamplesTest), run through the launcher as printed: every such
 * command of a kind that answers and exits (addresses, ports, a scan or name lookup of this host
 * only, a loopback bench) must exit 0, and every {@code $ ./sockit ...} example followed by a
 * {@code sockit:} line (and needing nothing set up first: no comment) must print exactly that line.
 * Servers and two-sided examples are covered by TeachingTextIT and the other end-to-end tests.
 */
@Timeout(120)
class ReadmeExamplesIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final List<String> ONE_SHOT =
      List.of(
          "ip",
          "ifaces",
          "resolve",
          "port",
          "ports",
          "scan",
          "bench loopback",
          "--help",
          "--version",
          "help");

  private static List<Path> documents() throws Exception {
    List<Path> docs = new ArrayList<>(List.of(Proc.root().resolve("README.md")));
    try (Stream<Path> files = Files.list(Proc.root().resolve("docs"))) {
      files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  static Stream<Arguments> oneShotCommands() throws Exception {
    List<Arguments> out = new ArrayList<>();
    for (Path doc : documents()) {
      boolean code = false;
      List<String> lines = Files.readAllLines(doc);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.startsWith("```")) {
          code = !code;
          continue;
        }
        boolean errorExample = i + 1 < lines.size() && lines.get(i + 1).startsWith("sockit: ");
        String text = line.startsWith("$ ") ? line.substring(2) : line;
        if (code && !errorExample && text.startsWith("./sockit ")) {
          String command = text.substring("./sockit ".length()).replaceAll("\\s+#.*$", "").strip();
          if (ONE_SHOT.stream().anyMatch(c -> command.equals(c) || command.startsWith(c + " "))
              && staysOnThisHost(command)) {
            out.add(Arguments.of(doc.getFileName() + ": " + command));
          }
        }
      }
    }
    assertThat(out).as("one-shot examples").hasSizeGreaterThan(10);
    return out.stream();
  }

  static Stream<Arguments> errorExamples() throws Exception {
    List<Arguments> out = new ArrayList<>();
    for (Path doc : documents()) {
      List<String> lines = Files.readAllLines(doc);
      for (int i = 0; i + 1 < lines.size(); i++) {
        String line = lines.get(i);
        if (line.startsWith("$ ./sockit ")
            && !line.contains("#")
            && lines.get(i + 1).startsWith("sockit: ")) {
          out.add(
              Arguments.of(
                  doc.getFileName() + ": " + line.substring("$ ./sockit ".length()),
                  lines.get(i + 1)));
        }
      }
    }
    assertThat(out).as("error examples").hasSizeGreaterThanOrEqualTo(4);
    return out.stream();
  }

  @ParameterizedTest(name = "sockit {0}")
  @MethodSource("oneShotCommands")
  void runsAsPrinted(String example) throws Exception {
    String command = example.substring(example.indexOf(": ") + 2);
    try (Proc p = Proc.sockit(words(command))) {
      assertThat(p.waitFor(WAIT)).as(command + ": " + p.stderr()).isZero();
      assertThat(p.stdout()).as(command).isNotBlank();
    }
  }

  @ParameterizedTest(name = "sockit {0}")
  @MethodSource("errorExamples")
  void printsTheErrorShown(String example, String expected) throws Exception {
    String command = example.substring(example.indexOf(": ") + 2);
    try (Proc p = Proc.sockit(words(command))) {
      p.closeStdin(); // were something listening where the example expects a refusal, it ends at
      // once
      assertThat(p.waitFor(WAIT)).isIn(1, 2);
      assertThat(p.stderr().strip()).isEqualTo(expected);
    }
  }

  /** Scans and lookups only of this host: a README line about another network is shown, not run. */
  private static boolean staysOnThisHost(String command) {
    if (!command.startsWith("scan ") && !command.startsWith("resolve ")) {
      return true;
    }
    String target = command.split("\\s+")[1];
    return List.of("127.0.0.1", "::1", "localhost").contains(target);
  }

  private static String[] words(String command) {
    return Arrays.stream(command.split("\\s+"))
        .map(w -> w.replaceAll("^'(.*)'$", "$1"))
        .toArray(String[]::new);
  }
}
