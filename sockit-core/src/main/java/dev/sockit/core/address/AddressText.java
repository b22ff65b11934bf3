package dev.sockit.core.address;

/** The text forms of an {@link IpAddress}: canonical (RFC 5952), expanded, binary. */
final class AddressText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private AddressText() {}

  static String canonical(IpAddress a) {
    String text = a.isIpv4() ? dotted((int) a.low()) : ipv6(a.high(), a.low());
    return a.zone() == null ? text : text + "%" + a.zone();
  }

  static String dotted(int v) {
    StringBuilder sb = new StringBuilder(15);
    sb.append((v >>> 24) & 0xff).append('.').append((v >>> 16) & 0xff).append('.');
    sb.append((v >>> 8) & 0xff).append('.').append(v & 0xff);
    return sb.toString();
  }

  /**
   * RFC 5952: lower case, no leading zeros, the longest run (first if tied) of two or more zero
   * groups as {@code ::}; an IPv4-mapped address keeps its dotted tail (section 5).
   */
  static String ipv6(long high, long low) {
    if (high == 0 && (low >>> 32) == 0xffffL) {
      return "::ffff:" + dotted((int) low);
    }
    int[] words = words(high, low);
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (words[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && words[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(words[i]));
    }
    return sb.toString();
  }

  static int[] words(long high, long low) {
    int[] w = new int[8];
    for (int i = 0; i < 4; i++) {
      w[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
      w[4 + i] = (int) (low >>> (48 - 16 * i)) & 0xffff;
    }
    return w;
  }

  static String expanded(IpAddress a) {
    if (a.isIpv4()) {
      return dotted((int) a.low());
    }
    StringBuilder sb = new StringBuilder(39);
    for (int w : words(a.high(), a.low())) {
      if (sb.length() > 0) {
        sb.append(':');
      }
      for (int shift = 12; shift >= 0; shift -= 4) {
        sb.append(HEX[(w >>> shift) & 0xf]);
      }
    }
    return sb.toString();
  }

  static String binary(IpAddress a) {
    if (a.isIpv4()) {
      StringBuilder sb = new StringBuilder(35);
      for (int bit = 31; bit >= 0; bit--) {
        sb.append((a.low() >>> bit & 1) == 1 ? '1' : '0');
        if (bit % 8 == 0 && bit > 0) {
          sb.append('.');
        }
      }
      return sb.toString();
    }
    StringBuilder sb = new StringBuilder(135);
    for (int w : words(a.high(), a.low())) {
      if (sb.length() > 0) {
        sb.append(':');
      }
      for (int bit = 15; bit >= 0; bit--) {
        sb.append((w >>> bit & 1) == 1 ? '1' : '0');
      }
    }
    return sb.toString();
  }

  /** Quotes user text for a one-line message: control characters and non-ASCII are escaped. */
  static String quote(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 2).append('\'');
    int shown = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (++shown > 80) {
        sb.append("...");
        break;
      }
      if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c < 0x20 || c >= 0x7f) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('\'').toString();
  }
}
