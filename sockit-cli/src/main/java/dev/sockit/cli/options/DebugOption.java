package dev.sockit.cli.options;

import picocli.CommandLine.Option;

/** {@code --debug}: a stack trace after the one-line message of a failure. */
public final class DebugOption {
  @Option(names = "--debug", description = "Show stack traces for errors.")
  boolean debug;

  /**
   * Whether {@code --debug} was given.
   *
   * @return true to show stack traces
   */
  public boolean on() {
    return debug;
  }
}
