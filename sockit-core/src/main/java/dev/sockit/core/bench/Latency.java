package dev.sockit.core.bench;

/**
 * Latency percentiles of a run, in microseconds.
 *
 * @param count samples
 * @param p50Micros median
 * @param p90Micros 90th percentile
 * @param p99Micros 99th percentile
 * @param p999Micros 99.9th percentile
 * @param maxMicros the largest sample
 * @param meanMicros the mean
 */
public record Latency(
    long count,
    double p50Micros,
    double p90Micros,
    double p99Micros,
    double p999Micros,
    double maxMicros,
    double meanMicros) {}
