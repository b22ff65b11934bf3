package dev.sockit.core.codec;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

class EscapesTest {

  @Test
  void decodesEachEscape() {
    assertThat(Escapes.decode("AT\\r\\n", US_ASCII)).isEqualTo("AT\r\n".getBytes(US_ASCII));
    assertThat(Escapes.decode("a\\tb", US_ASCII)).isEqualTo(new byte[] {'a', '\t', 'b'});
    assertThat(Escapes.decode("\\0", US_ASCII)).isEqualTo(new byte[] {0});
    assertThat(Escapes.decode("C:\\\\dir", US_ASCII)).isEqualTo("C:\\dir".getBytes(US_ASCII));
    assertThat(Escapes.decode("\\x02DATA\\x03", US_ASCII))
        .isEqualTo(new byte[] {2, 'D', 'A', 'T', 'A', 3});
    assertThat(Escapes.decode("\\xff\\xFF\\x00", US_ASCII))
        .isEqualTo(new byte[] {(byte) 0xff, (byte) 0xff, 0});
    assertThat(Escapes.decode("", US_ASCII)).isEmpty();
  }

  @Test
  void encodesPlainTextWithTheCharset() {
    assertThat(Escapes.decode("网络\\n", UTF_8)).hasSize(7);
    assertThat(Escapes.decode("网络\\n", Charset.forName("GBK")))
        .isEqualTo(new byte[] {(byte) 0xcd, (byte) 0xf8, (byte) 0xc2, (byte) 0xe7, '\n'});
  }

  @Test
  void aLoneTrailingBackslashIsAnError() {
    assertThatThrownBy(() -> Escapes.decode("abc\\", US_ASCII))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lone backslash");
  }

  @Test
  void anUnknownEscapeIsNamedWithItsPosition() {
    assertThatThrownBy(() -> Escapes.decode("ab\\q", US_ASCII))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown escape \\q at position 2;");
  }

  @Test
  void hexEscapeNeedsTwoHexDigits() {
    assertThatThrownBy(() -> Escapes.decode("ab\\x4", US_ASCII))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("\\x at position 2 needs two hex digits");
    assertThatThrownBy(() -> Escapes.decode("\\xg1", US_ASCII))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Escapes.decode("\\x", US_ASCII))
        .isInstanceOf(IllegalArgumentException.class);
    // Full-width digits are not hex digits, even though Character.digit says so.
    assertThatThrownBy(() -> Escapes.decode("\\x\uff14\uff11", US_ASCII))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toCrlfAddsCrBeforeBareLf() {
    assertThat(Escapes.toCrlf(bytes("a\nb\n"), 4, -1)).isEqualTo(bytes("a\r\nb\r\n"));
    assertThat(Escapes.toCrlf(bytes("\n\n"), 2, -1)).isEqualTo(bytes("\r\n\r\n"));
    assertThat(Escapes.toCrlf(bytes("\n"), 1, 'x')).isEqualTo(bytes("\r\n"));
  }

  @Test
  void toCrlfKeepsExistingCrlf() {
    byte[] data = bytes("a\r\nb\r\r\n");
    assertThat(Escapes.toCrlf(data, data.length, -1)).isSameAs(data);
  }

  @Test
  void toCrlfRemembersACrAtTheEndOfThePreviousChunk() {
    byte[] first = bytes("line\r");
    byte[] second = bytes("\nnext\n");
    assertThat(Escapes.toCrlf(first, first.length, -1)).isEqualTo(bytes("line\r"));
    assertThat(Escapes.toCrlf(second, second.length, first[first.length - 1]))
        .isEqualTo(bytes("\nnext\r\n"));
  }

  @Test
  void toCrlfLooksOnlyAtTheFirstLengthBytes() {
    assertThat(Escapes.toCrlf(bytes("ab\ncd\n"), 3, -1)).isEqualTo(bytes("ab\r\n"));
    assertThat(Escapes.toCrlf(bytes("abc\n"), 3, -1)).isEqualTo(bytes("abc"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(US_ASCII);
  }
}
