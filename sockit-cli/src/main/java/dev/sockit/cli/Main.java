package dev.sockit.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;

/** The {@code sockit} entry point. */
public final class Main {
  /**
   * Commands run once, output discarded, when the launcher builds the JVM's ahead-of-time cache:
   * the cache then holds the classes and linked call sites that real runs of these commands use.
   * None of them touches the network.
   */
  private static final List<String[]> TRAINING = List.of(
      new String[] {"--version"},
      new String[] {"--help"},
      new String[] {"ip", "10.0.0.1/8"},
      new String[] {"ip", "--json", "2001:db8::1/64"},
      new String[] {"tcp", "connect", "--help"},
      new String[] {"tcp", "listen", "--help"},
      new String[] {"udp", "send", "--help"},
      new String[] {"tcp", "connect", "256.1.1.1", "80"});

  private Main() {}

  /**
   * Runs sockit and exits with its code: 0 ok, 1 runtime failure, 2 bad input.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    if (args.length == 1 && "--aot-training".equals(args[0])) {
      train();
      return;
    }
    int code = Cli.run(args);
    System.out.flush();
    System.err.flush();
    // Everything is closed and flushed by now; halt() skips the shutdown machinery (hooks are only
    // registered for signals, e.g. to delete a Unix socket file on Ctrl-C), which costs start-up time.
    Runtime.getRuntime().halt(code);
  }

  private static void train() {
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    for (String[] args : TRAINING) {
      Cli.create(sink, sink, args).execute(args);
    }
  }
}
