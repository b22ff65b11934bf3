package dev.sockit.core.codec;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HexDumpTest {

  @Test
  void aFullLineHasMarkerOffsetSixteenBytesInTwoGroupsAndThePrintableColumn() {
    byte[] data = "0123456789abcdef".getBytes(US_ASCII);
    assertThat(HexDump.format('<', 0, data, data.length))
        .isEqualTo(
            "< 00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|\n");
  }

  @Test
  void aShortLineIsPaddedSoThePrintableColumnLinesUp() {
    byte[] data = "Hello\r\n".getBytes(US_ASCII);
    String dump = HexDump.format('>', 0x10, data, data.length);
    assertThat(dump).isEqualTo("> 00000010  48 65 6c 6c 6f 0d 0a" + " ".repeat(30) + "|Hello..|\n");
    String full = HexDump.format('>', 0, new byte[16], 16);
    assertThat(dump.indexOf('|')).isEqualTo(full.indexOf('|'));
  }

  @Test
  void longerDataWrapsEverySixteenBytesWithRunningOffsets() {
    byte[] data = new byte[40];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) ('A' + i % 26);
    }
    String[] lines = HexDump.format('>', 0x1ff0, data, data.length).split("\n", -1);
    assertThat(lines).hasSize(4); // three lines and the empty text after the last \n
    assertThat(lines[0]).startsWith("> 00001ff0  41 42 ").endsWith("|ABCDEFGHIJKLMNOP|");
    assertThat(lines[1]).startsWith("> 00002000  51 52 ").endsWith("|QRSTUVWXYZABCDEF|");
    assertThat(lines[2]).startsWith("> 00002010  47 48 ").endsWith("|GHIJKLMN|");
    assertThat(lines[3]).isEmpty();
  }

  @Test
  void onlyPrintableAsciiShowsInTheTextColumn() {
    byte[] data = {0x00, 0x1f, 0x20, 0x7e, 0x7f, (byte) 0x80, (byte) 0xff};
    assertThat(HexDump.format('<', 0, data, data.length))
        .contains("00 1f 20 7e 7f 80 ff")
        .endsWith("|.. ~...|\n");
  }

  @Test
  void formatsOnlyTheFirstLengthBytes() {
    byte[] data = "abcdef".getBytes(US_ASCII);
    assertThat(HexDump.format('>', 0, data, 3)).endsWith("|abc|\n").doesNotContain("64");
    assertThat(HexDump.format('>', 0, data, 0)).isEmpty();
  }

  @Test
  void parsesTheUsualSpellings() {
    byte[] he = {0x48, 0x65};
    assertThat(HexDump.parse("48 65")).isEqualTo(he);
    assertThat(HexDump.parse("4865")).isEqualTo(he);
    assertThat(HexDump.parse("0x48,0x65")).isEqualTo(he);
    assertThat(HexDump.parse("0X48, 0X65")).isEqualTo(he);
    assertThat(HexDump.parse("48:65")).isEqualTo(he);
    assertThat(HexDump.parse("48-65")).isEqualTo(he);
    assertThat(HexDump.parse("48\t65\r\n")).isEqualTo(he);
    assertThat(HexDump.parse("fF 0a")).isEqualTo(new byte[] {(byte) 0xff, 0x0a});
    assertThat(HexDump.parse("")).isEmpty();
    assertThat(HexDump.parse("  ")).isEmpty();
  }

  @Test
  void aSingleDigitAfterAPrefixIsOneByte() {
    // As in a C array: 0x1, 0x2, 0xff is three bytes, not 0x12 0xff.
    assertThat(HexDump.parse("0x1, 0x2, 0xff")).isEqualTo(new byte[] {1, 2, (byte) 0xff});
    assertThat(HexDump.parse("0xA")).isEqualTo(new byte[] {10});
  }

  @Test
  void aPrefixInsideAGroupIsNotAPrefix() {
    assertThatThrownBy(() -> HexDump.parse("100x20"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'x' in hex text");
  }

  @Test
  void rejectsAnOddNumberOfDigits() {
    assertThatThrownBy(() -> HexDump.parse("48 6"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hex text '48 6' has an odd number of digits");
  }

  @Test
  void rejectsANonHexCharacterAndNamesIt() {
    assertThatThrownBy(() -> HexDump.parse("48 6g"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'g' in hex text '48 6g' is not a hex digit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\uff14\uff18", "\u0664\u0668", "\uff21\uff21"})
  void rejectsDigitsOutsideAscii(String text) {
    // Character.digit accepts full-width and Arabic-Indic digits; hex text must be ASCII.
    assertThatThrownBy(() -> HexDump.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
