package dev.sockit.core.x509;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The few DER (ASN.1 Distinguished Encoding Rules) encodings an X.509 certificate and a PKCS#8 key
 * need: enough to write a self-signed certificate and to re-wrap a PKCS#1 or SEC1 key, so that the
 * library needs no ASN.1 dependency. Each method returns one complete TLV (tag, length, value).
 */
final class Der {
  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int UTF8_STRING = 0x0c;
  static final int SEQUENCE = 0x30;
  static final int SET = 0x31;
  static final int UTC_TIME = 0x17;
  static final int GENERALIZED_TIME = 0x18;

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter GENERALIZED =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private Der() {}

  /** A TLV with {@code tag} around {@code value}. */
  static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
    out.write(tag);
    int n = value.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(n >>> (8 * i));
      }
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  /** The concatenation of encoded elements. */
  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... elements) {
    return tlv(SEQUENCE, concat(elements));
  }

  static byte[] set(byte[]... elements) {
    return tlv(SET, concat(elements));
  }

  static byte[] integer(BigInteger value) {
    return tlv(INTEGER, value.toByteArray()); // two's complement, minimal: what DER wants
  }

  static byte[] integer(long value) {
    return integer(BigInteger.valueOf(value));
  }

  static byte[] nullValue() {
    return new byte[] {NULL, 0};
  }

  static byte[] octetString(byte[] value) {
    return tlv(OCTET_STRING, value);
  }

  /** A BIT STRING of whole bytes (no unused bits). */
  static byte[] bitString(byte[] value) {
    byte[] v = new byte[value.length + 1];
    System.arraycopy(value, 0, v, 1, value.length);
    return tlv(BIT_STRING, v);
  }

  static byte[] utf8(String text) {
    return tlv(UTF8_STRING, text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] bool(boolean value) {
    return new byte[] {0x01, 1, (byte) (value ? 0xff : 0)};
  }

  /** An X.509 Time: UTCTime through 2049, GeneralizedTime after (RFC 5280, 4.1.2.5). */
  static byte[] time(Instant instant) {
    int year = instant.atZone(ZoneOffset.UTC).getYear();
    if (year >= 1950 && year < 2050) {
      return tlv(UTC_TIME, UTC.format(instant).getBytes(StandardCharsets.US_ASCII));
    }
    return tlv(GENERALIZED_TIME, GENERALIZED.format(instant).getBytes(StandardCharsets.US_ASCII));
  }

  /** An OBJECT IDENTIFIER from its dotted form, e.g. {@code 1.2.840.10045.2.1}. */
  static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      long arc = Long.parseLong(arcs[i]);
      int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
      for (int g = groups - 1; g >= 0; g--) {
        int b = (int) ((arc >>> (7 * g)) & 0x7f);
        out.write(g == 0 ? b : b | 0x80);
      }
    }
    return tlv(OID, out.toByteArray());
  }

  /** A context-specific, constructed tag {@code [n]} around an encoded element (EXPLICIT). */
  static byte[] explicit(int n, byte[] element) {
    return tlv(0xa0 | n, element);
  }

  /** A context-specific, primitive tag {@code [n]} replacing a primitive's own (IMPLICIT). */
  static byte[] implicitPrimitive(int n, byte[] value) {
    return tlv(0x80 | n, value);
  }

  /**
   * Reads DER: just enough to walk a SEC1 EC key for its curve. Each call reads one TLV from the
   * current position.
   */
  static final class Reader {
    private final byte[] data;
    private int position;
    private final int end;

    Reader(byte[] data) {
      this(data, 0, data.length);
    }

    private Reader(byte[] data, int start, int end) {
      this.data = data;
      this.position = start;
      this.end = end;
    }

    boolean hasMore() {
      return position < end;
    }

    /** The tag of the next element, without consuming it. */
    int peekTag() {
      need(1);
      return data[position] & 0xff;
    }

    /** Reads one element with the expected tag; returns its value bytes. */
    byte[] read(int tag) {
      int start = position;
      int actual = next();
      int length = length();
      need(length);
      if (actual != tag) {
        position = start;
        throw new IllegalArgumentException(
            "malformed DER: tag 0x"
                + Integer.toHexString(actual)
                + " where 0x"
                + Integer.toHexString(tag)
                + " was expected");
      }
      byte[] value = java.util.Arrays.copyOfRange(data, position, position + length);
      position += length;
      return value;
    }

    /**
     * Reads a constructed element (a SEQUENCE or an explicit tag) and returns a reader inside it.
     */
    Reader enter(int tag) {
      byte[] inner = read(tag);
      return new Reader(inner);
    }

    private int next() {
      need(1);
      return data[position++] & 0xff;
    }

    private int length() {
      int first = next();
      if (first < 0x80) {
        return first;
      }
      int bytes = first & 0x7f;
      if (bytes == 0 || bytes > 3) {
        throw new IllegalArgumentException("malformed DER: unsupported length form");
      }
      int n = 0;
      for (int i = 0; i < bytes; i++) {
        n = n << 8 | next();
      }
      return n;
    }

    private void need(int n) {
      if (n < 0 || position + n > end) {
        throw new IllegalArgumentException("malformed DER: truncated");
      }
    }
  }

  /** The dotted form of an encoded OBJECT IDENTIFIER's value bytes. */
  static String oidText(byte[] value) {
    StringBuilder s = new StringBuilder();
    long arc = 0;
    for (int i = 0; i < value.length; i++) {
      arc = arc << 7 | (value[i] & 0x7f);
      if ((value[i] & 0x80) == 0) {
        if (s.isEmpty()) {
          int first = (int) Math.min(2, arc / 40);
          s.append(first).append('.').append(arc - 40L * first);
        } else {
          s.append('.').append(arc);
        }
        arc = 0;
      }
    }
    return s.toString();
  }
}
