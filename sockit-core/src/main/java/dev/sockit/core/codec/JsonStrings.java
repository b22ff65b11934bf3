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
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            sb.append("\\u").append(Character.forDigit(c >> 12, 16)).append(Character.forDigit((c >> 8) & 0xf, 16))
                .append(Character.forDigit((c >> 4) & 0xf, 16)).append(Character.forDigit(c & 0xf, 16));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
