package dev.sockit.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChecksumsTest {
  private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

  @Test
  void catalogueCheckValues() {
    // Check values from the CRC catalogue (reveng) and simple arithmetic for sum and XOR.
    assertThat(Checksums.sum8(CHECK)).isEqualTo(0xDD);
    assertThat(Checksums.xor8(CHECK)).isEqualTo(0x31);
    assertThat(Checksums.crc16Modbus(CHECK)).isEqualTo(0x4B37);
    assertThat(Checksums.crc32(CHECK)).isEqualTo(0xCBF43926L);
  }

  @Test
  void emptyInput() {
    assertThat(Checksums.sum8(new byte[0])).isZero();
    assertThat(Checksums.xor8(new byte[0])).isZero();
    assertThat(Checksums.crc16Modbus(new byte[0])).isEqualTo(0xFFFF);
    assertThat(Checksums.crc32(new byte[0])).isZero();
  }

  @Test
  void modbusReadHoldingRegisterFrame() {
    // A well-known Modbus RTU request: 01 03 00 00 00 01 -> CRC 84 0A (low byte first).
    byte[] frame = Checksums.Kind.CRC16_MODBUS.append(HexDump.parse("01 03 00 00 00 01"));
    assertThat(frame).containsExactly(0x01, 0x03, 0x00, 0x00, 0x00, 0x01, 0x84, 0x0A);
  }

  @Test
  void appendOrder() {
    assertThat(Checksums.Kind.SUM8.append(new byte[] {(byte) 0xff, 2})).containsExactly(0xff, 2, 1);
    assertThat(Checksums.Kind.XOR8.append(new byte[] {0x0f, (byte) 0xf0}))
        .containsExactly(0x0f, 0xf0, 0xff);
    assertThat(Checksums.Kind.CRC32.append(CHECK))
        .endsWith(new byte[] {(byte) 0xCB, (byte) 0xF4, 0x39, 0x26});
    assertThat(Checksums.Kind.CRC32.append(CHECK)).hasSize(13);
  }

  @Test
  void names() {
    assertThat(Checksums.Kind.named("CRC-16/MODBUS")).isEqualTo(Checksums.Kind.CRC16_MODBUS);
    assertThat(Checksums.Kind.named("xor")).isEqualTo(Checksums.Kind.XOR8);
    assertThat(Checksums.Kind.named("crc32")).isEqualTo(Checksums.Kind.CRC32);
    assertThat(Checksums.Kind.named("Sum8")).isEqualTo(Checksums.Kind.SUM8);
    assertThatThrownBy(() -> Checksums.Kind.named("md5")).hasMessageContaining("crc16-modbus");
  }
}
