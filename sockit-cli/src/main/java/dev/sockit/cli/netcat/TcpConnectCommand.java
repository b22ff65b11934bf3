package dev.sockit.cli.netcat;

import dev.sockit.cli.Failures;
import dev.sockit.cli.Reporting;
import dev.sockit.cli.Version;
import dev.sockit.cli.options.DurationConverter;
import dev.sockit.cli.options.FamilyOption;
import dev.sockit.cli.options.Targets;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.stream.Connection;
import dev.sockit.core.tcp.SocketTuning;
import dev.sockit.core.tcp.TcpClient;
import dev.sockit.core.tcp.TcpClientOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sockit tcp connect HOST PORT}: connect, then stdin to the socket and the socket to stdout.
 */
@Command(
    name = "connect",
    header = "Connect to HOST PORT; send stdin, print what arrives.",
    description = {
      "Connect to HOST PORT (or HOST:PORT, [IPV6]:PORT); send stdin, print what arrives.",
      "When stdin ends a FIN is sent and output continues until the peer closes; when the peer closes, sockit exits at once."
    },
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false)
final class TcpConnectCommand implements Callable<Integer>, Reporting {
  @Parameters(
      arity = "1..2",
      paramLabel = "HOST PORT",
      description = "Where to connect: HOST PORT, HOST:PORT or [IPV6]:PORT.")
  List<String> target;

  @Option(
      names = {"-w", "--connect-timeout"},
      paramLabel = "TIME",
      converter = DurationConverter.class,
      defaultValue = "10s",
      description = "Connect timeout per address (default ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(
      names = {"-s", "--source"},
      paramLabel = "ADDR",
      description = "Local address to connect from.")
  String source;

  @Option(
      names = {"-p", "--source-port"},
      paramLabel = "PORT",
      description = "Local port to connect from.")
  String sourcePort;

  @ArgGroup(exclusive = true)
  FamilyOption family = new FamilyOption();

  @Option(names = "--nodelay", description = "TCP_NODELAY: send small writes at once.")
  boolean noDelay;

  @Option(names = "--keepalive", description = "SO_KEEPALIVE.")
  boolean keepAlive;

  @Option(names = "--sndbuf", paramLabel = "BYTES", description = "SO_SNDBUF.")
  int sendBuffer = -1;

  @Option(names = "--rcvbuf", paramLabel = "BYTES", description = "SO_RCVBUF.")
  int receiveBuffer = -1;

  @Option(
      names = "--linger",
      paramLabel = "SECONDS",
      description = "SO_LINGER; 0 makes close() send a reset.")
  int linger = -1;

  @Mixin RelayOptions relay;
  @Mixin OutputOptions output;

  @Override
  public boolean debug() {
    return output.debug.on();
  }

  @Override
  public Integer call() throws Exception {
    Targets.Parsed parsed = Targets.remote(target);
    if (!parsed.rest().isEmpty()) {
      throw new Failures.BadInput("unexpected argument '" + parsed.rest().get(0) + "'");
    }
    TcpClientOptions options =
        TcpClientOptions.of(parsed.target().host(), parsed.target().port())
            .withFamily(family.family())
            .withConnectTimeout(connectTimeout)
            .withSocket(
                new SocketTuning(
                    noDelay ? true : null,
                    keepAlive ? true : null,
                    null,
                    sendBuffer,
                    receiveBuffer,
                    linger));
    if (source != null || sourcePort != null) {
      options =
          options.withSource(
              source == null
                  ? null
                  : Targets.bindAddress(dev.sockit.core.address.HostPort.checkHost(source)),
              sourcePort == null ? 0 : dev.sockit.core.address.HostPort.parsePort(sourcePort));
    }
    TrafficBus bus = output.bus();
    Connection connection = TcpClient.connect(options, bus);
    return new StreamRelay(connection, relay, new Stdio()).run();
  }
}
