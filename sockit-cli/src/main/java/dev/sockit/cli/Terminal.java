package dev.sockit.cli;

/** Facts about where output goes: colour only on a terminal and never with NO_COLOR set. */
final class Terminal {
  private Terminal() {}

  /** Whether standard output and error look like a terminal. */
  static boolean interactive() {
    return System.console() != null;
  }

  /** Whether to use colour. */
  static boolean colour() {
    String noColor = System.getenv("NO_COLOR");
    return interactive() && (noColor == null || noColor.isEmpty()) && !"dumb".equals(System.getenv("TERM"));
  }
}
