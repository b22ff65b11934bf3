package dev.sockit.cli;

/**
 * How a command wants its failures reported, asked by {@link Failures} of the command that ran:
 * with {@code --debug} a stack trace follows the one-line message; with {@code --json} standard
 * output also gets the failure as a JSON object, so that a script reading it always gets one. A
 * command implements what it has; a command without either option need not implement it.
 */
public interface Reporting {
  /**
   * Whether {@code --debug} was given.
   *
   * @return true to print the stack trace
   */
  default boolean debug() {
    return false;
  }

  /**
   * Whether {@code --json} was given.
   *
   * @return true to print the failure as JSON on standard output too
   */
  default boolean json() {
    return false;
  }
}
