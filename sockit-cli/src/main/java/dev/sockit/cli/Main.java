package dev.sockit.cli;

/** The {@code sockit} entry point. */
public final class Main {
  private Main() {}

  /**
   * Runs sockit and exits with its code: 0 ok, 1 runtime failure, 2 bad input.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    int code = Cli.run(args);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }
}
