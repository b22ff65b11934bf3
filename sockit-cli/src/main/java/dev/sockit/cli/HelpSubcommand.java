package dev.sockit.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code help [COMMAND]} under {@code tcp}, {@code udp}, {@code unix} and {@code bench}: picocli's
 * {@link CommandLine.HelpCommand}, annotated the same way so that its model is generated at compile
 * time like every command's (picocli's own class would have its annotations read at the start of
 * every command it sits under). Same name, texts and behaviour; {@code CommandModelsTest} checks
 * that its help reads the same as picocli's.
 */
@Command(
    name = "help",
    header = "Display help information about the specified command.",
    synopsisHeading = "%nUsage: ",
    helpCommand = true,
    description = {
      "%nWhen no COMMAND is given, the usage help for the main command is displayed.",
      "If a COMMAND is specified, the help for that command is shown.%n"
    })
final class HelpSubcommand implements IHelpCommandInitializable2, Callable<Integer> {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      descriptionKey = "helpCommand.help",
      description = "Show usage help for the help command and exit.")
  boolean helpRequested;

  @Parameters(
      paramLabel = "COMMAND",
      arity = "0..1",
      descriptionKey = "helpCommand.command",
      description = "The COMMAND to display the usage help message for.")
  String command;

  private CommandLine self;
  private Help.ColorScheme colors;
  private PrintWriter out;

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
