package dev.sockit.web;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One auto-reply rule ("smart response"): when received bytes, decoded with the session's encoding,
 * match, the reply bytes go back to the sender. Applied on the server, so replies are immediate
 * even when the page is slow or paused.
 *
 * @param match {@code exact}, {@code contains}, {@code starts}, {@code ends} or {@code regex}
 * @param pattern what to look for
 * @param reply the bytes to send back (copied)
 * @param regex the compiled pattern for {@code regex}, else {@code null}
 */
record AutoReply(String match, String pattern, byte[] reply, Pattern regex) {

  AutoReply {
    Objects.requireNonNull(pattern, "pattern");
    reply = reply.clone();
  }

  @Override
  public byte[] reply() {
    return reply.clone();
  }

  /**
   * A validated rule.
   *
   * @throws IllegalArgumentException naming the bad match kind or regular expression
   */
  static AutoReply of(String match, String pattern, byte[] reply) {
    String m = match.toLowerCase(Locale.ROOT);
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("an auto-reply rule needs something to match");
    }
    Pattern compiled = null;
    switch (m) {
      case "exact", "contains", "starts", "ends" -> { }
      case "regex" -> {
        try {
          compiled = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("bad regular expression '" + pattern + "': " + e.getDescription());
        }
      }
      default -> throw new IllegalArgumentException("match must be exact, contains, starts, ends or regex, got '" + match + "'");
    }
    return new AutoReply(m, pattern, reply, compiled);
  }

  /** Whether {@code text} (received bytes, decoded) matches. */
  boolean matches(String text) {
    return switch (match) {
      case "exact" -> text.equals(pattern) || stripLineEnd(text).equals(pattern);
      case "contains" -> text.contains(pattern);
      case "starts" -> text.startsWith(pattern);
      case "ends" -> text.endsWith(pattern) || stripLineEnd(text).endsWith(pattern);
      default -> regex.matcher(text).find();
    };
  }

  /** The reply of the first rule that matches {@code data}, or {@code null}. */
  static byte[] firstReply(List<AutoReply> rules, byte[] data, Charset charset) {
    if (rules.isEmpty()) {
      return null;
    }
    String text = new String(data, charset);
    for (AutoReply rule : rules) {
      if (rule.matches(text)) {
        return rule.reply;
      }
    }
    return null;
  }

  // Devices and terminals end lines with CR, LF or CRLF; "exact" should not depend on which.
  private static String stripLineEnd(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }
}
