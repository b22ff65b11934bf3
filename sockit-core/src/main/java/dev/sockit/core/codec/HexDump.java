package dev.sockit.core.codec;

import java.util.Objects;

/**
 * Hex dumps with a direction marker, as socat's {@code -x} and better than ncat's: each line is
 * {@code > 00000010 48 65 6c 6c 6f 0d 0a ... |Hello..|}, {@code >} for sent and {@code <} for
 * received, offsets counted per direction.
 */
public final class HexDump {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int PER_LINE = 16;

  private HexDump() {}

  /**
   * The first {@code length} bytes of {@code data} as printable ASCII, anything else as {@code ?}:
   * for quoting what a peer sent in a one-line message.
   *
   * @param data the bytes
   * @param length how many
   * @return the text
   */
  public static String printable(byte[] data, int length) {
    Objects.requireNonNull(data, "data");
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int c = data[i] & 0xff;
      sb.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
    }
    return sb.toString();
  }

  /**
   * Formats {@code length} bytes of {@code data}.
   *
   * @param marker the direction marker, e.g. {@code '>'} or {@code '<'}
   * @param offset the stream offset of {@code data[0]}
   * @param data the bytes
   * @param length how many to format
   * @return lines, each ending in {@code \n}
   */
  public static String format(char marker, long offset, byte[] data, int length) {
    Objects.requireNonNull(data, "data");
    StringBuilder sb = new StringBuilder((length / PER_LINE + 1) * 80);
    for (int line = 0; line < length; line += PER_LINE) {
      int n = Math.min(PER_LINE, length - line);
      sb.append(marker).append(' ');
      String off = Long.toHexString(offset + line);
      sb.append("0".repeat(Math.max(0, 8 - off.length()))).append(off).append("  ");
      for (int i = 0; i < PER_LINE; i++) {
        if (i < n) {
          int b = data[line + i] & 0xff;
          sb.append(HEX[b >>> 4]).append(HEX[b & 0xf]).append(' ');
        } else {
          sb.append("   ");
        }
        if (i == 7) {
          sb.append(' ');
        }
      }
      sb.append(" |");
      for (int i = 0; i < n; i++) {
        int b = data[line + i] & 0xff;
        sb.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
      }
      sb.append("|\n");
    }
    return sb.toString();
  }

  /**
   * Parses hex text such as {@code "48 65 6c"}, {@code "48656c"} or {@code "0x48,0x65"}.
   *
   * @param text the hex text; spaces, commas, colons and {@code 0x} prefixes are ignored
   * @return the bytes
   * @throws IllegalArgumentException naming the bad character or an odd digit count
   */
  public static byte[] parse(String text) {
    // A 0x prefix only counts at the start of a group, and "0x1" means 01: dropping every "0x"
    // blindly turned "0x1,0x2" into the single byte 12 and accepted "100x20".
    String t =
        text.replaceAll("(?<![0-9a-fA-F])0[xX]([0-9a-fA-F])(?![0-9a-fA-F])", "0$1")
            .replaceAll("(?<![0-9a-fA-F])0[xX]", "");
    byte[] out = new byte[t.length() / 2 + 1];
    int n = 0;
    int hi = -1;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == ' ' || c == ',' || c == ':' || c == '\t' || c == '\n' || c == '\r' || c == '-') {
        continue;
      }
      int d = hexDigit(c);
      if (d < 0) {
        throw new IllegalArgumentException(
            "'" + c + "' in hex text '" + text + "' is not a hex digit");
      }
      if (hi < 0) {
        hi = d;
      } else {
        out[n++] = (byte) (hi * 16 + d);
        hi = -1;
      }
    }
    if (hi >= 0) {
      throw new IllegalArgumentException("hex text '" + text + "' has an odd number of digits");
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /**
   * The value of an ASCII hex digit, or -1. Not {@link Character#digit(char, int)}: it also accepts
   * full-width and other non-ASCII digits, which are neither hex text nor an address.
   *
   * @param c a character
   * @return 0 to 15, or -1 when {@code c} is not {@code 0-9}, {@code a-f} or {@code A-F}
   */
  public static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
