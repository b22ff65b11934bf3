package dev.sockit.cli.text;

import java.io.Console;
import java.lang.reflect.Method;

/** Facts about where output goes: colour only on a terminal and never with NO_COLOR set. */
public final class Terminal {
  /** Set by the launcher: whether standard input and output are both a terminal. */
  public static final String TTY_PROPERTY = "sockit.terminal";

  private Terminal() {}

  /**
   * Whether standard input and output are a terminal. Since JDK 22 {@link System#console()} is
   * non-null even when output is redirected, so its {@code isTerminal()} (JDK 22+) decides where it
   * exists.
   */
  public static boolean interactive() {
    // The launcher asks the shell ([ -t 0 ] and [ -t 1 ]), which costs it nothing; the reflective
    // call below costs a millisecond of start-up.
    String fromLauncher = System.getProperty(TTY_PROPERTY);
    if (fromLauncher != null) {
      return Boolean.parseBoolean(fromLauncher);
    }
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

  /** Set by the launcher: whether standard error, where progress bars are drawn, is a terminal. */
  public static final String PROGRESS_PROPERTY = "sockit.progress";

  /**
   * Whether to draw a progress bar: standard error is a terminal (so {@code 2>log} keeps the log
   * clean, and a report redirected to a file still shows its progress). Without the launcher's
   * answer, as {@link #interactive()}.
   */
  public static boolean progress() {
    String fromLauncher = System.getProperty(PROGRESS_PROPERTY);
    return fromLauncher != null ? Boolean.parseBoolean(fromLauncher) : interactive();
  }

  /** Whether to use colour. */
  public static boolean colour() {
    String noColor = System.getenv("NO_COLOR");
    return (noColor == null || noColor.isEmpty())
        && !"dumb".equals(System.getenv("TERM"))
        && interactive();
  }
}
