package dev.sockit.cli.scan;

import dev.sockit.cli.text.Decimals;
import dev.sockit.core.probe.Phase;
import dev.sockit.core.probe.ProbeReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** Prints a probe as a timeline: one line per step, the offset from the start on the left. */
final class ProbeTimeline {
  private static final String INDENT = " ".repeat(21);

  private ProbeTimeline() {}

  static void print(PrintWriter out, ProbeReport report) {
    boolean broken = report.failure().filter(f -> f.step().equals("http")).isPresent();
    out.println("sockit probe " + report.target());
    for (Phase p : report.phases()) {
      switch (p) {
        case Phase.Resolved r ->
            line(
                out,
                r.start(),
                "dns",
                (r.literal()
                        ? r.host() + " is an address, no lookup"
                        : r.host() + " -> " + String.join(", ", r.addresses()))
                    + (r.literal() ? "" : " in " + ms(r.took())));
        case Phase.Connect c ->
            line(
                out,
                c.start(),
                "connect",
                c.ok()
                    ? c.remote() + " connected in " + ms(c.took()) + " (from " + c.local() + ")"
                    : c.remote() + " " + c.error() + " after " + ms(c.took()));
        case Phase.Tls t -> tls(out, t);
        case Phase.Http h -> http(out, h, broken);
        case Phase.Failed f ->
            line(out, f.start().plus(f.took()), "failed", f.step() + ": " + f.message());
      }
    }
    line(
        out,
        report.total(),
        "total",
        ms(report.total())
            + (report.failure().isPresent()
                ? " (stopped at " + report.failure().get().step() + ")"
                : ""));
  }

  private static void tls(PrintWriter out, Phase.Tls t) {
    line(
        out,
        t.start(),
        "tls",
        t.protocol()
            + " "
            + t.cipher()
            + " in "
            + ms(t.took())
            + (t.serverName() == null ? "" : ", SNI " + t.serverName())
            + (t.alpn().isEmpty() ? "" : ", ALPN " + t.alpn()));
    for (String l : dev.sockit.cli.text.TlsText.chain(t.chain())) {
      out.println(INDENT + l);
    }
    out.println(INDENT + "verified  " + (t.verified() ? "yes" : "NO: " + t.verifyError()));
  }

  private static void http(PrintWriter out, Phase.Http h, boolean broken) {
    line(out, h.start(), "request", h.request());
    for (String header : h.requestHeaders()) {
      out.println(INDENT + "> " + header);
    }
    line(
        out,
        h.start().plus(h.timeToFirstByte()),
        "response",
        h.statusLine() + " (first byte after " + ms(h.timeToFirstByte()) + ")");
    for (String header : h.headers()) {
      out.println(INDENT + header);
    }
    if (!h.headComplete()) {
      line(
          out,
          h.start().plus(h.took()),
          "body",
          "none: the answer stopped in its headers, request to last byte " + ms(h.took()));
      return;
    }
    line(
        out,
        h.start().plus(h.took()),
        "body",
        h.bodyBytes()
            + " bytes"
            + (h.complete() ? "" : broken ? " (incomplete)" : " (stopped reading: size limit)")
            + ", request to last byte "
            + ms(h.took()));
  }

  private static void line(PrintWriter out, Duration at, String step, String text) {
    out.println(String.format(Locale.ROOT, "%9s  %-8s  %s", ms(at), step, text));
  }

  static String ms(Duration d) {
    return Decimals.millis(d.toNanos(), 1) + " ms";
  }
}
