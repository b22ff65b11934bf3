package dev.sockit.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A one-line progress bar on stderr for {@code sockit scan}, redrawn at most five times a second
 * by its own thread so the scanning threads only bump a counter. Only on a terminal.
 */
final class ScanProgress implements IntConsumer, AutoCloseable {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final int total;
  private final AtomicInteger done = new AtomicInteger();
  private final Thread painter;
  private volatile boolean running = true;

  private ScanProgress(PrintWriter err, int total) {
    this.err = err;
    this.total = total;
    this.painter = Thread.ofPlatform().daemon().name("sockit-progress").start(this::paintLoop);
  }

  /** A bar when {@code show}, else a counter that draws nothing. */
  static ScanProgress start(PrintWriter err, int total, boolean show) {
    return show ? new ScanProgress(err, total) : null;
  }

  @Override
  public void accept(int finished) {
    done.accumulateAndGet(finished, Math::max);
  }

  private void paintLoop() {
    while (running) {
      paint();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void paint() {
    int d = done.get();
    int filled = (int) ((long) d * WIDTH / Math.max(1, total));
    err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + d + "/" + total + " ports");
    err.flush();
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
