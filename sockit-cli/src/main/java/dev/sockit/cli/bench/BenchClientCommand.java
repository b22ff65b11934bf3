package dev.sockit.cli.bench;

import dev.sockit.cli.Failures;
import dev.sockit.cli.Reporting;
import dev.sockit.cli.Version;
import dev.sockit.cli.options.Targets;
import dev.sockit.core.bench.BenchMode;
import dev.sockit.core.bench.BenchOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sockit bench client}: one measurement against a {@code sockit bench server}. */
@Command(
    name = "client",
    header = "Measure throughput, round trips or UDP loss against a server.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Measure against 'sockit bench server': throughput, round trips or UDP loss.",
      "Modes: stream (throughput), rr (request/response round trips), crr (connect-request-response-close),"
          + " udp (datagrams: rate, loss, reordering, jitter)."
    },
    footer = {
      "",
      "Examples:",
      "  sockit bench client 127.0.0.1 --mode stream -t 5s -P 2",
      "  sockit bench client 127.0.0.1 5211 --mode rr --json",
      "  sockit bench client ::1 --mode udp -b 100M -l 1400"
    })
final class BenchClientCommand implements Callable<Integer>, Reporting {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..2",
      paramLabel = "HOST [PORT]",
      description = "The server (port " + BenchCommand.DEFAULT_PORT + " when left out).")
  List<String> args = new ArrayList<>();

  @Option(
      names = {"-m", "--mode"},
      paramLabel = "MODE",
      defaultValue = "stream",
      description = "stream, rr, crr or udp (default ${DEFAULT-VALUE}).")
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
    if (args.size() > 2) {
      throw new Failures.BadInput(
          "give the server as HOST [PORT], not "
              + String.join(" ", args)
              + "; e.g. 'sockit bench client 127.0.0.1 "
              + BenchCommand.DEFAULT_PORT
              + "'");
    }
    List<String> a =
        args.size() == 1 && !dev.sockit.core.address.HostPort.hasPort(args.get(0))
            ? List.of(args.get(0), String.valueOf(BenchCommand.DEFAULT_PORT))
            : args;
    if (a.size() == 1
        && a.get(0).indexOf(':') != a.get(0).lastIndexOf(':')
        && !a.get(0).startsWith("[")) {
      a = List.of(a.get(0), String.valueOf(BenchCommand.DEFAULT_PORT));
    }
    Targets.Parsed p = Targets.remote(a);
    BenchMode m = BenchRunOptions.mode(mode);
    BenchOptions options = run.toOptions(m);
    InetSocketAddress server =
        new InetSocketAddress(InetAddress.getByName(p.target().host()), p.target().port());
    BenchReport report = new BenchReport(spec.commandLine().getOut(), m, run.json);
    try {
      return BenchRunOptions.measure(server, options, report, spec.commandLine().getErr());
    } catch (java.net.ConnectException e) {
      throw new java.net.ConnectException(
          "cannot connect to "
              + dev.sockit.core.address.SocketAddresses.format(server)
              + ": "
              + e.getMessage()
              + " (is 'sockit bench server' running there?)");
    }
  }
}
