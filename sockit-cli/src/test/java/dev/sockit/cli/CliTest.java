package dev.sockit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The lazily registered command tree. */
class CliTest {
  @Test
  void everyCommandIsListedUnderItsOwnName() {
    for (String name : CatalogueIndex.NAMES) {
      assertThat(new CommandLine(CatalogueIndex.command(name)).getCommandName()).isEqualTo(name);
    }
  }

  @Test
  void aNamedCommandRegistersOnlyItselfAndHelpRegistersAll() {
    PrintWriter sink = new PrintWriter(new StringWriter());
    assertThat(Cli.create(sink, sink, new String[] {"ip", "10.0.0.1"}).getSubcommands())
        .containsOnlyKeys("ip");
    assertThat(Cli.create(sink, sink, new String[] {"--version"}).getSubcommands()).isEmpty();
    CommandLine all = Cli.create(sink, sink, new String[] {"--help"});
    assertThat(all.getSubcommands().keySet()).containsExactlyElementsOf(CatalogueIndex.NAMES);
    assertThat(Cli.create(sink, sink, new String[] {"help", "tcp"}).getSubcommands())
        .hasSameSizeAs(CatalogueIndex.NAMES);
  }

  @Test
  void topLevelHelpListsEveryCommandWithTheFooter() {
    StringWriter out = new StringWriter();
    PrintWriter w = new PrintWriter(out);
    assertThat(Cli.create(w, w, new String[] {"--help"}).execute("--help")).isZero();
    w.flush();
    assertThat(out.toString())
        .contains("Usage: sockit [-hV] [COMMAND]")
        .contains("Exit codes: 0 ok")
        .contains("generate-completion");
    CatalogueIndex.NAMES.forEach(name -> assertThat(out.toString()).contains(name));
  }

  /**
   * Every command's line in its parent's list is one short sentence, and its own description is
   * paragraphs (lines written wrapped in the source and shown as they were wrapped twice, and lists
   * showed only their first line, cut mid-sentence).
   */
  @Test
  void everyCommandHasAShortListLineAndParagraphDescription() {
    PrintWriter sink = new PrintWriter(new StringWriter());
    java.util.List<CommandLine> all =
        new java.util.ArrayList<>(
            Cli.create(sink, sink, new String[] {"--help"}).getSubcommands().values());
    int checked = 0;
    for (int i = 0; i < all.size(); i++) {
      CommandLine c = all.get(i);
      all.addAll(c.getSubcommands().values());
      if (c.getCommand() instanceof CommandLine.HelpCommand
          || c.getCommand() instanceof HelpSubcommand) {
        continue;
      }
      String name = c.getCommandSpec().qualifiedName();
      String[] header = c.getCommandSpec().usageMessage().header();
      String[] description = c.getCommandSpec().usageMessage().description();
      String line = header.length > 0 ? header[0] : description[0];
      assertThat(line).as(name).hasSizeLessThanOrEqualTo(70).endsWith(".");
      for (int k = 1; k < description.length; k++) {
        assertThat(
                description[k - 1].isBlank()
                    || description[k].isBlank()
                    || c.getCommand() instanceof picocli.AutoComplete.GenerateCompletion)
            .as(name + ": two description lines in a row: " + description[k - 1])
            .isTrue();
      }
      StringWriter help = new StringWriter();
      c.usage(new PrintWriter(help));
      assertThat(help.toString()).as(name).startsWith("Usage: ");
      checked++;
    }
    assertThat(checked).isGreaterThan(25);
  }

  @Test
  void everyStartUpTrainingRunWorksAndEveryLauncherFamilyHasOne() throws Exception {
    // The launcher picks the cache family from the first argument (the catalogue's families, and
    // "version"); each must have training runs.
    java.util.Set<String> families = new java.util.TreeSet<>(java.util.List.of("version"));
    CatalogueIndex.NAMES.forEach(name -> families.add(CatalogueIndex.family(name)));
    assertThat(families)
        .containsExactlyInAnyOrder(
            "version", "ip", "port", "resolve", "ifaces", "scan", "nc", "main");
    assertThat(Training.RUNS).containsOnlyKeys(families);
    String launcher = java.nio.file.Files.readString(java.nio.file.Path.of("../sockit"));
    assertThat(launcher)
        .contains("--version|-V) family=version")
        .contains(". \"$target/sockit-commands.sh\"")
        .contains("dev.sockit.cli.Training \"$family\"");
    String fragment =
        java.nio.file.Files.readString(java.nio.file.Path.of("target/sockit-commands.sh"));
    assertThat(fragment)
        .contains("ip|ifaces|resolve|port|scan) family=$1 tier=1")
        .contains("tcp|udp|unix) family=nc tier=1")
        .contains("send|receive|bench) family=main tier=4");
    for (String family : families) {
      assertThat(Training.runs(family)).as(family).isNotEmpty();
      if (family.equals("nc")) {
        continue; // its sessions read standard input, which is this test JVM's channel to Maven:
        // LauncherIT runs them
      }
      for (String[] args : Training.runs(family)) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.create(new PrintWriter(out), new PrintWriter(err), args).execute(args);
        // Training runs may show a bad-input path on purpose, never a runtime failure.
        assertThat(code).as(String.join(" ", args) + ": " + err).isIn(0, 2);
      }
    }
  }

  /**
   * With --json a failure is also a JSON object on standard output (a script parsing the output
   * always gets an object), besides the one line on standard error and the exit code.
   */
  @Test
  @org.junit.jupiter.api.Timeout(30)
  void withJsonAFailureIsAlsoAnObjectOnStandardOutput() throws Exception {
    String nl = System.lineSeparator();
    Run bad = Run.of("scan", "127.0.0.1", "70000", "--json"); // bad input found by the command
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("sockit: port 70000 is outside 1-65535" + nl);
    assertThat(bad.out())
        .isEqualTo(
            "{\n  \"ok\": false,\n  \"exit\": 2,\n  \"error\": \"port 70000 is outside 1-65535\"\n}"
                + nl);
    JsonCheck.assertValid(bad.out());

    Run usage = Run.of("port", "80", "--json", "--bogus"); // bad usage, found by picocli
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.out()).contains("\"exit\": 2").contains("Unknown option: '--bogus'");
    JsonCheck.assertValid(usage.out());

    int closed;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Run refused =
        Run.of(
            "bench", "client", "127.0.0.1", String.valueOf(closed), "--json"); // a runtime failure
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.out())
        .contains("\"ok\": false")
        .contains("\"exit\": 1")
        .contains("cannot connect to 127.0.0.1:" + closed);
    JsonCheck.assertValid(refused.out());

    Run data =
        Run.of(
            "tcp",
            "connect",
            "127.0.0.1",
            "9",
            "--json"); // no --json there: stdout is the data stream
    assertThat(data.code()).isEqualTo(2);
    assertThat(data.err()).contains("Unknown option: '--json'");
    assertThat(data.out()).isEmpty();

    Run plain = Run.of("scan", "127.0.0.1", "70000"); // without --json: standard output stays empty
    assertThat(plain.code()).isEqualTo(2);
    assertThat(plain.out()).isEmpty();
  }
}
