package dev.sockit.web;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One auto-reply rule ("smart response"): when received bytes, decoded with the session's encoding,
 * match, the reply bytes go back to the sender. Applied on the server, so replies are immediate
 * even when the page is slow or paused.
 *
 * <p>A text or escapes reply may hold macros, filled in for each reply as the assistants of the
 * NetAssist family do: {@code {count}} (replies this rule has sent, from 1), {@code {time}} ({@code
 * HH:mm:ss.SSS}), {@code {date}} ({@code yyyy-MM-dd}), {@code {random}} (0-65535), {@code {rx}}
 * (what was received, without a trailing CR/LF) and {@code {0}}-{@code {9}} (the regex rule's match
 * and its groups). {@code {{count}}} writes {@code {count}} itself; any other brace is just a brace
 * (a JSON reply stays as it is).
 *
 * @param match {@code exact}, {@code contains}, {@code starts}, {@code ends} or {@code regex}
 * @param pattern what to look for
 * @param reply the bytes to send back (copied); for a reply with macros, the bytes of its first
 *     expansion (kept to show what the rule sends)
 * @param regex the compiled pattern for {@code regex}, else {@code null}
 * @param template the reply text and its encoder when it holds macros, else {@code null}
 */
record AutoReply(String match, String pattern, byte[] reply, Pattern regex, Template template) {
  private static final Pattern MACRO =
      Pattern.compile(
          "\\{\\{(count|time|date|random|rx|[0-9])\\}\\}|\\{(count|time|date|random|rx|[0-9])\\}");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  AutoReply {
    Objects.requireNonNull(pattern, "pattern");
    reply = reply.clone();
  }

  /** A reply text with macros and how to turn its expansion into bytes; counts its replies. */
  record Template(String text, Function<String, byte[]> encoder, AtomicLong count) {}

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
    return of(match, pattern, reply, null);
  }

  /**
   * A validated rule whose reply text may hold macros; {@code encoder} turns an expansion into
   * bytes (the session's encoding and the rule's text or escapes mode). A text without macros is
   * encoded once, here.
   *
   * @throws IllegalArgumentException naming the bad match kind, regular expression or escape
   */
  static AutoReply withMacros(
      String match, String pattern, String replyText, Function<String, byte[]> encoder) {
    if (!MACRO.matcher(replyText).find()) {
      return of(match, pattern, encoder.apply(replyText), null);
    }
    Template t = new Template(replyText, encoder, new AtomicLong());
    byte[] sample =
        encoder.apply(expand(t, "", null, 1)); // a bad escape shows now, not on the first reply
    return of(match, pattern, sample, t);
  }

  private static AutoReply of(String match, String pattern, byte[] reply, Template template) {
    String m = match.toLowerCase(Locale.ROOT);
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("an auto-reply rule needs something to match");
    }
    Pattern compiled = null;
    switch (m) {
      case "exact", "contains", "starts", "ends" -> {}
      case "regex" -> {
        try {
          compiled = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "bad regular expression '" + pattern + "': " + e.getDescription());
        }
      }
      default ->
          throw new IllegalArgumentException(
              "match must be exact, contains, starts, ends or regex, got '" + match + "'");
    }
    return new AutoReply(m, pattern, reply, compiled, template);
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
        return rule.replyTo(text);
      }
    }
    return null;
  }

  /**
   * The reply to {@code text}, which this rule matched: its fixed bytes, or its macros filled in.
   */
  byte[] replyTo(String text) {
    if (template == null) {
      return reply;
    }
    Matcher groups = null;
    if (regex != null) {
      groups = regex.matcher(text);
      if (!groups.find()) {
        groups = null;
      }
    }
    try {
      byte[] out =
          template
              .encoder()
              .apply(expand(template, text, groups, template.count().incrementAndGet()));
      return out.length == 0 ? null : out;
    } catch (IllegalArgumentException e) {
      return null; // e.g. {rx} made the frame too large: no reply rather than a broken session
    }
  }

  private static String expand(Template t, String received, Matcher groups, long count) {
    Matcher m = MACRO.matcher(t.text());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value;
      if (m.group(1) != null) {
        value = "{" + m.group(1) + "}"; // {{name}}: the macro's name itself
      } else {
        String name = m.group(2);
        value =
            switch (name) {
              case "count" -> Long.toString(count);
              case "time" -> LocalTime.now().format(TIME);
              case "date" -> LocalDate.now().toString();
              case "random" -> Integer.toString(ThreadLocalRandom.current().nextInt(65_536));
              case "rx" -> stripLineEnd(received);
              default -> {
                int g = name.charAt(0) - '0';
                yield groups != null && g <= groups.groupCount() && groups.group(g) != null
                    ? groups.group(g)
                    : "";
              }
            };
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
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
