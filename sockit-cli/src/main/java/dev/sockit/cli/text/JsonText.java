package dev.sockit.cli.text;

import java.util.Collection;
import java.util.Map;

/**
 * Writes the JSON that {@code --json} prints: maps (in insertion order), lists, strings, numbers,
 * booleans and null, indented by two spaces. Big counts are passed as strings by the callers so
 * that no reader loses precision.
 */
public final class JsonText {
  private JsonText() {}

  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0, null);
    return sb.append('\n').toString();
  }

  /**
   * Prints {@code value} as {@link #write} would, a piece at a time: a large document (a full scan
   * with {@code --all} is 12 MB) is never whole in memory, where building it cost a 70 ms
   * collection of the young generation. Lists may compute their elements as they are asked for.
   */
  public static void print(java.io.PrintWriter out, Object value) {
    StringBuilder sb = new StringBuilder(CHUNK + 1024);
    write(sb, value, 0, out);
    out.append(sb.append('\n'));
  }

  /** How much is gathered before it goes to the writer. */
  private static final int CHUNK = 64 * 1024;

  /**
   * {@code value} on one line, for a stream of objects read line by line (JSON Lines): the same
   * text as {@link #write} without its line breaks and indentation, which never occur inside a
   * string (strings escape their line breaks).
   */
  public static String line(Object value) {
    return write(value).strip().replaceAll("\n *", " ") + "\n";
  }

  /**
   * Appends {@code value}; with {@code out}, hands what has gathered to it between list elements.
   */
  private static void write(StringBuilder sb, Object value, int indent, java.io.PrintWriter out) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      string(sb, s);
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      sb.append(value);
    } else if (value instanceof java.math.BigDecimal d) {
      sb.append(d.toPlainString()); // a number written with the precision its caller chose
    } else if (value instanceof Double d) {
      sb.append(d.isNaN() || d.isInfinite() ? "null" : threeDecimals(d));
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        pad(sb, indent + 2);
        string(sb, String.valueOf(e.getKey()));
        sb.append(": ");
        write(sb, e.getValue(), indent + 2, out);
        sb.append(++i < map.size() ? ",\n" : "\n");
      }
      pad(sb, indent);
      sb.append('}');
    } else if (value instanceof Collection<?> list) {
      if (list.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append("[\n");
      int i = 0;
      int size = list.size();
      for (Object o : list) {
        pad(sb, indent + 2);
        write(sb, o, indent + 2, out);
        sb.append(++i < size ? ",\n" : "\n");
        if (out != null && sb.length() >= CHUNK) {
          out.append(sb);
          sb.setLength(0);
        }
      }
      pad(sb, indent);
      sb.append(']');
    } else {
      string(sb, value.toString());
    }
  }

  private static final String SPACES = " ".repeat(64);

  private static void pad(StringBuilder sb, int n) {
    for (int left = n; left > 0; left -= SPACES.length()) {
      sb.append(SPACES, 0, Math.min(left, SPACES.length()));
    }
  }

  private static void string(StringBuilder sb, String s) {
    dev.sockit.core.codec.JsonStrings.quote(sb, s);
  }

  /**
   * {@code d} with three decimals, as {@code String.format("%.3f")} writes it (its shortest decimal
   * digits rounded half up), without a Formatter: a scan's {@code --json --all} writes 65,535 of
   * them, and parsing the pattern for each took most of its time.
   */
  public static String threeDecimals(double d) {
    return new java.math.BigDecimal(Double.toString(d))
        .setScale(3, java.math.RoundingMode.HALF_UP)
        .toPlainString();
  }
}
