package dev.sockit.cli.netcat;

import dev.sockit.cli.Version;
import picocli.CommandLine.Command;

/** {@code sockit unix}: Unix domain stream sockets. */
@Command(
    name = "unix",
    description = "Unix domain stream sockets (AF_UNIX), joined to stdin and stdout.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    subcommands = {
      UnixConnectCommand.class,
      UnixListenCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
public final class UnixCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: connect or listen");
  }
}
