package dev.sockit.cli.text;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * One line on stderr, redrawn five times a second by its own thread from {@code render}, so the
 * working threads only update counters; cleared on {@link #close()}. Progress bars use it, and only
 * on a terminal.
 */
public final class StatusLine implements AutoCloseable {
  private final PrintWriter err;
  private final Supplier<String> render;
  private final Thread painter;
  private volatile boolean running = true;

  /**
   * Starts drawing.
   *
   * @param err where to draw
   * @param render the line's text, or {@code null} to leave the line as it is this time
   */
  public StatusLine(PrintWriter err, Supplier<String> render) {
    this.err = err;
    this.render = render;
    this.painter = Thread.ofPlatform().daemon().name("sockit-progress").start(this::paintLoop);
  }

  /** {@code [#####.....]}: {@code done} of {@code total} as a bar {@code width} characters wide. */
  public static String bar(long done, long total, int width) {
    int filled = total <= 0 ? width : (int) Math.min(width, Math.max(0, done) * width / total);
    return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
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
    String text = running ? render.get() : null;
    if (text != null) {
      err.print("\r" + text + "\033[K");
      err.flush();
    }
  }

  /** Stops drawing and clears the line. */
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
