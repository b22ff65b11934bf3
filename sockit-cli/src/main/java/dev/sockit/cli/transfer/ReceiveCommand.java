package dev.sockit.cli.transfer;

import dev.sockit.cli.BindFailure;
import dev.sockit.cli.Failures;
import dev.sockit.cli.Reporting;
import dev.sockit.cli.Version;
import dev.sockit.cli.options.DebugOption;
import dev.sockit.cli.options.DurationConverter;
import dev.sockit.cli.options.Targets;
import dev.sockit.cli.text.Terminal;
import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.transfer.FileReceiver;
import dev.sockit.core.transfer.ReceiveOptions;
import dev.sockit.core.transfer.TransferCodes;
import dev.sockit.core.transfer.TransferProgress;
import dev.sockit.core.transfer.TransferSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sockit receive}: waits for a {@code sockit send} and writes what it sends into a folder.
 */
@Command(
    name = "receive",
    header = "Receive files and folders from 'sockit send' into a folder.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Wait for 'sockit send' and write the files and folders it sends into a folder.",
      "Names that would leave the folder (.., absolute paths, symbolic links) are refused; existing"
          + " files are kept unless --overwrite. A file gets its final name only after its SHA-256"
          + " matched; an interrupted transfer leaves a hidden .NAME.sockit-part that the next send"
          + " continues from. One transfer, then exit (--keep: stay for more)."
    },
    footer = {
      "",
      "Examples:",
      "  sockit receive --dir inbox",
      "  sockit receive --code --bind 127.0.0.1 0",
      "  sockit receive --keep --overwrite " + ReceiveCommand.DEFAULT_PORT
    })
public final class ReceiveCommand implements Callable<Integer>, Reporting {
  static final int DEFAULT_PORT = 9919;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PORT",
      defaultValue = "" + DEFAULT_PORT,
      description =
          "The port (default ${DEFAULT-VALUE}; 0 lets the system choose, the readiness line names it).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      description = "Listen on ADDR only (default: every address).")
  String bind;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Write into DIR (created if missing; default: the current folder).")
  Path dir;

  @Option(names = "--overwrite", description = "Replace existing files.")
  boolean overwrite;

  @Option(
      names = "--code",
      description = "Print a random code; only a sender that gives it (send --code) is accepted.")
  boolean code;

  @Option(
      names = {"-k", "--keep"},
      description =
          "Stay and receive transfer after transfer (a failed one is reported and the next awaited).")
  boolean keep;

  @Option(
      names = {"-i", "--idle-timeout"},
      paramLabel = "TIME",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description =
          "Give up on a sender silent for TIME (default ${DEFAULT-VALUE}); its partial files are kept for resuming.")
  java.time.Duration idleTimeout;

  @Option(
      names = "--no-sync",
      description =
          "Do not flush each file to the disk before renaming it (faster for many small files; "
              + "after a power loss a file under its final name may be incomplete).")
  boolean noSync;

  @Option(
      names = "--json",
      description = "Print each transfer's summary as JSON (fields in docs/transfer-and-bench.md).")
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
    if (port < 0 || port > 65535) {
      throw new Failures.BadInput("port " + port + " is outside 0-65535");
    }
    InetAddress address = bind == null ? null : Targets.bindAddress(bind);
    String secret = code ? TransferCodes.random() : null;
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FileReceiver bound;
    try {
      bound =
          FileReceiver.bind(
              new ReceiveOptions(address, port, dir, overwrite, secret, idleTimeout, !noSync));
    } catch (java.net.BindException e) {
      throw BindFailure.explain(e, address, port, dev.sockit.core.net.Transport.TCP);
    }
    try (FileReceiver receiver = bound) {
      if (secret != null) {
        err.println("code: " + secret);
      }
      err.println("listening on " + SocketAddresses.format(receiver.localAddress()) + " (tcp)");
      err.flush();
      do {
        TransferProgress bar = TransferProgressBar.start(err, Terminal.progress());
        try {
          TransferSummary s = receiver.receiveOne(bar);
          TransferProgressBar.stop(bar);
          out.print(
              json
                  ? TransferText.json(s, "received", receiver.folder().toString())
                  : TransferText.line("received", "from", s, s.peer())
                      + " into "
                      + receiver.folder()
                      + "\n");
          out.flush();
        } catch (IOException e) {
          TransferProgressBar.stop(bar);
          if (!keep) {
            throw e;
          }
          err.println("sockit: " + Failures.message(e));
          err.flush();
          if (json) { // the stream of summaries tells of the failed transfer too
            Failures.printJson(out, Failures.exitCode(e), Failures.message(e));
          }
        }
      } while (keep);
    }
    return Failures.OK;
  }
}
