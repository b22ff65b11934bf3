package dev.sockit.cli.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockit.cli.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every command line of the {@code console} blocks in docs/ip.md; a line ending in {@code #
 * exit N} must exit with N, every other line with 0.
 */
class IpDocsExamplesTest {
  private static final Path DOC = Path.of("../docs/ip.md");

  @TestFactory
  Stream<DynamicTest> everyExampleWorks() throws IOException {
    List<String> commands = new ArrayList<>();
    boolean console = false;
    for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
      if (line.startsWith("```")) {
        console = line.equals("```console");
        continue;
      }
      if (console && line.startsWith("$ sockit ")) {
        commands.add(line.substring("$ sockit ".length()));
      }
    }
    assertThat(commands).hasSizeGreaterThan(20);
    return commands.stream()
        .map(
            command ->
                DynamicTest.dynamicTest(
                    "sockit " + command,
                    () -> {
                      int expected = 0;
                      String args = command;
                      int hash = command.indexOf("# exit ");
                      if (hash >= 0) {
                        expected =
                            Integer.parseInt(command.substring(hash + "# exit ".length()).strip());
                        args = command.substring(0, hash);
                      }
                      Run run = Run.of(args.strip().split(" +"));
                      assertThat(run.code())
                          .as("sockit %s: stdout %s stderr %s", command, run.out(), run.err())
                          .isEqualTo(expected);
                      if (expected != 0) {
                        assertThat(run.err()).startsWith("sockit: ");
                        assertThat(run.err().strip()).doesNotContain("\n");
                      } else {
                        assertThat(run.out()).isNotBlank();
                      }
                    }));
  }
}
