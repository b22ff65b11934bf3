package dev.sockit.web;

import java.util.Map;

/**
 * One request from the page: a JSON object with typed, validated getters whose errors name the
 * field, so the page can show the user what to fix.
 */
record Message(Map<String, Object> fields) {

  /** Parses a page message; throws naming the problem when it is not a JSON object. */
  @SuppressWarnings("unchecked")
  static Message parse(String text) {
    Object v = Json.parse(text);
    if (!(v instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("a message must be a JSON object");
    }
    return new Message((Map<String, Object>) v);
  }

  String text(String name) {
    Object v = fields.get(name);
    if (v == null) {
      throw new IllegalArgumentException("'" + name + "' is missing");
    }
    return v.toString();
  }

  String text(String name, String fallback) {
    Object v = fields.get(name);
    return v == null || v.toString().isEmpty() ? fallback : v.toString();
  }

  boolean flag(String name) {
    return Boolean.TRUE.equals(fields.get(name)) || "true".equals(fields.get(name));
  }

  long number(String name, long min, long max, String what) {
    Object v = fields.get(name);
    long n;
    if (v instanceof Number num) {
      n = (long) num.doubleValue();
      if (n != num.doubleValue()) {
        throw new IllegalArgumentException(what + " must be a whole number, got " + v);
      }
    } else {
      try {
        n = Long.parseLong(v == null ? "" : v.toString().trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            what
                + " must be a number from "
                + min
                + " to "
                + max
                + ", got '"
                + (v == null ? "" : v)
                + "'");
      }
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          what + " must be from " + min + " to " + max + ", got " + n);
    }
    return n;
  }

  int port(String name, boolean zeroAllowed) {
    return (int) number(name, zeroAllowed ? 0 : 1, 65535, "port");
  }

  Object raw(String name) {
    return fields.get(name);
  }
}
