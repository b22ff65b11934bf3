package dev.sockit.cli.netcat;

import dev.sockit.cli.options.DebugOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every socket command can show besides the data: connection messages, a trace, a hex dump.
 */
final class OutputOptions {
  @Option(
      names = {"-v", "--verbose"},
      description = "Print connection messages on stderr.")
  boolean verbose;

  @Option(
      names = "--trace",
      description =
          "Print each socket call (socket, bind, listen, accept, connect, send, recv, shutdown, close) on stderr as it happens, with timestamps and addresses.")
  boolean trace;

  @Option(
      names = {"-x", "--hex"},
      description =
          "Hex dump of all traffic on stderr: > sent, < received, offset, hex and text columns.")
  boolean hex;

  @Mixin DebugOption debug;

  boolean wantsEvents() {
    return verbose || trace || hex;
  }

  /** A bus for a new endpoint, with the stderr view subscribed when any view was asked for. */
  dev.sockit.core.event.TrafficBus bus() {
    var bus = new dev.sockit.core.event.TrafficBus();
    if (wantsEvents()) {
      bus.subscribe(new EventPrinter(System.err, this));
    }
    return bus;
  }
}
