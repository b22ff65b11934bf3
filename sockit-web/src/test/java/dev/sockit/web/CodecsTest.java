package dev.sockit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The page protocol's pure parts: JSON, send payloads, auto-reply rules, the log ring, the access
 * guard.
 */
class CodecsTest {

  @Test
  void jsonRoundTrip() {
    Object v = Json.parse("{\"a\":[1,2.5,\"x\\n\\u4f60\"],\"b\":true,\"c\":null,\"d\":{}}");
    Map<?, ?> m = (Map<?, ?>) v;
    assertThat(m.get("a")).isEqualTo(List.of(1.0, 2.5, "x\n你"));
    assertThat(m.get("b")).isEqualTo(true);
    assertThat(m.containsKey("c")).isTrue();
    assertThat(Json.write(v)).isEqualTo("{\"a\":[1,2.5,\"x\\n你\"],\"b\":true,\"c\":null,\"d\":{}}");
    assertThat(Json.write(Map.of("q", "\"\\\u0001"))).isEqualTo("{\"q\":\"\\\"\\\\\\u0001\"}");
    assertThatThrownBy(() -> Json.parse("{\"a\":")).hasMessageContaining("position");
    assertThatThrownBy(() -> Json.parse("[1] x")).hasMessageContaining("trailing");
  }

  @Test
  void payloadModesEndingsAndChecksums() {
    Charset utf8 = StandardCharsets.UTF_8;
    assertThat(new Payload("text", utf8, "crlf", "none").encode("AT"))
        .containsExactly('A', 'T', '\r', '\n');
    assertThat(new Payload("hex", utf8, "none", "none").encode("01 03 0x00 ff"))
        .containsExactly(1, 3, 0, 0xff);
    assertThat(new Payload("escapes", utf8, "none", "none").encode("\\x02OK\\x03\\r\\n"))
        .containsExactly(2, 'O', 'K', 3, '\r', '\n');
    assertThat(new Payload("hex", utf8, "none", "crc16-modbus").encode("01 03 00 00 00 01"))
        .containsExactly(1, 3, 0, 0, 0, 1, 0x84, 0x0a);
    assertThat(new Payload("text", utf8, "lf", "sum8").encode("A"))
        .containsExactly('A', '\n', 0x4b);
    assertThat(new Payload("text", Payload.charset("GBK"), "none", "none").encode("你好"))
        .containsExactly(0xc4, 0xe3, 0xba, 0xc3);
    assertThat(new Payload("base64", utf8, "none", "none").encode("AAEC/w=="))
        .containsExactly(0, 1, 2, 0xff);
    assertThatThrownBy(() -> new Payload("base64", utf8, "none", "none").encode("!!"))
        .hasMessageContaining("base64");
    assertThatThrownBy(() -> new Payload("hex", utf8, "none", "none").encode("0g"))
        .hasMessageContaining("not a hex digit");
    assertThatThrownBy(() -> new Payload("hex", utf8, "none", "none").encode("123"))
        .hasMessageContaining("odd");
    assertThatThrownBy(() -> new Payload("text", utf8, "crlf", "md5"))
        .hasMessageContaining("crc16-modbus");
    assertThatThrownBy(() -> new Payload("utf16", utf8, "none", "none"))
        .hasMessageContaining("text, hex or escapes");
    assertThatThrownBy(() -> Payload.charset("klingon"))
        .hasMessageContaining("unknown encoding 'klingon'");
  }

