package dev.sockit.core.ipmsg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Packets written the way Python prints bytes ({@code \xNN}, {@code \0}, {@code \a}), so that
 * captures paste in unchanged; and packets built from text in a given charset.
 */
final class Golden {
  private Golden() {}

  /** The bytes of a Python-style literal: {@code \xNN}, {@code \0}, {@code \a}, {@code \n}. */
  static byte[] bytes(String literal) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (c != '\\') {
        if (c > 0x7F) {
          throw new IllegalArgumentException("write non-ASCII as \\xNN: " + c);
        }
        out.write(c);
        continue;
      }
      char e = literal.charAt(++i);
      switch (e) {
        case 'x' -> {
          out.write(Integer.parseInt(literal.substring(i + 1, i + 3), 16));
          i += 2;
        }
        case '0' -> out.write(0);
        case 'a' -> out.write(7);
        case 'n' -> out.write('\n');
        case '\\' -> out.write('\\');
        default -> throw new IllegalArgumentException("unknown escape \\" + e);
      }
    }
    return out.toByteArray();
  }

  /** {@code header} (ASCII) followed by {@code text} encoded in {@code charset}. */
  static byte[] packet(String header, String text, Charset charset) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(text.getBytes(charset));
    return out.toByteArray();
  }
}
