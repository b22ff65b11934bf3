package dev.sockit.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

  @Test
  void writesNestedValuesIndentedInInsertionOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", 1);
    m.put("a", List.of("x", true));
    m.put("empty", List.of());
    m.put("none", null);
    m.put("ms", 1.0005);
    m.put("obj", Map.of());
    assertThat(JsonText.write(m))
        .isEqualTo(
            """
        {
          "b": 1,
          "a": [
            "x",
            true
          ],
          "empty": [],
          "none": null,
          "ms": 1.001,
          "obj": {}
        }
        """);
    assertThat(JsonText.line(m))
        .isEqualTo(
            "{ \"b\": 1, \"a\": [ \"x\", true ], \"empty\": [], \"none\": null, \"ms\": 1.001, \"obj\": {} }\n");
  }

  /**
   * Doubles are written as %.3f writes them (its shortest digits, half up), NaN and infinities as
   * null.
   */
  @Test
  void doublesHaveThreeDecimalsAsFormatWritesThem() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    for (int i = 0; i < 20_000; i++) {
      double d =
          switch (i % 4) {
            case 0 -> random.nextDouble() * 1000;
            case 1 -> random.nextLong(0, 10_000_000) / 1e6; // times in ms from nanoseconds
            case 2 -> Math.round(random.nextDouble() * 1e6) / 1e3 + 0.0005; // ties
            default -> -random.nextDouble() * 1e9;
          };
      assertThat(JsonText.write(d).strip())
          .as("%s", d)
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", d));
    }
    assertThat(JsonText.write(Double.NaN).strip()).isEqualTo("null");
    assertThat(JsonText.write(Double.POSITIVE_INFINITY).strip()).isEqualTo("null");
  }

  /**
   * print() gives the same text as write(), also for a document many chunks long whose list
   * computes its rows.
   */
  @Test
  void printingInPiecesGivesTheSameText() {
    int[] made = new int[1];
    List<Map<String, Object>> rows =
        new AbstractList<>() {
          @Override
          public Map<String, Object> get(int i) {
            made[0]++;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("port", i);
            m.put("text", "row \"" + i + "\"\n");
            return m;
          }

          @Override
          public int size() {
            return 20_000;
          }
        };
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("results", rows);
    doc.put("after", new ArrayList<>(List.of(1, 2)));
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    JsonText.print(out, doc);
    out.flush();
    assertThat(made[0]).isEqualTo(20_000);
    String written = JsonText.write(doc);
    assertThat(text.toString()).hasSizeGreaterThan(500_000).isEqualTo(written);
  }
}
