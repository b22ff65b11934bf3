package dev.sockit.cli.bench;

import dev.sockit.cli.Version;
import picocli.CommandLine.Command;

/** {@code sockit bench}: throughput, latency and UDP loss measurements, as iperf3 and netperf. */
@Command(
    name = "bench",
    header = "Measure throughput, latency and UDP loss, like iperf3 and netperf.",
    description =
        "Measure throughput, round-trip latency and UDP loss (like iperf3, netperf, sockperf).",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    subcommands = {
      BenchServerCommand.class,
      BenchClientCommand.class,
      BenchLoopbackCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
public final class BenchCommand implements Runnable {
  static final int DEFAULT_PORT = 5211;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: server, client or loopback");
  }
}
