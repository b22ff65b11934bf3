package dev.sockit.cli;

import picocli.CommandLine.Command;

/** The top of the command tree; its subcommands are registered by {@link Cli}, lazily. */
@Command(
    name = "sockit",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Network programming made real and visible: TCP, UDP and Unix sockets, addresses and ports.",
    footer = {
      "",
      "Exit codes: 0 ok, 1 runtime failure (refused, timed out, reset, address in use), 2 bad input.",
      "Shell completion: source <(sockit generate-completion)"
    })
final class SockitCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
