package dev.sockit.cli.netcat;

import dev.sockit.cli.Reporting;
import dev.sockit.cli.Version;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.unix.UnixClient;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sockit unix connect PATH}. */
@Command(
    name = "connect",
    header = "Connect to the Unix socket PATH; send stdin, print what arrives.",
    description = "Connect to the Unix socket PATH; send stdin, print what arrives.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class)
final class UnixConnectCommand implements Callable<Integer>, Reporting {
  @Parameters(paramLabel = "PATH", description = "The socket file.")
  Path path;

  @Mixin RelayOptions relay;
  @Mixin OutputOptions output;

  @Override
  public boolean debug() {
    return output.debug.on();
  }

  @Override
  public Integer call() throws Exception {
    TrafficBus bus = output.bus();
    return new StreamRelay(UnixClient.connect(path, bus), relay, new Stdio()).run();
  }
}
