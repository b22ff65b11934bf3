package dev.sockit.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Facts about where output goes: colour only on a terminal and never with NO_COLOR set. */
final class Terminal {
  private Terminal() {}

  /**
   * Whether standard output is a terminal. Since JDK 22 {@link System#console()} is non-null even
   * when output is redirected, so its {@code isTerminal()} (JDK 22+) decides where it exists.
   */
  static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: a console exists only on a terminal
    }
  }

  /** Whether to use colour. */
  static boolean colour() {
    String noColor = System.getenv("NO_COLOR");
    return (noColor == null || noColor.isEmpty()) && !"dumb".equals(System.getenv("TERM")) && interactive();
  }
}
