/**
 * Byte codecs every view shares: {@link dev.sockit.core.codec.HexDump} (dump with direction
 * markers, hex parsing) and {@link dev.sockit.core.codec.Escapes} ({@code \r\n}, {@code \xNN}, CRLF
 * conversion) and {@link dev.sockit.core.codec.Checksums} (sum8, XOR, CRC-16/MODBUS, CRC-32).
 *
 * <pre>{@code
 * byte[] frame = Escapes.decode("\\x02PING\\x03\\r\\n", StandardCharsets.US_ASCII);
 * System.out.print(HexDump.format('>', 0, frame, frame.length));
 * }</pre>
 */
package dev.sockit.core.codec;
