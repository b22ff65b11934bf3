package dev.sockit.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;

/** Builds the picocli command tree with sockit's error handling. */
public final class Cli {
  private Cli() {}

  /**
   * Runs {@code args} against the real standard streams.
   *
   * @param args the command line
   * @return the exit code
   */
  public static int run(String... args) {
    return create(new PrintWriter(System.out, true, Charset.defaultCharset()), new PrintWriter(System.err, true, Charset.defaultCharset())).execute(args);
  }

  /**
   * The command line, printing to {@code out} and {@code err}; tests pass {@link java.io.StringWriter}s.
   *
   * @param out standard output
   * @param err standard error
   * @return the configured command line
   */
  public static CommandLine create(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new SockitCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(new Failures());
    cli.setParameterExceptionHandler(new Failures());
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(Terminal.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    return cli;
  }
}
