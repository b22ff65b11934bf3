package dev.sockit.cli.bench;

import dev.sockit.cli.Failures;
import dev.sockit.cli.options.DebugOption;
import dev.sockit.cli.options.DurationConverter;
import dev.sockit.core.bench.BenchMode;
import dev.sockit.core.bench.BenchOptions;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of one measurement, shared by {@code bench client} and {@code bench loopback}. */
final class BenchRunOptions {
  @Option(
      names = {"-t", "--duration"},
      paramLabel = "TIME",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "How long to measure (default ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = {"-O", "--omit"},
      paramLabel = "TIME",
      defaultValue = "0s",
      converter = DurationConverter.class,
      description =
          "Warm up for TIME first and leave it out of the result, as iperf3 --omit (default ${DEFAULT-VALUE}).")
  Duration omit;

  @Option(
      names = {"-l", "--size"},
      paramLabel = "BYTES",
      description =
          "Bytes per write (stream, default 128K), per request and response (rr, crr, default 1), per datagram (udp, default 1400, at least 24).")
  String size;

  @Option(
      names = {"-P", "--parallel"},
      paramLabel = "N",
      defaultValue = "1",
      description = "Parallel streams (stream mode; default 1).")
  int parallel;

  @Option(
      names = {"-R", "--reverse"},
      description = "Stream mode: the server sends, the client receives.")
  boolean reverse;

  @Option(
      names = {"-b", "--bitrate"},
      paramLabel = "BITS",
      description =
          "UDP target bits per second, e.g. 100M, 1G (decimal units); 0 is flat out (default 1G).")
  String bitrate;

  @Option(
      names = {"-i", "--interval"},
      paramLabel = "TIME",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "Report every TIME while running (default ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(
      names = "--json",
      description = "Print the result as JSON (fields in docs/transfer-and-bench.md).")
  boolean json;

  @Mixin DebugOption debug;

  BenchOptions toOptions(BenchMode mode) {
    // An option the mode does not use is bad input, not silently ignored.
    String name = mode.name().toLowerCase(Locale.ROOT);
    if (reverse && mode != BenchMode.STREAM) {
      throw new Failures.BadInput("-R/--reverse works with the stream mode only, not " + name);
    }
    if (parallel != 1 && mode != BenchMode.STREAM) {
      throw new Failures.BadInput("-P/--parallel works with the stream mode only, not " + name);
    }
    if (bitrate != null && mode != BenchMode.UDP) {
      throw new Failures.BadInput("-b/--bitrate works with the udp mode only, not " + name);
    }
    BenchOptions d = BenchOptions.of(mode);
    int bytes =
        size == null ? d.size() : (int) Math.min(Integer.MAX_VALUE, number(size, 1024, "size"));
    long bits = bitrate == null ? d.bitrate() : number(bitrate, 1000, "bitrate");
    return new BenchOptions(mode, duration, bytes, parallel, reverse, bits, interval, omit);
  }

  /** {@code 128K}, {@code 1.5M}, {@code 1G}, or a plain number, with {@code base} 1024 or 1000. */
  static long number(String text, long base, String what) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    long unit = 1;
    int cut = t.length();
    if (t.endsWith("K")) {
      unit = base;
    } else if (t.endsWith("M")) {
      unit = base * base;
    } else if (t.endsWith("G")) {
      unit = base * base * base;
    }
    if (unit > 1) {
      cut--;
    }
    try {
      double n = Double.parseDouble(t.substring(0, cut));
      if (!(n >= 0) || n * unit > 1e15) {
        throw new NumberFormatException();
      }
      return (long) (n * unit);
    } catch (NumberFormatException e) {
      throw new Failures.BadInput(
          "'" + text + "' is not a " + what + "; write e.g. 1400, 128K, 100M or 1G");
    }
  }

  static BenchMode mode(String text) {
    try {
      return BenchMode.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Failures.BadInput("'" + text + "' is not a mode; use stream, rr, crr or udp");
    }
  }

  /** The exit code of a run that Ctrl-C ended early (the shell's 128 + SIGINT). */
  static final int INTERRUPTED = 130;

  /**
   * Runs one measurement and prints its summary. Ctrl-C ends it early, as it ends iperf3's: the
   * summary then covers the time measured so far (JSON says {@code "interrupted": true}), a line on
   * stderr says so, and the exit code is {@value #INTERRUPTED}. A run that fails after Ctrl-C (it
   * was still waiting for the server) fails as any other: one line, exit 1.
   */
  static int measure(
      java.net.InetSocketAddress server,
      BenchOptions options,
      BenchReport report,
      java.io.PrintWriter err)
      throws java.io.IOException {
    dev.sockit.core.bench.BenchClient.Stop stop = new dev.sockit.core.bench.BenchClient.Stop();
    Thread onInterrupt =
        new Thread(
            () -> {
              stop.stop();
              try {
                // The run now ends at once; sockit's main then prints its summary (or its failure)
                // and
                // halts the JVM with the exit code that goes with it. Bounded, for a run that
                // hangs.
                Thread.sleep(10_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "sockit-bench-interrupt");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      dev.sockit.core.bench.BenchResult r =
          dev.sockit.core.bench.BenchClient.run(server, options, report, stop);
      report.result(r, stop.requested());
      if (stop.requested()) {
        err.println(
            String.format(
                Locale.ROOT,
                "sockit: interrupted; the summary covers the %.2f s measured",
                r.seconds()));
        err.flush();
        return INTERRUPTED;
      }
      return Failures.OK;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running; main's halt ends it
      }
    }
  }
}
