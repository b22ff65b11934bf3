package dev.sockit.cli.netcat;

import dev.sockit.cli.Reporting;
import dev.sockit.cli.Version;
import dev.sockit.cli.options.EncodingOption;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.stream.ServerLimits;
import dev.sockit.core.unix.UnixServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sockit unix listen PATH}. */
@Command(
    name = "listen",
    header = "Listen on the Unix socket PATH; serve one client, or many with -k.",
    description = {
      "Listen on the Unix socket PATH (created now, deleted on exit).",
      "Without -k: serve one client, then exit. With -k: serve clients concurrently."
    },
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false)
final class UnixListenCommand implements Callable<Integer>, Reporting {
  @Parameters(paramLabel = "PATH", description = "The socket file to create.")
  Path path;

  @Mixin ListenOptions listen;
  @Mixin EncodingOption encoding;
  @Mixin RelayOptions relay;
  @Mixin OutputOptions output;

  @Override
  public boolean debug() {
    return output.debug.on();
  }

  @Override
  public Integer call() throws Exception {
    TrafficBus bus = output.bus();
    byte[] greeting = listen.greet == null ? null : encoding.encode(listen.greet);
    Path file = path.toAbsolutePath();
    Thread cleanup =
        new Thread(
            () -> {
              try {
                java.nio.file.Files.deleteIfExists(file);
              } catch (java.io.IOException e) {
                System.err.println(
                    "sockit: could not delete socket file " + file + ": " + e.getMessage());
              }
            });
    int code;
    try {
      code =
          new ListenRunner(listen, relay, greeting)
              .run(
                  (limits, handler) -> {
                    var server = UnixServer.bind(file, limits, handler, bus);
                    Runtime.getRuntime().addShutdownHook(cleanup);
                    return server;
                  },
                  ServerLimits.DEFAULT,
                  System.err);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException | IllegalArgumentException e) {
        // shutting down already, or the hook was never added: nothing to remove
      }
    }
    return code;
  }
}
