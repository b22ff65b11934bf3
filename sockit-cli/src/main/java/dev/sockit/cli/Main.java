package dev.sockit.cli;

import dev.sockit.core.scan.PortScanner;
import dev.sockit.core.stream.Pump;

/** The {@code sockit} entry point. */
public final class Main {
  /**
   * picocli registers converters for java.sql and java.time types through reflection on every run;
   * sockit has options of neither type (durations have their own converter), so they are left out.
   */
  static final String PICOCLI_EXCLUDES = "java\\.(sql|time)\\..*";

  private Main() {}

  /**
   * Linking the libc calls a scan makes through the foreign-function API takes 25-30 ms (generated
   * call stubs): another core links them while this one parses the command line, and the scan waits
   * for it if it is ready first. (The relays of tcp and unix link their splice calls only once they
   * have carried a MiB: see {@link Pump}.)
   */
  private static void prepare(String[] args) {
    if (args.length >= 2 && args[0].equals("scan")) {
      Thread.ofPlatform().daemon().name("sockit-prepare").start(new Prepare());
    }
  }

  /**
   * The linking, as a class rather than a lambda or method reference: the JVM would generate the
   * lambda's class at run time (the training runs do not come through here, so the start-up cache
   * lacks it), about 3 ms before the linking could start.
   */
  private record Prepare() implements Runnable {
    @Override
    public void run() {
      PortScanner.prepare(); // socket, connect, close, getsockopt, ppoll through syscall
    }
  }

  /** What every run sets before the command line is built (the start-up training runs too). */
  static void configure() {
    System.setProperty("picocli.converters.excludes", PICOCLI_EXCLUDES);
  }

  /**
   * Runs sockit and exits with its code: 0 ok, 1 runtime failure, 2 bad input.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    configure();
    prepare(args);
    int code = Cli.run(args);
    System.out.flush();
    System.err.flush();
    // Everything is closed and flushed by now; halt() skips the shutdown machinery (hooks are only
    // registered for signals, e.g. to delete a Unix socket file on Ctrl-C), which costs start-up
    // time.
    Runtime.getRuntime().halt(code);
  }
}
