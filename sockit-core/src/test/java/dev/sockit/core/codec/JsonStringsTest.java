package dev.sockit.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonStringsTest {
  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("x");
    JsonStrings.quote(sb, s);
    return sb.substring(1);
  }

  @Test
  void escapesWhatJsonAndJavaScriptNeedAndKeepsTheRest() {
    assertThat(quote("")).isEqualTo("\"\"");
    assertThat(quote("plain text")).isEqualTo("\"plain text\"");
    assertThat(quote("say \"hi\"\\")).isEqualTo("\"say \\\"hi\\\"\\\\\"");
    assertThat(quote("a\nb\rc\td")).isEqualTo("\"a\\nb\\rc\\td\"");
    assertThat(quote("\u0000\u0001\u001f ")).isEqualTo("\"\\u0000\\u0001\\u001f \"");
    // JavaScript line terminators that JSON allows raw but a <script> block would not
    assertThat(quote("x\u2028y\u2029")).isEqualTo("\"x\\u2028y\\u2029\"");
    assertThat(quote("你好 é \u007f")).isEqualTo("\"你好 é \u007f\"");
    assertThat(quote("\"\"")).isEqualTo("\"\\\"\\\"\"");
    assertThat(quote("end\n")).isEqualTo("\"end\\n\"");
  }

  @Test
  void everyCharacterIsWrittenOnceInOrder() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x3000; c++) {
      all.append(c);
    }
    String q = quote(all.toString());
    // undo the escapes: what comes back is the input
    StringBuilder back = new StringBuilder();
    for (int i = 1; i < q.length() - 1; i++) {
      char c = q.charAt(i);
      if (c != '\\') {
        back.append(c);
        continue;
      }
      char e = q.charAt(++i);
      switch (e) {
        case 'n' -> back.append('\n');
        case 'r' -> back.append('\r');
        case 't' -> back.append('\t');
        case 'u' -> {
          back.append((char) Integer.parseInt(q.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> back.append(e);
      }
    }
    assertThat(back.toString()).isEqualTo(all.toString());
  }
}
