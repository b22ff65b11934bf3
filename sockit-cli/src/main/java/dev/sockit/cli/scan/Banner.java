package dev.sockit.cli.scan;

/** Shows bytes a service sent as one line of text: printable ASCII as is, the rest as escapes. */
final class Banner {
  private Banner() {}

  /**
   * The bytes with {@code \r}, {@code \n}, {@code \t} and {@code \xNN} escapes, cut at {@code max}
   * characters with {@code ...}.
   */
  static String quote(byte[] bytes, int max) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      int c = b & 0xff;
      switch (c) {
        case '\r' -> sb.append("\\r");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\\' -> sb.append("\\\\");
        default ->
            sb.append(
                c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
      }
      if (sb.length() > max) {
        return sb.substring(0, Math.max(0, max - 3)) + "...";
      }
    }
    return sb.toString();
  }
}
