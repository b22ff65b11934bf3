package dev.sockit.core.bench;

/** Told, from the reporting thread, what happened during each interval of a run. */
@FunctionalInterface
public interface IntervalListener {
  /** Ignores intervals. */
  IntervalListener NONE = (from, to, bytes, transactions) -> {};

  /**
   * One interval.
   *
   * @param fromSeconds start, seconds since the run began
   * @param toSeconds end
   * @param bytes payload bytes moved by the client in the interval
   * @param transactions transactions (or datagrams) completed in the interval
   */
  void interval(double fromSeconds, double toSeconds, long bytes, long transactions);

  /**
   * One interval of the warm-up ({@link BenchOptions#omit()}), which the result leaves out. The
   * warm-up's times run from 0; the measured intervals that follow start from 0 again.
   *
   * @param fromSeconds start, seconds since the warm-up began
   * @param toSeconds end
   * @param bytes payload bytes moved by the client in the interval
   * @param transactions transactions (or datagrams) completed in the interval
   */
  default void omitted(double fromSeconds, double toSeconds, long bytes, long transactions) {}

  /**
   * Each parallel stream's bytes in the interval that {@link #interval} or {@link #omitted} reports
   * next (only for STREAM runs of several streams, {@link BenchOptions#parallel()} &gt; 1; they add
   * up to that interval's bytes), as iperf3 prints a line per stream before its SUM line.
   *
   * @param fromSeconds start, as the interval's
   * @param toSeconds end
   * @param bytes payload bytes per stream, in stream order (the caller's array: copy it to keep it)
   * @param omitted whether the interval is part of the warm-up
   */
  default void streams(double fromSeconds, double toSeconds, long[] bytes, boolean omitted) {}
}