  @Test
  void autoReplyRules() {
    List<AutoReply> rules =
        List.of(
            AutoReply.of("exact", "PING", "PONG".getBytes(StandardCharsets.US_ASCII)),
            AutoReply.of("contains", "temp?", new byte[] {0x32, 0x31}),
            AutoReply.of("regex", "^ID=(\\d+)$", new byte[] {1}));
    Charset ascii = StandardCharsets.US_ASCII;
    assertThat(AutoReply.firstReply(rules, "PING".getBytes(ascii), ascii))
        .containsExactly('P', 'O', 'N', 'G');
    assertThat(AutoReply.firstReply(rules, "PING\r\n".getBytes(ascii), ascii))
        .containsExactly('P', 'O', 'N', 'G');
    assertThat(AutoReply.firstReply(rules, "xPING".getBytes(ascii), ascii)).isNull();
    assertThat(AutoReply.firstReply(rules, "what temp?".getBytes(ascii), ascii))
        .containsExactly(0x32, 0x31);
    assertThat(AutoReply.firstReply(rules, "ID=42".getBytes(ascii), ascii)).containsExactly(1);
    assertThat(AutoReply.firstReply(rules, "ID=4x".getBytes(ascii), ascii)).isNull();
    assertThat(
            AutoReply.firstReply(
                List.of(AutoReply.of("contains", "你好", new byte[] {9})),
                "说你好".getBytes(Charset.forName("GBK")),
                Charset.forName("GBK")))
        .containsExactly(9);
    assertThatThrownBy(() -> AutoReply.of("regex", "(", new byte[] {1}))
        .hasMessageContaining("bad regular expression");
    List<AutoReply> ends =
        List.of(
            AutoReply.of("starts", "AT+", new byte[] {1}),
            AutoReply.of("ends", "?", new byte[] {2}));
    assertThat(AutoReply.firstReply(ends, "AT+CSQ".getBytes(ascii), ascii)).containsExactly(1);
    assertThat(AutoReply.firstReply(ends, "xAT+".getBytes(ascii), ascii)).isNull();
    assertThat(AutoReply.firstReply(ends, "who?\r\n".getBytes(ascii), ascii)).containsExactly(2);
    assertThat(AutoReply.firstReply(ends, "?who".getBytes(ascii), ascii)).isNull();
    assertThatThrownBy(() -> AutoReply.of("startswith", "a", new byte[] {1}))
        .hasMessageContaining("exact, contains, starts, ends or regex");
    assertThatThrownBy(() -> AutoReply.of("exact", "", new byte[] {1}))
        .hasMessageContaining("needs something");
  }

