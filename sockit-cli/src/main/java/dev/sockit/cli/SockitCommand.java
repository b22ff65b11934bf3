package dev.sockit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The top of the command tree. Its model is built by hand rather than from annotations: it is built
 * on every run, and annotation reflection (and the proxy classes the JDK generates for it) was the
 * largest part of sockit's start-up. Subcommands are registered by {@link Cli}, lazily.
 */
final class SockitCommand implements Runnable {
  static final String DESCRIPTION =
      "Network programming made real and visible: TCP, UDP and Unix sockets, addresses and ports.";

  private CommandLine commandLine;

  /**
   * The root command line, with {@code -h/--help}, {@code -V/--version}, description and footer.
   */
  static CommandLine create() {
    SockitCommand command = new SockitCommand();
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("sockit");
    standardHelp(spec);
    spec.usageMessage()
        .description(DESCRIPTION)
        .footer(
            "",
            "Exit codes: 0 ok, 1 runtime failure (refused, timed out, reset, address in use), 2 bad input.",
            "Shell completion: source <(sockit generate-completion)");
    command.commandLine = new CommandLine(spec);
    return command.commandLine;
  }

  /**
   * {@code -h/--help} and {@code -V/--version}, as picocli's {@code mixinStandardHelpOptions} adds
   * them.
   */
  static void standardHelp(CommandSpec spec) {
    spec.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("Show this help message and exit.")
            .build());
    spec.addOption(
        OptionSpec.builder("-V", "--version")
            .versionHelp(true)
            .description("Print version information and exit.")
            .build());
    spec.versionProvider(new Version());
  }

  @Override
  public void run() {
    commandLine.usage(commandLine.getOut());
  }
}
