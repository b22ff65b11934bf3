package dev.sockit.cli.bench;

import dev.sockit.cli.text.JsonText;
import dev.sockit.cli.text.Sizes;
import dev.sockit.core.bench.BenchMode;
import dev.sockit.core.bench.BenchResult;
import dev.sockit.core.bench.IntervalListener;
import dev.sockit.core.bench.Latency;
import dev.sockit.core.bench.UdpReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a bench run: interval lines while it runs (unless JSON), then a summary or JSON. */
final class BenchReport implements IntervalListener {
  private final PrintWriter out;
  private final BenchMode mode;
  private final boolean json;
  private final List<Map<String, Object>> intervals = new ArrayList<>();

  /**
   * The streams' shares of the interval reported next (several parallel streams only), else null.
   */
  private long[] streams;

  BenchReport(PrintWriter out, BenchMode mode, boolean json) {
    this.out = out;
    this.mode = mode;
    this.json = json;
  }

  @Override
  public synchronized void interval(double from, double to, long bytes, long transactions) {
    add(from, to, bytes, transactions, false);
  }

  @Override
  public synchronized void omitted(double from, double to, long bytes, long transactions) {
    add(from, to, bytes, transactions, true);
  }

  @Override
  public synchronized void streams(double from, double to, long[] bytes, boolean omitted) {
    streams = bytes.clone();
  }

  private void add(double from, double to, long bytes, long transactions, boolean omitted) {
    double s = Math.max(1e-9, to - from);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("start", from);
    m.put("end", to);
    m.put("bytes", bytes);
    m.put("bits_per_second", bytes * 8 / s);
    m.put("transactions", transactions);
    if (omitted) {
      m.put("omitted", true); // as iperf3 marks them; the measured intervals start from 0 again
    }
    long[] each = streams;
    streams = null;
    if (each != null) {
      m.put("streams", streams(each, s));
    }
    intervals.add(m);
    if (!json) {
      String when = String.format(Locale.ROOT, "[%6.2f-%6.2f s]", from, to);
      String mark = omitted ? "  (omitted)" : "";
      if (each != null) { // iperf3's layout: a line per stream, then their sum
        for (int i = 0; i < each.length; i++) {
          out.printf(
              Locale.ROOT,
              "[%3d] %s  %10s  %13s%s%n",
              i + 1,
              when,
              Sizes.of(each[i]),
              bits(each[i] * 8 / s),
              mark);
        }
        out.printf(
            Locale.ROOT,
            "[SUM] %s  %10s  %13s%s%n",
            when,
            Sizes.of(bytes),
            bits(bytes * 8 / s),
            mark);
      } else {
        String rate =
            mode == BenchMode.STREAM
                ? bits(bytes * 8 / s)
                : String.format(
                    Locale.ROOT, "%,.0f %s/s  %s", transactions / s, unit(), bits(bytes * 8 / s));
        out.printf(Locale.ROOT, "%s  %s%s%n", when, rate, mark);
      }
      out.flush();
    }
  }