  @Test
  void logRingKeepsTheNewestAndCutsLongPayloads() {
    LogRing ring = new LogRing(10);
    for (int i = 0; i < 25; i++) {
      ring.add(i, "rx", "p", 1, new byte[] {(byte) i}, "");
    }
    assertThat(ring.size()).isEqualTo(10);
    List<LogEntry> all = ring.after(0, 100);
    assertThat(all)
        .extracting(LogEntry::seq)
        .containsExactly(16L, 17L, 18L, 19L, 20L, 21L, 22L, 23L, 24L, 25L);
    assertThat(ring.after(22, 100)).extracting(LogEntry::seq).containsExactly(23L, 24L, 25L);
    assertThat(ring.after(0, 3)).extracting(LogEntry::seq).containsExactly(23L, 24L, 25L);
    assertThat(ring.after(25, 100)).isEmpty();
    ring.clear();
    assertThat(ring.after(0, 100)).isEmpty();
    assertThat(ring.size()).isZero();
    ring.add(0, "tx", "p", 5000, new byte[5000], "");
    assertThat(ring.after(0, 100))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.seq()).isEqualTo(26);
              assertThat(e.length()).isEqualTo(5000);
              assertThat(e.data()).hasSize(LogRing.MAX_KEPT);
            });
  }

  @Test
  void accessGuard() {
    AccessGuard g = new AccessGuard("T0123456789abcdefXYZ", 8421, List.of());
    String cookie = "other=1; sockit_token_8421=T0123456789abcdefXYZ";
    String link = g.newLink();
    assertThat(g.check("127.0.0.1:8421", null, link, null, false)).isNull();
    // a link works once: it was traded for the cookie (browser history keeps the URL)
    assertThat(g.check("127.0.0.1:8421", null, link, null, false).reason())
        .contains("already used");
    // ... but the browser that has the cookie may open it again
    assertThat(g.check("127.0.0.1:8421", null, link, cookie, false)).isNull();
    assertThat(g.check("localhost:8421", null, null, cookie, false)).isNull();
    assertThat(g.check("127.0.0.1:8421", "http://127.0.0.1:8421", null, cookie, true)).isNull();
    // a WebSocket upgrade takes the cookie only
    assertThat(g.check("127.0.0.1:8421", "http://127.0.0.1:8421", g.newLink(), null, true).status())
        .isEqualTo(401);
    // no token, wrong token, the secret in a URL, a cookie for another port
    assertThat(g.check("127.0.0.1:8421", null, null, null, false).status()).isEqualTo(401);
    assertThat(g.check("127.0.0.1:8421", null, "wrong", null, false).status()).isEqualTo(401);
    assertThat(g.check("127.0.0.1:8421", null, "T0123456789abcdefXYZ", null, false).status())
        .isEqualTo(401);
    assertThat(
            g.check("127.0.0.1:8421", null, null, "sockit_token_9999=T0123456789abcdefXYZ", false)
                .status())
        .isEqualTo(401);
    // DNS rebinding: a foreign Host, even with a link
    assertThat(g.check("evil.example:8421", null, g.newLink(), null, false).status())
        .isEqualTo(403);
    assertThat(g.check(null, null, g.newLink(), null, false).status()).isEqualTo(403);
    assertThat(g.check("127.0.0.1:80", null, g.newLink(), null, false).status()).isEqualTo(403);
    // cross-site: a foreign Origin, or none on a WebSocket upgrade
    assertThat(g.check("127.0.0.1:8421", "http://evil.example", null, cookie, false).status())
        .isEqualTo(403);
    assertThat(g.check("127.0.0.1:8421", "null", null, cookie, false).status()).isEqualTo(403);
    assertThat(g.check("127.0.0.1:8421", null, null, cookie, true).status()).isEqualTo(403);
    AccessGuard lan = new AccessGuard("T0123456789abcdefXYZ", 8421, List.of("192.168.1.5"));
    assertThat(lan.check("192.168.1.5:8421", "http://192.168.1.5:8421", null, cookie, true))
        .isNull();
    assertThat(lan.check("192.168.1.5:8421", null, null, null, false).status()).isEqualTo(401);
    // the oldest unused links give way to new ones: at most MAX_LINKS are held
    String first = g.newLink();
    for (int i = 0; i < AccessGuard.MAX_LINKS; i++) {
      g.newLink();
    }
    assertThat(g.check("127.0.0.1:8421", null, first, null, false).status()).isEqualTo(401);
  }

  @Test
  void autoReplyMacrosAreFilledInForEachReply() {
    Charset utf8 = StandardCharsets.UTF_8;
    java.util.function.Function<String, byte[]> text = t -> t.getBytes(utf8);
    List<AutoReply> rules =
        List.of(
            AutoReply.withMacros("regex", "^GET (\\w+) (\\d+)", "{1}={2} #{count}", text),
            AutoReply.withMacros("starts", "echo ", "you said: {rx}", text),
            AutoReply.withMacros("exact", "now", "{date} {time}", text),
            AutoReply.withMacros("exact", "rnd", "{random}", text),
            AutoReply.withMacros(
                "exact", "json", "{\"ok\":true,\"n\":{count},\"lit\":\"{{count}}\"}", text));
    assertThat(new String(AutoReply.firstReply(rules, "GET temp 7\r\n".getBytes(utf8), utf8), utf8))
        .isEqualTo("temp=7 #1");
    assertThat(new String(AutoReply.firstReply(rules, "GET hum 42".getBytes(utf8), utf8), utf8))
        .isEqualTo("hum=42 #2");
    assertThat(new String(AutoReply.firstReply(rules, "echo 你好\n".getBytes(utf8), utf8), utf8))
        .isEqualTo("you said: echo 你好");
    assertThat(new String(AutoReply.firstReply(rules, "now".getBytes(utf8), utf8), utf8))
        .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
    int r =
        Integer.parseInt(new String(AutoReply.firstReply(rules, "rnd".getBytes(utf8), utf8), utf8));
    assertThat(r).isBetween(0, 65535);
    assertThat(new String(AutoReply.firstReply(rules, "json".getBytes(utf8), utf8), utf8))
        .isEqualTo("{\"ok\":true,\"n\":1,\"lit\":\"{count}\"}");
    // a reply without macros is fixed bytes; an unknown {name} is left alone
    AutoReply plain = AutoReply.withMacros("exact", "x", "{name} {}", text);
    assertThat(plain.template()).isNull();
    assertThat(new String(plain.reply(), utf8)).isEqualTo("{name} {}");
    // a bad escape in a reply with macros is refused when the rule is made, not on the first reply
    Payload escapes = new Payload("escapes", utf8, "none", "none");
    assertThatThrownBy(() -> AutoReply.withMacros("exact", "x", "{count}\\xZZ", escapes::encode))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(AutoReply.withMacros("exact", "x", "#{count}\\r\\n", escapes::encode).replyTo("x"))
        .containsExactly('#', '1', '\r', '\n');
  }
}
