package dev.sockit.core.codec;

/**
 * JSON string literals (RFC 8259), shared by every view that writes JSON (the CLI's {@code --json},
 * the browser assistant's messages). U+2028 and U+2029 are escaped too, so the text is also safe
 * inside JavaScript.
 */
public final class JsonStrings {
  private JsonStrings() {}

  /**
   * Appends {@code s} to {@code sb} as a quoted, escaped JSON string.
   *
   * @param sb where to append
   * @param s the text
   */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    // the runs of characters that need no escape are appended whole (most strings are one run)
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x2028 && c != 0x2029) {
        continue;
      }
      sb.append(s, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          sb.append("\\u")
              .append(Character.forDigit(c >> 12, 16))
              .append(Character.forDigit((c >> 8) & 0xf, 16))
              .append(Character.forDigit((c >> 4) & 0xf, 16))
              .append(Character.forDigit(c & 0xf, 16));
        }
      }
    }
    sb.append(s, run, s.length()).append('"');
  }
}
