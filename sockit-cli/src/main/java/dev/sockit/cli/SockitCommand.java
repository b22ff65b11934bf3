package dev.sockit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top of the command tree. Its subcommands are registered by {@link Cli} from the {@link
 * Catalogue}, lazily: only the one being run, unless help or completion needs the whole tree.
 */
@Command(
    name = "sockit",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = SockitCommand.DESCRIPTION,
    footer = {
      "",
      "Exit codes: 0 ok, 1 runtime failure (refused, timed out, reset, address in use), 2 bad input.",
      "Shell completion: source <(sockit generate-completion)"
    })
final class SockitCommand implements Runnable {
  static final String DESCRIPTION =
      "Network programming made real and visible: TCP, UDP and Unix sockets, addresses and ports.";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
