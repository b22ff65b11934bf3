package dev.sockit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the sockit command line, with its exit code and both streams. */
public record Run(int code, String out, String err) {
  /**
   * Runs {@code args} in-process.
   *
   * @param args the command line
   * @return the exit code and what was printed
   */
  public static Run of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.create(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
