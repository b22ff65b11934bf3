package dev.sockit.core.address;

/** Works out why text is not a strict IPv4 address, in one line that says what to write instead. */
final class Ipv4Problem {
  private static final String EXAMPLE =
      "write four numbers 0-255 separated by dots, e.g. 192.168.1.10";

  private Ipv4Problem() {}

  static String explain(String text, String whole) {
    String q = AddressText.quote(whole);
    if (text.isEmpty()) {
      return "the address is empty; " + EXAMPLE;
    }
    String bad = badCharacter(text, q);
    if (bad != null) {
      return bad;
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return q
          + " has "
          + parts.length
          + (parts.length == 1 ? " part" : " parts")
          + "; short forms like 10.1 or 167772161 mean different addresses to different tools, so "
          + EXAMPLE;
    }
    for (String p : parts) {
      if (p.isEmpty()) {
        return q + " has an empty part between dots; " + EXAMPLE;
      }
    }
    for (String p : parts) {
      if (p.length() > 1 && p.charAt(0) == '0') {
        String plain = p.replaceFirst("^0+(?=.)", "");
        return q
            + " has a leading zero in '"
            + p
            + "', which some tools read as octal and others as decimal; write "
            + plain
            + " if you mean decimal";
      }
    }
    for (String p : parts) {
      if (p.length() > 3 || Integer.parseInt(p) > 255) {
        return q + " is not an IPv4 address: " + p + " is more than 255";
      }
    }
    return q + " is not an IPv4 address; " + EXAMPLE;
  }

  private static String badCharacter(String text, String q) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.' || (c >= '0' && c <= '9')) {
        continue;
      }
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        return q
            + " has "
            + describe(c)
            + " at position "
            + (i + 1)
            + "; remove it (check for stray spaces or a pasted line break)";
      }
      if ((c == 'x' || c == 'X') && i > 0 && text.charAt(i - 1) == '0') {
        return q + " uses hexadecimal, which some tools accept and others do not; " + EXAMPLE;
      }
      if (c == '/') {
        return q + " has a prefix where only an address fits; give the address alone";
      }
      if (Character.isLetter(c) || c == '-' || c == '_') {
        return q
            + " is a name, not an address: sockit ip never asks DNS; try 'sockit resolve "
            + text.strip()
            + "'";
      }
      return q + " has " + describe(c) + " at position " + (i + 1) + "; " + EXAMPLE;
    }
    return null;
  }

  static String describe(char c) {
    return switch (c) {
      case ' ' -> "a space";
      case '\t' -> "a tab";
      case '\n', '\r' -> "a line break";
      case '\u00a0' -> "a non-breaking space";
      default ->
          c < 0x20 || c >= 0x7f ? String.format("the character U+%04X", (int) c) : "'" + c + "'";
    };
  }
}
