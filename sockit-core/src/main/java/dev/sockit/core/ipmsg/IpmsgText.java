package dev.sockit.core.ipmsg;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The text of IPMsg packets, which carry no reliable charset label: {@link IpmsgCommand#UTF8OPT}
 * says UTF-8, and otherwise the sender's code page was used (GBK or GB18030 in China, CP932 in
 * Japan). iptux even announces {@code utf-8} in its entry while sending GBK when set to GBK, and
 * writes the names of its shared folders in UTF-8 whatever it is set to.
 *
 * <p>{@link #decode} therefore reads, as iptux does: UTF-8 when the packet says so or when the
 * bytes are valid UTF-8 (text in a Chinese or Japanese code page almost never is, while UTF-8 text
 * is often valid GB18030 by accident); otherwise the code page this peer was seen to use, when the
 * bytes are valid in it; otherwise the legacy code page, with replacement characters for what does
 * not fit. Pure ASCII reads the same in all of them and teaches nothing about the peer.
 */
public final class IpmsgText {
  /** GB18030, a superset of GBK: the default legacy code page. */
  public static final Charset GB18030 = Charset.forName("GB18030");

  /** Windows-31J (CP932), the Japanese IPMsg's code page. */
  public static final Charset CP932 = Charset.forName("windows-31j");

  private IpmsgText() {}

  /**
   * Text and the charset it was read with.
   *
   * @param text the text (trailing NUL bytes not included)
   * @param charset the charset that read it, or {@code null} when it was pure ASCII
   */
  public record Decoded(String text, Charset charset) {
    /** Requires the text. */
    public Decoded {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * Decodes {@code bytes[from, to)}.
   *
   * @param bytes the bytes
   * @param from first index
   * @param to end index (exclusive)
   * @param utf8 whether the packet had {@link IpmsgCommand#UTF8OPT}
   * @param hint the charset this peer was seen to use, or {@code null}
   * @param legacy the code page to fall back to
   * @return the text and the charset used
   */
  public static Decoded decode(
      byte[] bytes, int from, int to, boolean utf8, Charset hint, Charset legacy) {
    Objects.checkFromToIndex(from, to, bytes.length);
    Objects.requireNonNull(legacy, "legacy");
    if (isAscii(bytes, from, to)) {
      return new Decoded(new String(bytes, from, to - from, StandardCharsets.US_ASCII), null);
    }
    if (utf8) {
      return new Decoded(
          new String(bytes, from, to - from, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
    for (Charset c : new Charset[] {StandardCharsets.UTF_8, hint}) {
      String s = c == null ? null : strict(bytes, from, to, c);
      if (s != null) {
        return new Decoded(s, c);
      }
    }
    return new Decoded(new String(bytes, from, to - from, legacy), legacy);
  }

  /**
   * Decodes all of {@code bytes}.
   *
   * @param bytes the bytes
   * @param utf8 whether the packet had {@link IpmsgCommand#UTF8OPT}
   * @param hint the charset this peer was seen to use, or {@code null}
   * @param legacy the code page to fall back to
   * @return the text and the charset used
   */
  public static Decoded decode(byte[] bytes, boolean utf8, Charset hint, Charset legacy) {
    return decode(bytes, 0, bytes.length, utf8, hint, legacy);
  }

  /** The text if {@code bytes[from, to)} is valid in {@code charset}, else {@code null}. */
  static String strict(byte[] bytes, int from, int to, Charset charset) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, to - from))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * Whether the bytes are all 7-bit ASCII.
   *
   * @param bytes the bytes
   * @param from first index
   * @param to end index (exclusive)
   * @return whether no byte has its high bit set
   */
  public static boolean isAscii(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Encodes {@code text}; characters the charset cannot write become {@code ?}.
   *
   * @param text the text
   * @param charset the charset
   * @return the bytes
   */
  public static byte[] encode(String text, Charset charset) {
    return text.getBytes(charset);
  }

  /**
   * Whether {@code charset} can write every character of {@code text}.
   *
   * @param text the text
   * @param charset the charset
   * @return whether nothing would be replaced
   */
  public static boolean canEncode(String text, Charset charset) {
    CharsetEncoder encoder = charset.newEncoder();
    try {
      encoder
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(text));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /**
   * Text from a stranger made safe to print on a terminal or in a log: control characters (which
   * could move the cursor, clear the screen or change a terminal's title) are written as {@code
   * \xNN} or {@code \\u{NNNN}}; line feeds and tabs stay.
   *
   * @param text the text
   * @return the printable text
   */
  public static String printable(String text) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control =
          (c < 0x20 && c != '\n' && c != '\t')
              || c == 0x7F
              || (c >= 0x80 && c < 0xA0)
              || c == '\u2028'
              || c == '\u2029'
              || (c >= '\u202A' && c <= '\u202E')
              || (c >= '\u2066' && c <= '\u2069');
      if (control && sb == null) {
        sb = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (sb != null) {
        if (!control) {
          sb.append(c);
        } else if (c < 0x100) {
          sb.append(String.format("\\x%02x", (int) c));
        } else {
          sb.append(String.format("\\u{%04x}", (int) c));
        }
      }
    }
    return sb == null ? text : sb.toString();
  }

  /**
   * A charset by name, accepting the names users type: {@code gbk}, {@code GB18030}, {@code utf-8},
   * {@code cp932}, {@code shift_jis}...
   *
   * @param name the name
   * @return the charset
   * @throws IllegalArgumentException naming the charset when the JDK does not know it
   */
  public static Charset charset(String name) {
    Objects.requireNonNull(name, "name");
    String n = name.strip();
    if (n.equalsIgnoreCase("cp932") || n.equalsIgnoreCase("sjis")) {
      return CP932;
    }
    try {
      return Charset.forName(n);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown encoding '" + name + "'; use GBK, GB18030, UTF-8 or CP932", e);
    }
  }
}
