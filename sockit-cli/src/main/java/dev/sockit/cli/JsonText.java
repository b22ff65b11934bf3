package dev.sockit.cli;

import java.util.Collection;
import java.util.Map;

/**
 * Writes the JSON that {@code --json} prints: maps (in insertion order), lists, strings, numbers,
 * booleans and null, indented by two spaces. Big counts are passed as strings by the callers so
 * that no reader loses precision.
 */
final class JsonText {
  private JsonText() {}

  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0);
    return sb.append('\n').toString();
  }

  /**
   * {@code value} on one line, for a stream of objects read line by line (JSON Lines): the same
   * text as {@link #write} without its line breaks and indentation, which never occur inside a
   * string (strings escape their line breaks).
   */
  static String line(Object value) {
    return write(value).strip().replaceAll("\n *", " ") + "\n";
  }

  private static void write(StringBuilder sb, Object value, int indent) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      string(sb, s);
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      sb.append(value);
    } else if (value instanceof java.math.BigDecimal d) {
      sb.append(d.toPlainString()); // a number written with the precision its caller chose
    } else if (value instanceof Double d) {
      sb.append(d.isNaN() || d.isInfinite() ? "null" : String.format(java.util.Locale.ROOT, "%.3f", d));
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
        write(sb, e.getValue(), indent + 2);
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
      for (Object o : list) {
        pad(sb, indent + 2);
        write(sb, o, indent + 2);
        sb.append(++i < list.size() ? ",\n" : "\n");
      }
      pad(sb, indent);
      sb.append(']');
    } else {
      string(sb, value.toString());
    }
  }

  private static void pad(StringBuilder sb, int n) {
    sb.append(" ".repeat(n));
  }

  private static void string(StringBuilder sb, String s) {
    dev.sockit.core.codec.JsonStrings.quote(sb, s);
  }
}