  /** Per-stream entries for JSON: stream number (from 1), bytes and rate over {@code seconds}. */
  private static List<Map<String, Object>> streams(long[] bytes, double seconds) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (int i = 0; i < bytes.length; i++) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("stream", i + 1);
      e.put("bytes", bytes[i]);
      e.put("bits_per_second", seconds <= 0 ? 0.0 : bytes[i] * 8 / seconds);
      list.add(e);
    }
    return list;
  }

  private String unit() {
    return switch (mode) {
      case STREAM -> "bytes";
      case RR -> "round trips";
      case CRR -> "connections";
      case UDP -> "datagrams";
    };
  }

  static String bits(double bps) {
    String[] units = {"bit/s", "Kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"};
    int u = 0;
    while (bps >= 1000 && u < units.length - 1) {
      bps /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, "%.2f %s", bps, units[u]);
  }

  /**
   * The summary; {@code interrupted}: Ctrl-C ended the run early (JSON gets {@code "interrupted":
   * true}).
   */
  synchronized void result(BenchResult r, boolean interrupted) {
    if (json) {
      Map<String, Object> m = json(r);
      if (interrupted) {
        m.put("interrupted", true);
      }
      JsonText.print(out, m);
      out.flush();
      return;
    }
    // UDP: the rate is what arrived, the count what was sent (the loss line sets them side by side)
    boolean udp = r.mode() == BenchMode.UDP;
    out.printf(
        Locale.ROOT,
        "%s: %.2f s, %s%s",
        r.mode().name().toLowerCase(Locale.ROOT),
        r.seconds(),
        bits(r.bitsPerSecond()),
        udp ? " received" : "");
    if (r.mode() != BenchMode.STREAM) {
      out.printf(
          Locale.ROOT,
          ", %,d %s%s (%,.0f/s)",
          r.transactions(),
          unit(),
          udp ? " sent" : "",
          r.perSecond());
    }
    out.println();
    for (int i = 0; i < r.streams().size(); i++) {
      long b = r.streams().get(i);
      out.printf(
          Locale.ROOT,
          "  [%3d] %10s  %13s%n",
          i + 1,
          Sizes.of(b),
          bits(r.seconds() <= 0 ? 0 : b * 8 / r.seconds()));
    }
    Latency l = r.latency();
    if (l != null) {
      out.printf(
          Locale.ROOT,
          "latency us: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  mean %.1f%n",
          l.p50Micros(),
          l.p90Micros(),
          l.p99Micros(),
          l.p999Micros(),
          l.maxMicros(),
          l.meanMicros());
    }
    UdpReport u = r.udp();
    if (u != null) {
      out.printf(
          Locale.ROOT,
          "udp: sent %,d, received %,d, lost %,d (%.3f%%), reordered %,d, duplicates %,d, jitter %.4f ms%n",
          u.sent(),
          u.received(),
          u.lost(),
          u.lossPercent(),
          u.reordered(),
          u.duplicates(),
          u.jitterMillis());
    }
    out.flush();
  }

  private Map<String, Object> json(BenchResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", r.mode().name().toLowerCase(Locale.ROOT));
    m.put("seconds", r.seconds());
    m.put("bytes", r.bytes());
    m.put("bits_per_second", r.bitsPerSecond());
    m.put("transactions", r.transactions());
    m.put("per_second", r.perSecond());
    if (!r.streams().isEmpty()) {
      long[] each = r.streams().stream().mapToLong(Long::longValue).toArray();
      m.put("streams", streams(each, r.seconds()));
    }
    Latency l = r.latency();
    if (l != null) {
      Map<String, Object> lm = new LinkedHashMap<>();
      lm.put("count", l.count());
      lm.put("p50", l.p50Micros());
      lm.put("p90", l.p90Micros());
      lm.put("p99", l.p99Micros());
      lm.put("p99_9", l.p999Micros());
      lm.put("max", l.maxMicros());
      lm.put("mean", l.meanMicros());
      m.put("latency_us", lm);
    }
    UdpReport u = r.udp();
    if (u != null) {
      m.put("udp", json(u));
    }
    m.put("intervals", intervals);
    return m;
  }

  /** A UDP run's counts as JSON, for the client's result and the server's report alike. */
  static Map<String, Object> json(UdpReport u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sent", u.sent());
    m.put("received", u.received());
    m.put("lost", u.lost());
    m.put("loss_percent", u.lossPercent());
    m.put("reordered", u.reordered());
    m.put("duplicates", u.duplicates());
    // to the nanosecond: loopback jitter is a few hundred of them, which three decimals showed as 0
    m.put(
        "jitter_ms",
        java.math.BigDecimal.valueOf(u.jitterMillis()).setScale(6, java.math.RoundingMode.HALF_UP));
    return m;
  }
}
