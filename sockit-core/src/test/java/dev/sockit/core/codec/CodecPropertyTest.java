package dev.sockit.core.codec;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Invariants of the codecs, over generated input. */
class CodecPropertyTest {

  @Property
  void parsingTheHexColumnsOfADumpGivesTheBytesBack(@ForAll @Size(max = 200) byte[] data) {
    String dump = HexDump.format('>', 0, data, data.length);
    StringBuilder hex = new StringBuilder();
    for (String line : dump.split("\n")) {
      if (!line.isEmpty()) {
        hex.append(line, 12, line.indexOf(" |")).append(' ');
      }
    }
    assertThat(HexDump.parse(hex.toString())).isEqualTo(data);
  }

  @Property
  void everyDumpLineHasTheSameLayout(
      @ForAll @Size(max = 100) byte[] data, @ForAll @IntRange(max = 1 << 30) int offset) {
    String dump = HexDump.format('<', offset, data, data.length);
    String[] lines = dump.isEmpty() ? new String[0] : dump.split("\n");
    assertThat(lines).hasSize((data.length + 15) / 16);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int n = Math.min(16, data.length - 16 * i);
      assertThat(line).startsWith("< " + String.format("%08x", offset + 16 * i) + "  ");
      assertThat(line.indexOf('|')).isEqualTo(2 + 8 + 2 + 16 * 3 + 1 + 1);
      assertThat(line).hasSize(64 + n);
    }
  }

  @Property
  void parseAcceptsAnyCaseAndSeparator(
      @ForAll @Size(max = 64) byte[] data,
      @ForAll("separators") String separator,
      @ForAll boolean upper) {
    String[] pairs = new String[data.length];
    for (int i = 0; i < data.length; i++) {
      String pair = HexFormat.of().toHexDigits(data[i]);
      pairs[i] = upper ? pair.toUpperCase() : pair;
    }
    assertThat(HexDump.parse(String.join(separator, pairs))).isEqualTo(data);
  }

  @Provide
  Arbitrary<String> separators() {
    return Arbitraries.of("", " ", ",", ", ", ":", "-", "\n", " 0x").map(s -> s);
  }

  @Property
  void everyByteSurvivesAHexEscape(@ForAll @Size(max = 100) byte[] data) {
    StringBuilder text = new StringBuilder();
    for (byte b : data) {
      text.append("\\x").append(HexFormat.of().toHexDigits(b));
    }
    assertThat(Escapes.decode(text.toString(), US_ASCII)).isEqualTo(data);
  }

  @Property
  void textWithoutBackslashIsJustEncoded(
      @ForAll @StringLength(max = 50) @CharRange(from = ' ', to = '[') String text) {
    assertThat(Escapes.decode(text, US_ASCII)).isEqualTo(text.getBytes(US_ASCII));
  }

  @Property
  void toCrlfLeavesNoBareLfAndRemovesNothing(@ForAll("crlfText") byte[] data) {
    byte[] out = Escapes.toCrlf(data, data.length, -1);
    for (int i = 0; i < out.length; i++) {
      if (out[i] == '\n') {
        assertThat(i).isPositive();
        assertThat(out[i - 1]).isEqualTo((byte) '\r');
      }
    }
    assertThat(without(out, (byte) '\r')).isEqualTo(without(data, (byte) '\r'));
    assertThat(Escapes.toCrlf(out, out.length, -1)).isEqualTo(out);
  }

  @Property
  void toCrlfInChunksEqualsToCrlfInOnePiece(
      @ForAll("crlfText") byte[] data, @ForAll @IntRange(min = 1, max = 7) int chunk) {
    ByteArrayOutputStream pieces = new ByteArrayOutputStream();
    int previous = -1;
    for (int from = 0; from < data.length; from += chunk) {
      byte[] part = Arrays.copyOfRange(data, from, Math.min(data.length, from + chunk));
      pieces.writeBytes(Escapes.toCrlf(part, part.length, previous));
      previous = part[part.length - 1];
    }
    assertThat(pieces.toByteArray()).isEqualTo(Escapes.toCrlf(data, data.length, -1));
  }

  @Provide
  Arbitrary<byte[]> crlfText() {
    return Arbitraries.of((byte) '\r', (byte) '\n', (byte) 'a', (byte) 0)
        .array(byte[].class)
        .ofMaxSize(40);
  }

  private static byte[] without(byte[] data, byte drop) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : data) {
      if (b != drop) {
        out.write(b);
      }
    }
    return out.toByteArray();
  }
}
