package dev.sockit.cli.netcat;

import dev.sockit.cli.Version;
import picocli.CommandLine.Command;

/** {@code sockit udp}: datagrams. */
@Command(
    name = "udp",
    description = "Send and receive UDP datagrams.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    subcommands = {
      UdpSendCommand.class,
      UdpListenCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
public final class UdpCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: send or listen");
  }
}
