package dev.sockit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** The lazily registered command tree. */
class CliTest {
  @Test
  void everyCommandIsListedUnderItsOwnName() {
    Cli.COMMANDS.forEach((name, factory) -> assertThat(new CommandLine(factory.get()).getCommandName()).isEqualTo(name));
  }

  @Test
  void aNamedCommandRegistersOnlyItselfAndHelpRegistersAll() {
    PrintWriter sink = new PrintWriter(new StringWriter());
    assertThat(Cli.create(sink, sink, new String[] {"ip", "10.0.0.1"}).getSubcommands()).containsOnlyKeys("ip");
    assertThat(Cli.create(sink, sink, new String[] {"--version"}).getSubcommands()).isEmpty();
    CommandLine all = Cli.create(sink, sink, new String[] {"--help"});
    assertThat(all.getSubcommands().keySet()).containsExactlyElementsOf(Cli.COMMANDS.keySet());
    assertThat(Cli.create(sink, sink, new String[] {"help", "tcp"}).getSubcommands()).hasSameSizeAs(Cli.COMMANDS);
  }

  @Test
  void topLevelHelpListsEveryCommandWithTheFooter() {
    StringWriter out = new StringWriter();
    PrintWriter w = new PrintWriter(out);
    assertThat(Cli.create(w, w, new String[] {"--help"}).execute("--help")).isZero();
    w.flush();
    assertThat(out.toString()).contains("Usage: sockit [-hV] [COMMAND]").contains("Exit codes: 0 ok").contains("generate-completion");
    Cli.COMMANDS.keySet().forEach(name -> assertThat(out.toString()).contains(name));
  }

  @Test
  void everyStartUpTrainingRunWorksAndEveryLauncherFamilyHasOne() throws Exception {
    // The launcher picks the cache family from the first argument; each must have training runs.
    assertThat(Main.TRAINING).containsOnlyKeys("version", "ip", "port", "resolve", "ifaces", "scan", "main");
    String launcher = java.nio.file.Files.readString(java.nio.file.Path.of("../sockit"));
    assertThat(launcher).contains("ip|port|resolve|ifaces|scan) family=$1").contains("--version|-V) family=version");
    Main.TRAINING.forEach((family, runs) -> {
      assertThat(runs).as(family).isNotEmpty();
      for (String[] args : runs) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.create(new PrintWriter(out), new PrintWriter(err), args).execute(args);
        // Training runs may show a bad-input path on purpose, never a runtime failure.
        assertThat(code).as(String.join(" ", args) + ": " + err).isIn(0, 2);
      }
    });
  }
}
