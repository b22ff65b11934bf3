package dev.sockit.cli.netcat;

import dev.sockit.cli.options.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How standard input and output are joined to a stream connection (ncat's EOF behaviour). */
final class RelayOptions {
  @Option(
      names = "--no-shutdown",
      description = "When stdin ends, keep the sending side open (send no FIN).")
  boolean noShutdown;

  @Option(
      names = "--send-only",
      description = "Only send: ignore received data and quit when stdin ends.")
  boolean sendOnly;

  @Option(names = "--recv-only", description = "Only receive: do not read stdin.")
  boolean recvOnly;

  @Option(
      names = {"-i", "--idle-timeout"},
      paramLabel = "TIME",
      converter = DurationConverter.class,
      description = "Give up (exit 1) after TIME without traffic, e.g. 30s.")
  Duration idleTimeout;

  @Option(
      names = {"-q", "--quit-after"},
      paramLabel = "TIME",
      converter = DurationConverter.class,
      description = "Quit TIME after stdin ends, even if the peer stays open.")
  Duration quitAfter;

  @Option(
      names = {"-C", "--crlf"},
      description = "Send each LF from stdin as CRLF.")
  boolean crlf;
}
