package dev.sockit.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code help [COMMAND]} under {@code tcp}, {@code udp}, {@code unix} and {@code bench}: picocli's
 * {@link CommandLine.HelpCommand} with a hand-built model (the annotated one costs the start-up of
 * every command it sits under). Same name, texts and behaviour; {@code GeneratedModelsTest} checks
 * that its help reads the same as picocli's.
 */
final class HelpSubcommand implements IHelpCommandInitializable2, Callable<Integer> {
  private CommandLine self;
  private Help.ColorScheme colors;
  private PrintWriter out;
  private String command;

  static CommandSpec spec() {
    HelpSubcommand help = new HelpSubcommand();
    CommandSpec spec = CommandSpec.wrapWithoutInspection(help).name("help").helpCommand(true);
    Bind<String> command = new Bind<>(() -> help.command, v -> help.command = v);
    spec.usageMessage()
        .header("Display help information about the specified command.")
        .synopsisHeading("%nUsage: ")
        .description(
            "%nWhen no COMMAND is given, the usage help for the main command is displayed.",
            "If a COMMAND is specified, the help for that command is shown.%n");
    spec.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .descriptionKey("helpCommand.help")
            .description("Show usage help for the help command and exit.")
            .build());
    spec.addPositional(
        PositionalParamSpec.builder()
            .paramLabel("COMMAND")
            .arity("0..1")
            .type(String.class)
            .descriptionKey("helpCommand.command")
            .description("The COMMAND to display the usage help message for.")
            .initialValue(null)
            .getter(command)
            .setter(command)
            .build());
    return spec;
  }

  @Override
  public void init(
      CommandLine helpCommandLine,
      Help.ColorScheme colorScheme,
      PrintWriter outWriter,
      PrintWriter errWriter) {
    this.self = helpCommandLine;
    this.colors = colorScheme;
    this.out = outWriter;
  }

  @Override
  public Integer call() {
    CommandLine parent = self == null ? null : self.getParent();
    if (parent == null) {
      return 0;
    }
    if (command == null) {
      parent.usage(out, colors);
      return parent.getCommandSpec().exitCodeOnUsageHelp();
    }
    CommandLine sub = parent.getCommandSpec().subcommands().get(command);
    if (sub == null) {
      throw new ParameterException(parent, "Unknown subcommand '" + command + "'.", null, command);
    }
    sub.usage(out, colors);
    return sub.getCommandSpec().exitCodeOnUsageHelp();
  }
}
