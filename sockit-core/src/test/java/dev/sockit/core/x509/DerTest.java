package dev.sockit.core.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DerTest {
  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void encodesObjectIdentifiersAsX690Says() {
    assertThat(hex(Der.oid("1.2.840.10045.2.1"))).isEqualTo("06072a8648ce3d0201");
    assertThat(hex(Der.oid("2.5.29.17"))).isEqualTo("0603551d11");
    assertThat(Der.oidText(HexFormat.of().parseHex("2a8648ce3d0201")))
        .isEqualTo("1.2.840.10045.2.1");
    assertThat(Der.oidText(HexFormat.of().parseHex("551d11"))).isEqualTo("2.5.29.17");
  }

  @Test
  void encodesLengthsShortAndLong() {
    assertThat(hex(Der.octetString(new byte[3]))).isEqualTo("0403000000");
    assertThat(hex(Der.octetString(new byte[200])).substring(0, 6)).isEqualTo("0481c8");
    assertThat(hex(Der.octetString(new byte[300])).substring(0, 8)).isEqualTo("0482012c");
  }

  @Test
  void encodesIntegersTimesAndBooleans() {
    assertThat(hex(Der.integer(BigInteger.valueOf(128)))).isEqualTo("02020080");
    assertThat(hex(Der.integer(2))).isEqualTo("020102");
    assertThat(hex(Der.bool(true))).isEqualTo("0101ff");
    assertThat(
            new String(
                Der.time(Instant.parse("2026-01-02T03:04:05Z")),
                2,
                13,
                java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("260102030405Z");
    assertThat(Der.time(Instant.parse("2051-01-02T03:04:05Z"))[0]).isEqualTo((byte) 0x18);
  }

  @Test
  void readsWhatItWroteAndRefusesTruncatedInput() {
    byte[] seq = Der.sequence(Der.integer(5), Der.octetString(new byte[] {9}));
    Der.Reader r = new Der.Reader(seq).enter(Der.SEQUENCE);
    assertThat(r.read(Der.INTEGER)).containsExactly(5);
    assertThat(r.read(Der.OCTET_STRING)).containsExactly(9);
    assertThat(r.hasMore()).isFalse();
    assertThatThrownBy(() -> new Der.Reader(new byte[] {0x30, 0x05, 0x02}).enter(Der.SEQUENCE))
        .hasMessage("malformed DER: truncated");
    assertThatThrownBy(() -> new Der.Reader(Der.integer(1)).read(Der.SEQUENCE))
        .hasMessageContaining("tag 0x2 where 0x30 was expected");
  }
}
