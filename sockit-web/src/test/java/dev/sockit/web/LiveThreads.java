package dev.sockit.web;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import jdk.jfr.consumer.RecordingStream;

/**
 * Counts this JVM's live threads, virtual ones included: platform threads from the thread MXBean,
 * virtual threads as those started minus those ended since {@link #start()}, from JFR's {@code
 * jdk.VirtualThreadStart} and {@code jdk.VirtualThreadEnd} events. (A thread dump would count them
 * too, but taking one while virtual threads park crashed JDK 25.0.3 here.)
 */
final class LiveThreads implements AutoCloseable {
  private final RecordingStream stream = new RecordingStream();
  private final AtomicInteger virtualLive = new AtomicInteger();
  private final AtomicInteger events = new AtomicInteger();

  private LiveThreads() {}

  static LiveThreads start() throws InterruptedException {
    LiveThreads t = new LiveThreads();
    t.stream.enable("jdk.VirtualThreadStart");
    t.stream.enable("jdk.VirtualThreadEnd");
    t.stream.setMaxAge(Duration.ofSeconds(10));
    t.stream.onEvent(
        "jdk.VirtualThreadStart",
        e -> {
          t.virtualLive.incrementAndGet();
          t.events.incrementAndGet();
        });
    t.stream.onEvent(
        "jdk.VirtualThreadEnd",
        e -> {
          t.virtualLive.decrementAndGet();
          t.events.incrementAndGet();
        });
    t.stream.startAsync();
    // JFR delivers events about once a second: wait until it runs, with a thread of our own
    for (int i = 0; i < 100 && t.events.get() == 0; i++) {
      Thread.ofVirtual().start(() -> {}).join();
      Thread.sleep(100);
    }
    return t;
  }

  /** Platform threads now plus virtual threads started since {@link #start()} and not ended. */
  int count() {
    return ManagementFactory.getThreadMXBean().getThreadCount() + virtualLive.get();
  }

  /**
   * Waits up to 20 s (JFR is about a second behind) until {@code until} holds; returns the count
   * then (or the last one seen).
   */
  int awaitCount(IntPredicate until) throws InterruptedException {
    int n = count();
    for (int i = 0; i < 200 && !until.test(n); i++) {
      Thread.sleep(100);
      n = count();
    }
    return n;
  }

  @Override
  public void close() {
    stream.close();
  }
}
