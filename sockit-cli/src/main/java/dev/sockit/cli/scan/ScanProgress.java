package dev.sockit.cli.scan;

import dev.sockit.cli.text.StatusLine;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A one-line progress bar on stderr for {@code sockit scan}, redrawn at most five times a second by
 * its own thread so the scanning threads only bump a counter. Only on a terminal.
 */
final class ScanProgress implements IntConsumer, AutoCloseable {
  private static final int WIDTH = 30;

  private final int total;
  private final AtomicInteger done = new AtomicInteger();
  private final StatusLine line;

  private ScanProgress(PrintWriter err, int total) {
    this.total = total;
    this.line = new StatusLine(err, this::render);
  }

  /** A bar when {@code show}, else a counter that draws nothing. */
  static ScanProgress start(PrintWriter err, int total, boolean show) {
    return show ? new ScanProgress(err, total) : null;
  }

  @Override
  public void accept(int finished) {
    done.accumulateAndGet(finished, Math::max);
  }

  private String render() {
    int d = done.get();
    return StatusLine.bar(d, Math.max(1, total), WIDTH) + " " + d + "/" + total + " ports";
  }

  @Override
  public void close() {
    line.close();
  }
}
