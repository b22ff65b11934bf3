package dev.sockit.core.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Objects;

/**
 * Text with escapes, as debugging assistants accept it: {@code \r \n \t \0 \\ \xNN}. Everything
 * else is encoded with the given charset.
 */
public final class Escapes {
  private Escapes() {}

  /**
   * Encodes {@code text} to bytes, turning escapes into the bytes they name.
   *
   * @param text the text, e.g. {@code "AT\r\n"} or {@code "\x02DATA\x03"}
   * @param charset how to encode the ordinary characters (UTF-8, GBK, ...)
   * @return the bytes
   * @throws IllegalArgumentException naming a malformed escape
   */
  public static byte[] decode(String text, Charset charset) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(charset, "charset");
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
    StringBuilder plain = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        plain.append(c);
        continue;
      }
      if (i + 1 >= text.length()) {
        throw new IllegalArgumentException(
            "text ends with a lone backslash; write \\\\ for a backslash");
      }
      flush(plain, charset, out);
      char e = text.charAt(++i);
      switch (e) {
        case 'r' -> out.write('\r');
        case 'n' -> out.write('\n');
        case 't' -> out.write('\t');
        case '0' -> out.write(0);
        case '\\' -> out.write('\\');
        case 'x' -> {
          int hi = i + 1 < text.length() ? HexDump.hexDigit(text.charAt(i + 1)) : -1;
          int lo = i + 2 < text.length() ? HexDump.hexDigit(text.charAt(i + 2)) : -1;
          if (hi < 0 || lo < 0) {
            throw new IllegalArgumentException(
                "\\x at position " + (i - 1) + " needs two hex digits, e.g. \\x0d");
          }
          out.write(hi * 16 + lo);
          i += 2;
        }
        default ->
            throw new IllegalArgumentException(
                "unknown escape \\"
                    + e
                    + " at position "
                    + (i - 1)
                    + "; use \\r \\n \\t \\0 \\\\ or \\xNN");
      }
    }
    flush(plain, charset, out);
    return out.toByteArray();
  }

  private static void flush(StringBuilder plain, Charset charset, ByteArrayOutputStream out) {
    if (plain.length() > 0) {
      out.writeBytes(plain.toString().getBytes(charset));
      plain.setLength(0);
    }
  }

  /**
   * Turns each LF not already preceded by CR into CRLF ({@code -C}); {@code previous} is the last
   * byte of the previous chunk, so a CR at the end of one chunk is remembered.
   *
   * @param data the bytes
   * @param length how many of them
   * @param previous the byte before {@code data[0]}, or -1
   * @return the converted bytes (possibly {@code data} itself, when nothing changed)
   */
  public static byte[] toCrlf(byte[] data, int length, int previous) {
    int extra = 0;
    for (int i = 0; i < length; i++) {
      if (data[i] == '\n' && (i == 0 ? previous : data[i - 1]) != '\r') {
        extra++;
      }
    }
    if (extra == 0) {
      return length == data.length ? data : java.util.Arrays.copyOf(data, length);
    }
    byte[] out = new byte[length + extra];
    int j = 0;
    for (int i = 0; i < length; i++) {
      if (data[i] == '\n' && (i == 0 ? previous : data[i - 1]) != '\r') {
        out[j++] = '\r';
      }
      out[j++] = data[i];
    }
    return out;
  }
}
