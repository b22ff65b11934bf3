package dev.sockit.cli;

import static dev.sockit.cli.codegen.CommandCatalogue.Startup.FULL_SPEED;
import static dev.sockit.cli.codegen.CommandCatalogue.Startup.NETCAT;
import static dev.sockit.cli.codegen.CommandCatalogue.Startup.OWN_CACHE;
import static dev.sockit.cli.codegen.CommandCatalogue.Startup.SHARED;

import dev.sockit.cli.bench.BenchCommand;
import dev.sockit.cli.codegen.CommandCatalogue;
import dev.sockit.cli.codegen.CommandCatalogue.Entry;
import dev.sockit.cli.lookup.IfacesCommand;
import dev.sockit.cli.lookup.IpCommand;
import dev.sockit.cli.lookup.PortCommand;
import dev.sockit.cli.lookup.PortsCommand;
import dev.sockit.cli.lookup.ResolveCommand;
import dev.sockit.cli.netcat.TcpCommand;
import dev.sockit.cli.netcat.UdpCommand;
import dev.sockit.cli.netcat.UnixCommand;
import dev.sockit.cli.scan.ProbeCommand;
import dev.sockit.cli.scan.ScanCommand;
import dev.sockit.cli.transfer.ReceiveCommand;
import dev.sockit.cli.transfer.SendCommand;
import dev.sockit.cli.ui.UiCommand;
import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine.HelpCommand;

/**
 * Every top-level command of sockit, one line each, in the order {@code sockit --help} lists them:
 * the command's class (its {@code @Command} name is its name) and how the launcher starts it (see
 * {@link CommandCatalogue.Startup}). Adding a command is one command class and one line here.
 *
 * <p>At compile time the annotation processor of {@code sockit-cli-codegen} turns this list into
 * {@code CatalogueIndex} (names, models, start-up families: what {@link Cli}, the start-up training
 * and the tests read) and {@code target/sockit-commands.sh} (what the launcher sources to choose
 * the start-up cache and JIT tier), and every listed class's annotations into its model. See
 * docs/architecture.md, "How to add a command".
 */
@CommandCatalogue({
  @Entry(command = TcpCommand.class, startup = NETCAT),
  @Entry(command = UdpCommand.class, startup = NETCAT),
  @Entry(command = UnixCommand.class, startup = NETCAT),
  @Entry(command = IpCommand.class, startup = OWN_CACHE),
  @Entry(command = IfacesCommand.class, startup = OWN_CACHE),
  @Entry(command = ResolveCommand.class, startup = OWN_CACHE),
  @Entry(command = PortCommand.class, startup = OWN_CACHE),
  @Entry(command = PortsCommand.class, startup = SHARED),
  @Entry(command = ScanCommand.class, startup = OWN_CACHE),
  @Entry(command = ProbeCommand.class, startup = SHARED),
  @Entry(command = SendCommand.class, startup = FULL_SPEED),
  @Entry(command = ReceiveCommand.class, startup = FULL_SPEED),
  @Entry(command = BenchCommand.class, startup = FULL_SPEED),
  @Entry(command = UiCommand.class, startup = SHARED),
  @Entry(command = HelpCommand.class, startup = SHARED),
  @Entry(command = GenerateCompletion.class, startup = SHARED),
})
final class Catalogue {
  private Catalogue() {}
}
