package dev.sockit.cli;

import dev.sockit.core.scan.PortScanner;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/** The {@code sockit} entry point. */
public final class Main {
  /**
   * Commands run once, output discarded, when the launcher builds the JVM's ahead-of-time cache for
   * a family of commands: the cache then holds the classes and linked call sites that real runs of
   * those commands use. The JVM loads every class of its cache when it starts, so each short
   * command that scripts call gets a cache of its own, trained on that command alone; the rest share
   * {@code main}. Only the scan training sends anything, and only to 127.0.0.1.
   */
  static final Map<String, List<String[]>> TRAINING = Map.of(
      "version", List.<String[]>of(new String[] {"--version"}),
      "ip", List.of(
          new String[] {"ip", "10.0.0.1/8"},
          new String[] {"ip", "--json", "2001:db8::1/64"},
          new String[] {"ip", "256.1.1.1"}),
      "port", List.of(
          new String[] {"port", "443"},
          new String[] {"port", "http"}),
      "resolve", List.of(
          new String[] {"resolve", "--help"},
          new String[] {"resolve", "-"}),
      "ifaces", List.<String[]>of(new String[] {"ifaces"}),
      // A scan of 64 loopback ports (the only traffic of any training run): links the libc calls.
      "scan", List.of(
          new String[] {"scan", "127.0.0.1", "1-64", "--no-progress"},
          new String[] {"scan", "127.0.0.1", "1-4", "--banner", "--banner-wait", "50ms", "--no-progress"}),
      "main", List.of(
          new String[] {"--version"},
          new String[] {"--help"},
          new String[] {"ip", "10.0.0.1/8"},
          new String[] {"tcp", "connect", "--help"},
          new String[] {"tcp", "listen", "--help"},
          new String[] {"udp", "send", "--help"},
          new String[] {"tcp", "connect", "256.1.1.1", "80"}));

  /**
   * picocli registers converters for java.sql and java.time types through reflection on every run;
   * sockit has options of neither type (durations have their own converter), so they are left out.
   */
  static final String PICOCLI_EXCLUDES = "java\\.(sql|time)\\..*";

  private Main() {}

  /**
   * Runs sockit and exits with its code: 0 ok, 1 runtime failure, 2 bad input.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.setProperty("picocli.converters.excludes", PICOCLI_EXCLUDES);
    if (args.length == 2 && "--aot-training".equals(args[0])) {
      train(TRAINING.getOrDefault(args[1], List.of()));
      return;
    }
    if (args.length > 1 && "scan".equals(args[0])) {
      // Linking libc for the scan takes ~25 ms: another core does it while this one parses.
      Thread.ofPlatform().daemon().name("sockit-scan-prepare").start(PortScanner::prepare);
    }
    int code = Cli.run(args);
    System.out.flush();
    System.err.flush();
    // Everything is closed and flushed by now; halt() skips the shutdown machinery (hooks are only
    // registered for signals, e.g. to delete a Unix socket file on Ctrl-C), which costs start-up time.
    Runtime.getRuntime().halt(code);
  }

  private static void train(List<String[]> commands) {
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    for (String[] args : commands) {
      Cli.create(sink, sink, args).execute(args);
    }
  }
}
