package dev.sockit.cli.bench;

import dev.sockit.cli.text.JsonText;
import dev.sockit.cli.text.Sizes;
import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.bench.BenchMode;
import dev.sockit.core.bench.BenchServer.Served;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@code sockit bench server} prints of each test it served, as iperf3's server does: one line
 * (or one JSON object on one line) per stream, rr and udp connection when it ends. A crr test is
 * thousands of connections, so they are added up per test (each connection carries its test's id)
 * and printed once the test has opened none for a second ({@link #flushIdle}, called by a ticker,
 * and {@link #close}).
 */
final class BenchServerReport implements Consumer<Served>, AutoCloseable {
  /** How long a host's crr connections must pause before their total is printed. */
  static final long CRR_IDLE_NANOS = 1_000_000_000L;

  private final PrintWriter out;
  private final boolean json;
  private final Map<Long, Burst> bursts = new LinkedHashMap<>();

  /** One crr test's connections so far. */
  private static final class Burst {
    InetAddress host;
    long connections;
    long bytes;
    long firstStart;
    long lastEnd;
  }

  BenchServerReport(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  @Override
  public synchronized void accept(Served s) {
    if (s.mode() == BenchMode.CRR) {
      long end = System.nanoTime();
      Burst b = bursts.computeIfAbsent(s.test(), t -> new Burst());
      if (b.connections == 0) {
        b.host = s.client().getAddress();
        b.firstStart = end - s.took().toNanos();
      }
      b.connections += s.exchanges();
      b.bytes += s.bytes();
      b.lastEnd = end;
      return;
    }
    String client = SocketAddresses.format(s.client());
    double seconds = s.took().toNanos() / 1e9;
    double over = Math.max(1e-9, seconds); // what rates divide by: never zero
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("client", client);
      m.put("mode", s.mode().name().toLowerCase(Locale.ROOT));
      m.put("seconds", seconds);
      switch (s.mode()) {
        case STREAM -> {
          m.put("reverse", s.reverse());
          m.put("bytes", s.bytes());
          m.put("bits_per_second", s.bytes() * 8 / over);
        }
        case RR -> {
          m.put("round_trips", s.exchanges());
          m.put("per_second", s.exchanges() / over);
        }
        case UDP -> m.put("udp", s.udp() == null ? null : BenchReport.json(s.udp()));
        case CRR -> throw new AssertionError("added up above");
      }
      out.print(JsonText.line(m));
    } else {
      String line =
          switch (s.mode()) {
            case STREAM ->
                String.format(
                    Locale.ROOT,
                    "stream%s: %s %s in %.2f s, %s",
                    s.reverse() ? " (reverse)" : "",
                    s.reverse() ? "sent" : "received",
                    Sizes.of(s.bytes()),
                    seconds,
                    BenchReport.bits(s.bytes() * 8 / over));
            case RR ->
                String.format(
                    Locale.ROOT,
                    "rr: %,d round trips in %.2f s (%,.0f/s)",
                    s.exchanges(),
                    seconds,
                    s.exchanges() / over);
            case UDP ->
                s.udp() == null
                    ? "udp: ended before its report"
                    : String.format(
                        Locale.ROOT,
                        "udp: received %,d of %,d datagrams, lost %,d (%.3f%%), reordered %,d, duplicates %,d, jitter %.4f ms",
                        s.udp().received(),
                        s.udp().sent(),
                        s.udp().lost(),
                        s.udp().lossPercent(),
                        s.udp().reordered(),
                        s.udp().duplicates(),
                        s.udp().jitterMillis());
            case CRR -> throw new AssertionError("added up above");
          };
      out.println("[" + client + "] " + line);
    }
    out.flush();
  }

  /** Prints the crr totals of hosts that have opened no connection for a second. */
  synchronized void flushIdle() {
    flush(System.nanoTime() - CRR_IDLE_NANOS);
  }

  /** Prints every crr total still held. */
  @Override
  public synchronized void close() {
    flush(Long.MAX_VALUE);
  }

  private void flush(long endedBefore) {
    for (Iterator<Map.Entry<Long, Burst>> it = bursts.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Burst> e = it.next();
      Burst b = e.getValue();
      if (b.lastEnd - endedBefore > 0 && endedBefore != Long.MAX_VALUE) {
        continue;
      }
      it.remove();
      double seconds = Math.max(1e-9, (b.lastEnd - b.firstStart) / 1e9);
      String host = SocketAddresses.formatIp(b.host);
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client", host);
        m.put("mode", "crr");
        m.put("seconds", seconds);
        m.put("connections", b.connections);
        m.put("per_second", b.connections / seconds);
        out.print(JsonText.line(m));
      } else {
        out.printf(
            Locale.ROOT,
            "[%s] crr: %,d connections in %.2f s (%,.0f/s)%n",
            host,
            b.connections,
            seconds,
            b.connections / seconds);
      }
    }
    out.flush();
  }
}
