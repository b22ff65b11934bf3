package dev.sockit.core.codec;

import java.util.Locale;
import java.util.Objects;

/**
 * The checksums debugging assistants append to a frame: 8-bit sum, XOR, CRC-16/MODBUS and CRC-32.
 *
 * <p>{@link Kind#append(byte[])} adds the checksum the way devices expect it: one byte for the sum
 * and XOR, CRC-16/MODBUS low byte first (Modbus RTU order), CRC-32 high byte first (network order).
 *
 * <pre>{@code
 * byte[] frame = Checksums.Kind.CRC16_MODBUS.append(HexDump.parse("01 03 00 00 00 01"));
 * // 01 03 00 00 00 01 84 0a
 * }</pre>
 */
public final class Checksums {
  private Checksums() {}

  /** The checksums sockit can append. */
  public enum Kind {
    /** Sum of the bytes modulo 256; one byte. */
    SUM8(1),
    /** XOR of the bytes; one byte. */
    XOR8(1),
    /** CRC-16/MODBUS (poly 0x8005 reflected, init 0xFFFF); two bytes, low byte first. */
    CRC16_MODBUS(2),
    /** CRC-32 (ISO-HDLC, as zip and Ethernet); four bytes, high byte first. */
    CRC32(4);

    private final int width;

    Kind(int width) {
      this.width = width;
    }

    /** How many bytes {@link #append(byte[])} adds. */
    public int width() {
      return width;
    }

    /**
     * The checksum of {@code data}.
     *
     * @param data the bytes
     * @return the value, unsigned, in the low {@link #width()} bytes
     * @throws NullPointerException if {@code data} is null
     */
    public long of(byte[] data) {
      Objects.requireNonNull(data, "data");
      return switch (this) {
        case SUM8 -> sum8(data);
        case XOR8 -> xor8(data);
        case CRC16_MODBUS -> crc16Modbus(data);
        case CRC32 -> crc32(data);
      };
    }

    /**
     * {@code data} followed by its checksum bytes.
     *
     * @param data the bytes
     * @return a new array
     * @throws NullPointerException if {@code data} is null
     */
    public byte[] append(byte[] data) {
      long value = of(data);
      byte[] out = java.util.Arrays.copyOf(data, data.length + width);
      int at = data.length;
      switch (this) {
        case SUM8, XOR8 -> out[at] = (byte) value;
        case CRC16_MODBUS -> {
          out[at] = (byte) value;
          out[at + 1] = (byte) (value >>> 8);
        }
        case CRC32 -> {
          for (int i = 0; i < 4; i++) {
            out[at + i] = (byte) (value >>> (24 - 8 * i));
          }
        }
      }
      return out;
    }

    /**
     * The kind named {@code name}: {@code sum8}, {@code xor}, {@code crc16-modbus}, {@code crc32}
     * (case and {@code -}/{@code _} ignored).
     *
     * @param name the name
     * @return the kind
     * @throws IllegalArgumentException naming the choices when {@code name} is unknown
     */
    public static Kind named(String name) {
      String n =
          Objects.requireNonNull(name, "name")
              .toLowerCase(Locale.ROOT)
              .replace("_", "")
              .replace("-", "")
              .replace("/", "");
      return switch (n) {
        case "sum", "sum8" -> SUM8;
        case "xor", "xor8" -> XOR8;
        case "crc16", "crc16modbus", "modbus" -> CRC16_MODBUS;
        case "crc32" -> CRC32;
        default ->
            throw new IllegalArgumentException(
                "unknown checksum '" + name + "'; use sum8, xor, crc16-modbus or crc32");
      };
    }
  }

  /**
   * Sum of the bytes modulo 256.
   *
   * @param data the bytes
   * @return 0-255
   */
  public static int sum8(byte[] data) {
    int sum = 0;
    for (byte b : data) {
      sum += b & 0xff;
    }
    return sum & 0xff;
  }

  /**
   * XOR of the bytes.
   *
   * @param data the bytes
   * @return 0-255
   */
  public static int xor8(byte[] data) {
    int x = 0;
    for (byte b : data) {
      x ^= b & 0xff;
    }
    return x;
  }

  /**
   * CRC-16/MODBUS; the check value of {@code "123456789"} is {@code 0x4B37}.
   *
   * @param data the bytes
   * @return 0-0xFFFF
   */
  public static int crc16Modbus(byte[] data) {
    int crc = 0xFFFF;
    for (byte b : data) {
      crc ^= b & 0xff;
      for (int i = 0; i < 8; i++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
    }
    return crc;
  }

  /**
   * CRC-32 (ISO-HDLC); the check value of {@code "123456789"} is {@code 0xCBF43926}.
   *
   * @param data the bytes
   * @return 0-0xFFFFFFFF
   */
  public static long crc32(byte[] data) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(data);
    return crc.getValue();
  }
}
