package dev.sockit.cli.transfer;

import dev.sockit.cli.text.Sizes;
import dev.sockit.cli.text.StatusLine;
import dev.sockit.core.transfer.TransferProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line bar on stderr for {@code sockit send} and {@code receive}: percent, bytes, rate and
 * ETA, redrawn five times a second by its own thread so the transfer only stores two numbers. Only
 * on a terminal.
 */
final class TransferProgressBar implements TransferProgress, AutoCloseable {
  private static final int WIDTH = 24;

  private final AtomicLong done = new AtomicLong();
  private final AtomicLong total = new AtomicLong(-1);
  private final long started = System.nanoTime();
  private final StatusLine line;

  private TransferProgressBar(PrintWriter err) {
    this.line = new StatusLine(err, this::render);
  }

  /** A bar when {@code show}, else {@link TransferProgress#NONE}. */
  static TransferProgress start(PrintWriter err, boolean show) {
    return show ? new TransferProgressBar(err) : TransferProgress.NONE;
  }

  static void stop(TransferProgress p) {
    if (p instanceof TransferProgressBar bar) {
      bar.close();
    }
  }

  @Override
  public void update(long bytesDone, long bytesTotal) {
    done.set(bytesDone);
    total.set(bytesTotal);
  }

  /** Nothing until the total is known; then percent, bytes, rate and ETA. */
  private String render() {
    long t = total.get();
    if (t < 0) {
      return null;
    }
    long d = done.get();
    double seconds = (System.nanoTime() - started) / 1e9;
    double rate = seconds > 0 ? d / seconds : 0;
    String eta = rate > 0 ? clock((t - d) / rate) : "--:--";
    return String.format(
        Locale.ROOT,
        "%s %3d%% %s / %s  %s/s  ETA %s",
        StatusLine.bar(d, t, WIDTH),
        t == 0 ? 100 : d * 100 / t,
        Sizes.of(d),
        Sizes.of(t),
        Sizes.of(rate),
        eta);
  }

  private static String clock(double s) {
    long n = Math.round(s);
    return n >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", n / 3600, n / 60 % 60, n % 60)
        : String.format(Locale.ROOT, "%d:%02d", n / 60, n % 60);
  }

  @Override
  public void close() {
    line.close();
  }
}
