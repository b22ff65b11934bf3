package dev.sockit.cli.bench;

import dev.sockit.cli.BindFailure;
import dev.sockit.cli.Failures;
import dev.sockit.cli.Reporting;
import dev.sockit.cli.Version;
import dev.sockit.cli.options.DebugOption;
import dev.sockit.cli.options.Targets;
import dev.sockit.core.address.HostPort;
import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.bench.BenchServer;
import dev.sockit.core.bench.BenchServerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sockit bench server}: answers every bench mode until interrupted. */
@Command(
    name = "server",
    header = "Serve 'sockit bench client' in every mode until Ctrl-C.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Serve 'sockit bench client' in every mode (TCP and UDP on the same port) until Ctrl-C.",
      "",
      "Prints each test it served when it ends, as the server saw it: bytes received (or sent) per stream, round trips per "
          + "rr connection, what arrived of a udp run, and each crr test's connections once they pause for a second. "
          + "It counts whole connections, the client's --omit warm-up included."
    },
    footer = {
      "",
      "Examples:",
      "  sockit bench server",
      "  sockit bench server 127.0.0.1",
      "  sockit bench server ::1 0"
    })
final class BenchServerCommand implements Callable<Integer>, Reporting {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..2",
      paramLabel = "[ADDR] PORT",
      description =
          "Where to listen (default every address, port " + BenchCommand.DEFAULT_PORT + ").")
  List<String> args = new ArrayList<>();

  @Mixin DebugOption debug;

  @Option(
      names = "--json",
      description =
          "Print each test served as a JSON object (fields in docs/transfer-and-bench.md).")
  boolean json;

  @Override
  public boolean debug() {
    return debug.on();
  }

  @Override
  public boolean json() {
    return json;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    List<String> a = args;
    if (args.isEmpty()) {
      a = List.of(String.valueOf(BenchCommand.DEFAULT_PORT));
    } else if (args.size() == 1
        && !args.get(0).chars().allMatch(Character::isDigit)
        && !HostPort.hasPort(args.get(0))) {
      a =
          List.of(
              args.get(0),
              String.valueOf(BenchCommand.DEFAULT_PORT)); // an address alone: the default port
    }
    Targets.Parsed p = Targets.local(a);
    java.net.InetAddress address =
        p.target() == null ? null : Targets.bindAddress(p.target().host());
    PrintWriter err = spec.commandLine().getErr();
    BenchServerReport report = new BenchServerReport(spec.commandLine().getOut(), json);
    BenchServer bound;
    try {
      bound = BenchServer.bind(new BenchServerOptions(address, Targets.localPort(p), 0), report);
    } catch (BenchServer.UdpBindException e) { // TCP had the port; UDP, on the same number, did not
      throw BindFailure.explain(e, address, e.port(), dev.sockit.core.net.Transport.UDP);
    } catch (java.net.BindException e) {
      throw BindFailure.explain(
          e, address, Targets.localPort(p), dev.sockit.core.net.Transport.TCP);
    }
    // crr totals are printed once a host pauses; Ctrl-C prints those still held
    Thread ticker =
        Thread.ofPlatform()
            .daemon()
            .name("sockit-bench-report")
            .start(
                () -> {
                  try {
                    while (true) {
                      Thread.sleep(250);
                      report.flushIdle();
                    }
                  } catch (InterruptedException e) {
                    // the server is closing
                  }
                });
    Thread onInterrupt = new Thread(report::close, "sockit-bench-report-end");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try (BenchServer server = bound) {
      err.println("listening on " + SocketAddresses.format(server.localAddress()) + " (tcp)");
      err.flush();
      new CountDownLatch(1).await(); // until the process is interrupted
    } finally {
      ticker.interrupt();
    }
    return Failures.OK;
  }
}
