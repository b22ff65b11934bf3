package dev.sockit.cli.text;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Standard output for commands that print one report and exit ({@code ports}, {@code scan}, {@code
 * ip}). The shared writer flushes at every line, which streaming commands need; a report of
 * thousands of lines (every socket of a busy host, {@code scan --all}, {@code ip --split}) then
 * cost one system call per line. This one is buffered: the caller flushes it once at the end.
 */
public final class ReportOut {
  private ReportOut() {}

  public static PrintWriter of(CommandSpec spec) {
    return new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16));
  }
}
