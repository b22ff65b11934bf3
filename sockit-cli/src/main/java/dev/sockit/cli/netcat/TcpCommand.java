package dev.sockit.cli.netcat;

import dev.sockit.cli.Version;
import picocli.CommandLine.Command;

/** {@code sockit tcp}: the netcat-class TCP commands. */
@Command(
    name = "tcp",
    description = "TCP client and server, joined to stdin and stdout (netcat class).",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    subcommands = {
      TcpConnectCommand.class,
      TcpListenCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
public final class TcpCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: connect or listen");
  }
}
