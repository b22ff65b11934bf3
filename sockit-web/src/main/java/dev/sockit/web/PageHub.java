package dev.sockit.web;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Every open page, and the one thread that sends them batches: every {@link #BATCH_MILLIS} ms it
 * takes one {@link Workspace.Tick} (each session's news, built once) and hands each page whose last
 * batch has gone the part it has not seen, on a short-lived virtual thread. A page holds no thread
 * of its own, so a page that vanishes without a close frame leaves nothing running; with a thousand
 * pages open the work per tick is the sessions' news once plus a lookup per page.
 */
final class PageHub implements AutoCloseable {
  /** How often pages get new log entries and counters. */
  static final long BATCH_MILLIS = 150;

  private final Workspace workspace;
  private final AccessGuardHolder guard;
  private final Set<Page> pages = ConcurrentHashMap.newKeySet();
  private final Thread ticker;
  private volatile boolean running = true;

  /** The access guard, known once the server has its port. */
  static final class AccessGuardHolder {
    volatile AccessGuard guard;
  }

  PageHub(Workspace workspace, AccessGuardHolder guard) {
    this.workspace = workspace;
    this.guard = guard;
    this.ticker = Thread.ofPlatform().daemon().name("sockit-ui-batches").start(this::run);
  }

  void add(Page page) {
    pages.add(page);
  }

  void remove(Page page) {
    pages.remove(page);
  }

  /** Pages open now. */
  int size() {
    return pages.size();
  }

  /** A one-time link token for a page that asks for a link for another browser. */
  String newLinkToken() {
    return guard.guard.newLink();
  }

  private void run() {
    long next = System.nanoTime();
    while (running) {
      try {
        tick();
      } catch (RuntimeException e) {
        System.getLogger(PageHub.class.getName())
            .log(System.Logger.Level.WARNING, "sending batches failed", e);
      }
      next += BATCH_MILLIS * 1_000_000L;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      } else {
        next = System.nanoTime(); // fell behind: do not burst to catch up
      }
    }
  }

  private void tick() {
    if (pages.isEmpty()) {
      return;
    }
    Workspace.Tick tick = workspace.tick();
    for (Page page : pages) {
      if (!page.startSending()) {
        continue; // its last batch is still on its way
      }
      String batch;
      try {
        batch = tick.batchFor(page.cursor());
      } catch (RuntimeException e) {
        page.nothingToSend();
        throw e;
      }
      if (batch == null) {
        page.nothingToSend();
      } else {
        Thread.ofVirtual().name("sockit-ui-send").start(() -> page.sendBatch(batch));
      }
    }
  }

  @Override
  public void close() {
    running = false;
    LockSupport.unpark(ticker);
  }
}
