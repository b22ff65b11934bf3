package dev.sockit.cli.transfer;

import dev.sockit.cli.Failures;
import dev.sockit.cli.Reporting;
import dev.sockit.cli.Version;
import dev.sockit.cli.options.DebugOption;
import dev.sockit.cli.options.DurationConverter;
import dev.sockit.cli.text.Terminal;
import dev.sockit.core.address.HostPort;
import dev.sockit.core.transfer.FileSender;
import dev.sockit.core.transfer.SendOptions;
import dev.sockit.core.transfer.TransferProgress;
import dev.sockit.core.transfer.TransferSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sockit send}: files and folders to a {@code sockit receive}. */
@Command(
    name = "send",
    header = "Send files and folders to 'sockit receive', checked with SHA-256.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    customSynopsis = "sockit send [OPTIONS] PATH... HOST[:PORT]",
    description = {
      "Send files and whole folders to 'sockit receive' over TCP, each checked with SHA-256.",
      "The receiver keeps a file only when its checksum matches. Sending again after an interruption"
          + " continues where it stopped. A progress bar on a terminal (stderr), a summary at the end."
    },
    footer = {
      "",
      "Examples:",
      "  sockit send report.pdf photos/ 192.168.1.20",
      "  sockit send --code 7kq4-m2xp big.iso 127.0.0.1:" + ReceiveCommand.DEFAULT_PORT,
      "  sockit send --limit 10M backup.tar '[::1]:9000'"
    })
public final class SendCommand implements Callable<Integer>, Reporting {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "2..*",
      paramLabel = "PATH... HOST[:PORT]",
      hideParamSyntax = true,
      description =
          "Files and folders, then the receiver (port "
              + ReceiveCommand.DEFAULT_PORT
              + " when left out; [V6]:PORT for IPv6).")
  List<String> args;

  @Option(
      names = "--code",
      paramLabel = "CODE",
      description = "The code 'sockit receive --code' printed.")
  String code;

  @Option(
      names = {"-w", "--connect-timeout"},
      paramLabel = "TIME",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Give up connecting after TIME per address (default ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(
      names = {"-i", "--idle-timeout"},
      paramLabel = "TIME",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description =
          "Give up when nothing moves to or from the receiver for TIME (default ${DEFAULT-VALUE}); send again to resume.")
  Duration idleTimeout;

  @Option(
      names = "--limit",
      paramLabel = "RATE",
      description = "Send at most RATE bytes per second: e.g. 500K, 10M, 1G (binary units).")
  String limit;

  @Option(
      names = "--json",
      description = "Print the summary as JSON (fields in docs/transfer-and-bench.md).")
  boolean json;

  @Mixin DebugOption debug;

  @Override
  public boolean debug() {
    return debug.on();
  }

  @Override
  public boolean json() {
    return json;
  }

  @Override
  public Integer call() throws IOException {
    HostPort target = target(args.get(args.size() - 1));
    long bytesPerSecond = rate(limit);
    List<Path> paths = args.subList(0, args.size() - 1).stream().map(Path::of).toList();
    for (Path p : paths) {
      if (!java.nio.file.Files.exists(
          p)) { // a name on the command line: bad input, before any connection
        throw new Failures.BadInput("'" + p + "': no such file or folder");
      }
    }
    SendOptions options =
        new SendOptions(
            paths, target.host(), target.port(), code, connectTimeout, bytesPerSecond, idleTimeout);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TransferProgress bar = TransferProgressBar.start(err, Terminal.progress());
    TransferSummary s;
    try {
      s = FileSender.send(options, bar);
    } finally {
      TransferProgressBar.stop(bar);
    }
    for (String skip : s.skipped()) {
      err.println("sockit: skipped " + skip);
    }
    err.flush();
    out.print(
        json
            ? TransferText.json(s, "sent", null)
            : TransferText.line("sent", "to", s, s.peer()) + "\n");
    out.flush();
    return Failures.OK;
  }

  /** {@code HOST}, {@code HOST:PORT}, {@code [V6]:PORT}, or a bare IPv6 address. */
  static HostPort target(String text) {
    if (text.startsWith("[") && !text.contains("]:")) {
      if (!text.endsWith("]") || text.length() < 3) {
        throw new Failures.BadInput(
            "'"
                + text
                + "' is not [IPV6] or [IPV6]:PORT; write e.g. [::1] or [::1]:"
                + ReceiveCommand.DEFAULT_PORT);
      }
      return new HostPort(
          HostPort.checkHost(text.substring(1, text.length() - 1)), ReceiveCommand.DEFAULT_PORT);
    }
    if (text.startsWith("[")
        || (HostPort.hasPort(text) && text.indexOf(':') == text.lastIndexOf(':'))) {
      return HostPort.parse(text);
    }
    return new HostPort(text, ReceiveCommand.DEFAULT_PORT);
  }

  /** {@code 10M} and friends, in bytes per second; {@code null} is no limit. */
  static long rate(String text) {
    if (text == null) {
      return 0;
    }
    String t = text.strip().toUpperCase(Locale.ROOT);
    long unit = 1;
    int cut = t.length();
    if (t.endsWith("K")) {
      unit = 1L << 10;
    } else if (t.endsWith("M")) {
      unit = 1L << 20;
    } else if (t.endsWith("G")) {
      unit = 1L << 30;
    }
    if (unit > 1) {
      cut--;
    }
    try {
      double n = Double.parseDouble(t.substring(0, cut));
      if (!(n > 0) || n * unit > 1e15) {
        throw new NumberFormatException();
      }
      return Math.max(1, (long) (n * unit));
    } catch (NumberFormatException e) {
      throw new Failures.BadInput(
          "'" + text + "' is not a rate; write e.g. 500K, 10M or 1G (bytes per second)");
    }
  }
}
