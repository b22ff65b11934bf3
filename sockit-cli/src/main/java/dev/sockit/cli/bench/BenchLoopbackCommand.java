package dev.sockit.cli.bench;

import dev.sockit.cli.Reporting;
import dev.sockit.cli.Version;
import dev.sockit.core.bench.BenchMode;
import dev.sockit.core.bench.BenchServer;
import dev.sockit.core.bench.BenchServerOptions;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sockit bench loopback}: server and client in one process on 127.0.0.1. */
@Command(
    name = "loopback",
    header = "Run a bench server and client on 127.0.0.1 in one process.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Run a server on 127.0.0.1 (a free port) and measure against it in the same process."
    },
    footer = {
      "",
      "Examples:",
      "  sockit bench loopback stream -t 3s",
      "  sockit bench loopback rr -t 2s --json",
      "  sockit bench loopback udp -b 0 -t 1s"
    })
final class BenchLoopbackCommand implements Callable<Integer>, Reporting {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODE", description = "stream, rr, crr or udp.")
  String mode;

  @Mixin BenchRunOptions run;

  @Override
  public boolean debug() {
    return run.debug.on();
  }

  @Override
  public boolean json() {
    return run.json;
  }

  @Override
  public Integer call() throws IOException {
    BenchMode m = BenchRunOptions.mode(mode);
    var options = run.toOptions(m);
    try (BenchServer server = BenchServer.bind(BenchServerOptions.loopback(0))) {
      BenchReport report = new BenchReport(spec.commandLine().getOut(), m, run.json);
      return BenchRunOptions.measure(
          server.localAddress(), options, report, spec.commandLine().getErr());
    }
  }
}
