package dev.sockit.core.address;

import dev.sockit.core.codec.HexDump;

/** Works out why text is not a valid IPv6 address, in one line that says what to write instead. */
final class Ipv6Problem {
  private static final String EXAMPLE = "e.g. 2001:db8::1";

  private Ipv6Problem() {}

  /**
   * @param body the text before any {@code %zone}
   * @param whole the text as the user gave it
   */
  static String explain(String body, String whole) {
    String q = AddressText.quote(whole);
    if (body.isEmpty()) {
      return q + " has nothing before the '%'; write the address, then %zone, e.g. fe80::1%eth0";
    }
    if (body.startsWith("[") || body.endsWith("]")) {
      return q
          + " has brackets, which belong only around an address with a port; write it without them";
    }
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (HexDump.hexDigit(c) < 0 && c != ':' && c != '.') {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
          return q + " has " + Ipv4Problem.describe(c) + " at position " + (i + 1) + "; remove it";
        }
        if (c == '/') {
          return q + " has a prefix where only an address fits; give the address alone";
        }
        return q
            + " has "
            + Ipv4Problem.describe(c)
            + " at position "
            + (i + 1)
            + "; an IPv6 address holds only hex digits 0-9 a-f, colons and a dotted IPv4 tail";
      }
    }
    if (body.contains(":::")) {
      return q + " has ':::'; use '::' once for a run of zero groups, " + EXAMPLE;
    }
    int first = body.indexOf("::");
    if (first >= 0 && body.indexOf("::", first + 1) >= 0) {
      return q + " has '::' more than once, so the length of each zero run is unknown; use it once";
    }
    if (body.startsWith(":") && first != 0) {
      return q + " starts with a single ':'; write '::' or a group, " + EXAMPLE;
    }
    if (body.endsWith(":") && body.lastIndexOf("::") != body.length() - 2) {
      return q + " ends with a single ':'; write '::' or a group, " + EXAMPLE;
    }
    int dot = body.indexOf('.');
    String hexPart = body;
    int tailGroups = 0;
    if (dot >= 0) {
      int start = body.lastIndexOf(':', dot) + 1;
      String tail = body.substring(start);
      if (IpParser.ipv4(tail, 0, tail.length()) < 0) {
        String why = Ipv4Problem.explain(tail, tail);
        return q + " has a bad IPv4 tail: " + why;
      }
      hexPart = body.substring(0, start);
      tailGroups = 2;
    }
    int groups = tailGroups;
    for (String g : hexPart.split(":", -1)) {
      if (g.isEmpty()) {
        continue;
      }
      if (g.length() > 4) {
        return q + " has the group '" + g + "' with more than four hex digits";
      }
      groups++;
    }
    if (first < 0 && groups != 8) {
      return q
          + " has "
          + groups
          + " groups of 16 bits; an IPv6 address has eight, or use '::' for a run of zeros, "
          + EXAMPLE;
    }
    if (first >= 0 && groups > 7) {
      return q + " has " + groups + " groups and '::'; with '::' there are at most seven";
    }
    return q + " is not a valid IPv6 address; " + EXAMPLE;
  }
}
