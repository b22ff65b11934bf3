package dev.sockit.core.tls;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Names what a flight of TLS records carries, for the trace: {@code ClientHello (SNI localhost;
 * ALPN h2; TLSv1.3, TLSv1.2)}, {@code ServerHello (TLSv1.3, TLS_AES_256_GCM_SHA384)}, {@code
 * ChangeCipherSpec}, {@code encrypted handshake ×2}. Reads only record headers and the plaintext
 * hello messages; every length is checked against what is there, so a hostile peer's bytes give a
 * vaguer name, never an exception.
 *
 * <p>One instance per direction: after a {@code ChangeCipherSpec}, handshake records are encrypted.
 */
final class RecordNames {
  private static final int CHANGE_CIPHER_SPEC = 20;
  private static final int ALERT = 21;
  private static final int HANDSHAKE = 22;
  private static final int APPLICATION_DATA = 23;
  private static final byte[] HELLO_RETRY_RANDOM = {
    (byte) 0xcf,
    0x21,
    (byte) 0xad,
    0x74,
    (byte) 0xe5,
    (byte) 0x9a,
    0x61,
    0x11,
    (byte) 0xbe,
    0x1d,
    (byte) 0x8c,
    0x02,
    0x1e,
    0x65,
    (byte) 0xb8,
    (byte) 0x91,
    (byte) 0xc2,
    (byte) 0xa2,
    0x11,
    0x16,
    0x7a,
    (byte) 0xbb,
    (byte) 0x8c,
    0x5e,
    0x07,
    (byte) 0x9e,
    0x09,
    (byte) 0xe2,
    (byte) 0xc8,
    (byte) 0xa8,
    0x33,
    (byte) 0x9c
  };
  private static final Map<Integer, String> SUITES =
      Map.ofEntries(
          Map.entry(0x1301, "TLS_AES_128_GCM_SHA256"),
          Map.entry(0x1302, "TLS_AES_256_GCM_SHA384"),
          Map.entry(0x1303, "TLS_CHACHA20_POLY1305_SHA256"),
          Map.entry(0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
          Map.entry(0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
          Map.entry(0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
          Map.entry(0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
          Map.entry(0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
          Map.entry(0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
          Map.entry(0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
          Map.entry(0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"));

  private boolean encrypted;
  private final List<String> names = new ArrayList<>();
  private long bytes;

  /** Whether anything was added since the last {@link #take()}. */
  boolean isEmpty() {
    return bytes == 0;
  }

  /**
   * The names collected and their byte count, e.g. {@code ServerHello, ChangeCipherSpec = 150
   * bytes}, then starts over.
   */
  String take() {
    StringBuilder s = new StringBuilder();
    int i = 0;
    while (i < names.size()) {
      int j = i;
      while (j < names.size() && names.get(j).equals(names.get(i))) {
        j++;
      }
      if (!s.isEmpty()) {
        s.append(", ");
      }
      s.append(names.get(i));
      if (j - i > 1) {
        s.append(" ×").append(j - i);
      }
      i = j;
    }
    s.append(" = ").append(bytes).append(bytes == 1 ? " byte" : " bytes");
    names.clear();
    bytes = 0;
    return s.toString();
  }

  /** Adds the complete records in {@code buffer} from {@code from} to {@code to} (absolute). */
  void add(ByteBuffer buffer, int from, int to) {
    bytes += to - from;
    int at = from;
    while (to - at >= 5) {
      int type = buffer.get(at) & 0xff;
      int length = u16(buffer, at + 3);
      int end = Math.min(to, at + 5 + length);
      names.addAll(describe(type, buffer, at + 5, end));
      at = at + 5 + length;
    }
  }

  private List<String> describe(int type, ByteBuffer b, int from, int to) {
    return switch (type) {
      case CHANGE_CIPHER_SPEC -> {
        encrypted = true;
        yield List.of("ChangeCipherSpec");
      }
      case ALERT -> List.of(encrypted || to - from < 2 ? "encrypted alert" : alert(b, from));
      case HANDSHAKE -> encrypted ? List.of("Finished (encrypted)") : handshake(b, from, to);
      case APPLICATION_DATA -> List.of("encrypted handshake");
      default -> List.of("record type " + type);
    };
  }

  private static String alert(ByteBuffer b, int at) {
    int level = b.get(at) & 0xff;
    return "Alert(" + (level == 2 ? "fatal " : "") + Alerts.name(b.get(at + 1) & 0xff) + ")";
  }

  private static List<String> handshake(ByteBuffer b, int from, int to) {
    List<String> out = new ArrayList<>();
    int at = from;
    while (to - at >= 4) {
      int type = b.get(at) & 0xff;
      int length = (b.get(at + 1) & 0xff) << 16 | u16(b, at + 2);
      int body = at + 4;
      boolean whole = body + length <= to;
      out.add(
          switch (type) {
            case 1 -> whole ? clientHello(b, body, body + length) : "ClientHello";
            case 2 -> whole ? serverHello(b, body, body + length) : "ServerHello";
            case 4 -> "NewSessionTicket";
            case 8 -> "EncryptedExtensions";
            case 11 -> "Certificate";
            case 12 -> "ServerKeyExchange";
            case 13 -> "CertificateRequest";
            case 14 -> "ServerHelloDone";
            case 15 -> "CertificateVerify";
            case 16 -> "ClientKeyExchange";
            case 20 -> "Finished";
            default -> "handshake message " + type;
          });
      at = body + length;
    }
    if (at < to && out.isEmpty()) {
      out.add("handshake (continued)");
    }
    return out;
  }

  /** {@code ClientHello (SNI x; ALPN a,b; TLSv1.3, TLSv1.2; 31 cipher suites)}. */
  private static String clientHello(ByteBuffer b, int at, int end) {
    try {
      at += 2 + 32; // legacy version, random
      at += 1 + u8(b, at, end); // session id
      int suites = u16(b, at, end) / 2;
      at += 2 + suites * 2;
      at += 1 + u8(b, at, end); // compression methods
      Hello h = extensions(b, at, end, true);
      List<String> parts = new ArrayList<>();
      parts.add(h.sni == null ? "no SNI" : "SNI " + h.sni);
      if (h.alpn != null) {
        parts.add("ALPN " + h.alpn);
      }
      if (h.versions != null) {
        parts.add(h.versions);
      }
      parts.add(suites + " cipher suites");
      return "ClientHello (" + String.join("; ", parts) + ")";
    } catch (IndexOutOfBoundsException e) {
      return "ClientHello";
    }
  }

  /** {@code ServerHello (TLSv1.3, TLS_AES_256_GCM_SHA384)} or {@code HelloRetryRequest}. */
  private static String serverHello(ByteBuffer b, int at, int end) {
    try {
      int legacy = u16(b, at, end);
      boolean retry = true;
      for (int i = 0; i < 32; i++) {
        retry &= b.get(at + 2 + i) == HELLO_RETRY_RANDOM[i];
      }
      at += 2 + 32;
      at += 1 + u8(b, at, end);
      int suite = u16(b, at, end);
      at += 2 + 1; // suite, compression
      Hello h = at < end ? extensions(b, at, end, false) : new Hello();
      String version = h.versions != null ? h.versions : versionName(legacy);
      String name = SUITES.getOrDefault(suite, String.format("cipher suite 0x%04x", suite));
      return (retry ? "HelloRetryRequest" : "ServerHello")
          + " ("
          + version
          + ", "
          + name
          + (h.alpn != null ? ", ALPN " + h.alpn : "")
          + ")";
    } catch (IndexOutOfBoundsException e) {
      return "ServerHello";
    }
  }

  private static final class Hello {
    String sni;
    String alpn;
    String versions;
  }

  private static Hello extensions(ByteBuffer b, int at, int end, boolean client) {
    Hello h = new Hello();
    int total = u16(b, at, end);
    at += 2;
    int stop = Math.min(end, at + total);
    while (stop - at >= 4) {
      int type = u16(b, at, stop);
      int length = u16(b, at + 2, stop);
      int body = at + 4;
      if (body + length > stop) {
        break;
      }
      switch (type) {
        case 0 -> h.sni = client && length > 5 ? text(b, body + 5, u16(b, body + 3, stop)) : h.sni;
        case 16 -> h.alpn = protocols(b, body + 2, body + length);
        case 43 ->
            h.versions =
                client
                    ? versions(b, body + 1, body + 1 + u8(b, body, stop))
                    : versionName(u16(b, body, stop));
        default -> {
          // other extensions are not shown
        }
      }
      at = body + length;
    }
    return h;
  }

  private static String protocols(ByteBuffer b, int at, int end) {
    List<String> out = new ArrayList<>();
    while (at < end) {
      int n = u8(b, at, end);
      out.add(text(b, at + 1, Math.min(n, end - at - 1)));
      at += 1 + n;
    }
    return String.join(",", out);
  }

  private static String versions(ByteBuffer b, int at, int end) {
    List<String> out = new ArrayList<>();
    for (int i = at; i + 1 < end; i += 2) {
      int v = u16(b, i);
      if ((v & 0x0f0f) != 0x0a0a) { // GREASE values (RFC 8701) are noise
        out.add(versionName(v));
      }
    }
    return String.join(", ", out);
  }

  static String versionName(int v) {
    return switch (v) {
      case 0x0304 -> "TLSv1.3";
      case 0x0303 -> "TLSv1.2";
      case 0x0302 -> "TLSv1.1";
      case 0x0301 -> "TLSv1";
      case 0x0300 -> "SSLv3";
      default -> String.format("version 0x%04x", v);
    };
  }

  private static String text(ByteBuffer b, int at, int n) {
    byte[] bytes = new byte[Math.max(0, Math.min(n, 255))];
    b.get(at, bytes);
    StringBuilder s = new StringBuilder();
    for (char c : new String(bytes, StandardCharsets.ISO_8859_1).toCharArray()) {
      s.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return s.toString();
  }

  private static int u8(ByteBuffer b, int at, int end) {
    if (at >= end) {
      throw new IndexOutOfBoundsException(at);
    }
    return b.get(at) & 0xff;
  }

  private static int u16(ByteBuffer b, int at, int end) {
    if (at + 2 > end) {
      throw new IndexOutOfBoundsException(at);
    }
    return u16(b, at);
  }

  private static int u16(ByteBuffer b, int at) {
    return (b.get(at) & 0xff) << 8 | b.get(at + 1) & 0xff;
  }
}
