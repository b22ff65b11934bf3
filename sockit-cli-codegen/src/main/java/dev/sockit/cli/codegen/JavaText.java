package dev.sockit.cli.codegen;

import java.util.Locale;

/** Java source text for values: string literals that compile back to the same string. */
final class JavaText {
  private JavaText() {}

  /**
   * {@code s} as a Java string literal: quotes and backslashes escaped, other control characters as
   * octal escapes, non-ASCII characters as unicode escapes (the file stays ASCII).
   */
  static String literal(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\%03o", (int) c));
          } else if (c > 0x7e) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
