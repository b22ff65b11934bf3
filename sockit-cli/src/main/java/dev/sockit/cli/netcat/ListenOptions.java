package dev.sockit.cli.netcat;

import dev.sockit.cli.Failures;
import picocli.CommandLine.Option;

/** What a stream listener does with its clients (ncat's listen-mode options). */
final class ListenOptions {
  @Option(
      names = {"-k", "--keep-open"},
      description = "Serve clients concurrently and keep listening; stdin goes to all of them.")
  boolean keepOpen;

  @Option(
      names = {"-m", "--max-conns"},
      paramLabel = "N",
      defaultValue = "100",
      description =
          "Clients served at once (default ${DEFAULT-VALUE}); extra clients are accepted and closed.")
  int maxConns;

  @Option(names = "--broker", description = "Send each client's data to every other client.")
  boolean broker;

  @Option(
      names = "--chat",
      description = "Chat room: --broker with <userN> prefixes and join/leave announcements.")
  boolean chat;

  @Option(names = "--echo", description = "Send each client's data back to it.")
  boolean echo;

  @Option(
      names = "--greet",
      paramLabel = "TEXT",
      description = "Send TEXT to each client, then close it (the teaching text's server).")
  String greet;

  @Option(
      names = "--backlog",
      paramLabel = "N",
      defaultValue = "128",
      description = "listen() backlog (default ${DEFAULT-VALUE}).")
  int backlog;

  void validate() {
    int modes = (broker ? 1 : 0) + (chat ? 1 : 0) + (echo ? 1 : 0) + (greet != null ? 1 : 0);
    if (modes > 1) {
      throw new Failures.BadInput("choose one of --broker, --chat, --echo and --greet");
    }
    if (maxConns < 1) {
      throw new Failures.BadInput("--max-conns must be at least 1, got " + maxConns);
    }
    if (backlog < 1) {
      throw new Failures.BadInput("--backlog must be at least 1, got " + backlog);
    }
  }

  /** Broker and chat are multi-client by nature, as in ncat. */
  boolean multiClient() {
    return keepOpen || broker || chat;
  }
}
