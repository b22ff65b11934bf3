package dev.sockit.web;

import dev.sockit.core.codec.Checksums;
import dev.sockit.core.codec.Escapes;
import dev.sockit.core.codec.HexDump;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the send box produces: text, hex or text with escapes, encoded; then the line ending; then
 * the checksum, computed over everything before it (documented in docs/ui.md).
 *
 * @param mode {@code text}, {@code hex}, {@code escapes}, or {@code base64} (a file the page read)
 * @param encoding charset for text
 * @param ending {@code none}, {@code cr}, {@code lf} or {@code crlf}
 * @param checksum {@code none} or a {@link Checksums.Kind} name
 */
record Payload(String mode, Charset encoding, String ending, String checksum) {

  /** The largest frame the page may send in one message. */
  static final int MAX_BYTES = 1 << 20;

  Payload {
    if (!mode.equals("text")
        && !mode.equals("hex")
        && !mode.equals("escapes")
        && !mode.equals("base64")) {
      throw new IllegalArgumentException(
          "send mode must be text, hex or escapes, got '" + mode + "'");
    }
    if (!Arrays.asList("none", "cr", "lf", "crlf").contains(ending)) {
      throw new IllegalArgumentException(
          "line ending must be none, cr, lf or crlf, got '" + ending + "'");
    }
    if (!checksum.equals("none")) {
      Checksums.Kind.named(checksum);
    }
  }

  /** Reads the payload settings of a page message ({@code mode}, {@code encoding}, ...). */
  static Payload of(Message m) {
    return new Payload(
        m.text("mode", "text").toLowerCase(Locale.ROOT),
        charset(m.text("encoding", "UTF-8")),
        m.text("ending", "none").toLowerCase(Locale.ROOT),
        m.text("checksum", "none"));
  }

  /**
   * The charset named {@code name}.
   *
   * @throws IllegalArgumentException naming it when the JVM does not know it
   */
  static Charset charset(String name) {
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new IllegalArgumentException(
          "unknown encoding '" + name + "'; try UTF-8, GBK, US-ASCII or ISO-8859-1");
    }
  }

  /**
   * The bytes for {@code data}.
   *
   * @throws IllegalArgumentException when the hex or an escape is malformed, or the frame is too
   *     big
   */
  byte[] encode(String data) {
    byte[] body =
        switch (mode) {
          case "hex" -> hex(data);
          case "escapes" -> Escapes.decode(data, encoding);
          case "base64" -> base64(data);
          default -> data.getBytes(encoding);
        };
    byte[] end =
        switch (ending) {
          case "cr" -> new byte[] {'\r'};
          case "lf" -> new byte[] {'\n'};
          case "crlf" -> new byte[] {'\r', '\n'};
          default -> new byte[0];
        };
    byte[] out = Arrays.copyOf(body, body.length + end.length);
    System.arraycopy(end, 0, out, body.length, end.length);
    if (!checksum.equals("none")) {
      out = Checksums.Kind.named(checksum).append(out);
    }
    if (out.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "a frame may be at most " + MAX_BYTES + " bytes, this one is " + out.length);
    }
    return out;
  }

  private static byte[] base64(String data) {
    try {
      return java.util.Base64.getDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("file data is not valid base64: " + e.getMessage());
    }
  }

  /**
   * Hex digits; spaces, commas, colons and {@code 0x} prefixes are ignored (see {@link
   * HexDump#parse}).
   */
  static byte[] hex(String data) {
    return HexDump.parse(data);
  }
}
