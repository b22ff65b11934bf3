package dev.sockit.cli.netcat;

import dev.sockit.cli.BindFailure;
import dev.sockit.cli.Reporting;
import dev.sockit.cli.Version;
import dev.sockit.cli.options.EncodingOption;
import dev.sockit.cli.options.FamilyOption;
import dev.sockit.cli.options.Targets;
import dev.sockit.core.access.AccessList;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.net.Transport;
import dev.sockit.core.stream.ConnectionHandler;
import dev.sockit.core.stream.ServerLimits;
import dev.sockit.core.stream.StreamServer;
import dev.sockit.core.tcp.TcpServer;
import dev.sockit.core.tcp.TcpServerOptions;
import java.net.BindException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sockit tcp listen [ADDR] PORT}: a TCP server joined to stdin and stdout. */
@Command(
    name = "listen",
    header = "Listen on [ADDR] PORT; serve one client, or many with -k.",
    description = {
      "Listen on [ADDR] PORT (port 0: the system chooses; the readiness line on stderr names the real port).",
      "Without -k: serve one client, then exit, as ncat. With -k: serve clients concurrently."
    },
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false)
final class TcpListenCommand implements Callable<Integer>, Reporting {
  @Parameters(
      arity = "1..2",
      paramLabel = "[ADDR] PORT",
      description = "Local address (default: every address) and port.")
  List<String> where;

  @Mixin ListenOptions listen;

  @Option(
      names = "--allow",
      paramLabel = "CIDR",
      split = ",",
      description =
          "Only these peers may connect (e.g. 127.0.0.1,10.0.0.0/8); allow wins over deny.")
  List<String> allow = new ArrayList<>();

  @Option(
      names = "--deny",
      paramLabel = "CIDR",
      split = ",",
      description = "These peers may not connect.")
  List<String> deny = new ArrayList<>();

  @ArgGroup(exclusive = true)
  FamilyOption family = new FamilyOption();

  @Mixin EncodingOption encoding;
  @Mixin RelayOptions relay;
  @Mixin OutputOptions output;

  @Override
  public boolean debug() {
    return output.debug.on();
  }

  @Override
  public Integer call() throws Exception {
    Targets.Parsed parsed = Targets.local(where);
    InetAddress address =
        parsed.target() == null ? null : family.check(Targets.bindAddress(parsed.target().host()));
    int port = Targets.localPort(parsed);
    ServerLimits base = ServerLimits.DEFAULT.withAccess(AccessList.of(allow, deny));
    byte[] greeting = listen.greet == null ? null : encoding.encode(listen.greet);
    TrafficBus bus = output.bus();
    TcpServerOptions options = TcpServerOptions.of(address, port, family.family());
    return new ListenRunner(listen, relay, greeting)
        .run((limits, handler) -> bind(options.withLimits(limits), handler, bus), base, System.err);
  }

  /** Binds; when the port is taken, the message names the process holding it (Linux). */
  private static StreamServer bind(
      TcpServerOptions options, ConnectionHandler handler, TrafficBus bus)
      throws java.io.IOException {
    try {
      return TcpServer.bind(options, handler, bus);
    } catch (BindException e) {
      throw BindFailure.withHolder(e, options.bind(), Transport.TCP);
    }
  }
}
