package dev.sockit.cli;

import dev.sockit.core.transfer.TransferProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line bar on stderr for {@code sockit send} and {@code receive}: percent, bytes, rate and
 * ETA, redrawn five times a second by its own thread so the transfer only stores two numbers.
 * Only on a terminal.
 */
final class TransferProgressBar implements TransferProgress, AutoCloseable {
  private static final int WIDTH = 24;

  private final PrintWriter err;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong total = new AtomicLong(-1);
  private final long started = System.nanoTime();
  private final Thread painter;
  private volatile boolean running = true;

  private TransferProgressBar(PrintWriter err) {
    this.err = err;
    this.painter = Thread.ofPlatform().daemon().name("sockit-progress").start(this::paintLoop);
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

  private void paintLoop() {
    while (running) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
      paint();
    }
  }

  private synchronized void paint() {
    long t = total.get();
    if (t < 0 || !running) {
      return;
    }
    long d = done.get();
    double seconds = (System.nanoTime() - started) / 1e9;
    double rate = seconds > 0 ? d / seconds : 0;
    int filled = t == 0 ? WIDTH : (int) (d * WIDTH / t);
    String eta = rate > 0 ? clock((t - d) / rate) : "--:--";
    err.print(String.format(Locale.ROOT, "\r[%s%s] %3d%% %s / %s  %s/s  ETA %s\033[K",
        "#".repeat(filled), ".".repeat(WIDTH - filled), t == 0 ? 100 : d * 100 / t,
        TransferText.size(d), TransferText.size(t), TransferText.size(rate), eta));
    err.flush();
  }

  private static String clock(double s) {
    long n = Math.round(s);
    return n >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", n / 3600, n / 60 % 60, n % 60)
        : String.format(Locale.ROOT, "%d:%02d", n / 60, n % 60);
  }

  @Override
  public void close() {
    running = false;
    painter.interrupt();
    try {
      painter.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
