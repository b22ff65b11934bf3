/**
 * Network measurements in the manner of iperf3 and netperf: a {@link
 * dev.sockit.core.bench.BenchServer} that answers every mode, and {@link
 * dev.sockit.core.bench.BenchClient} runs of bulk throughput ({@code STREAM}), request/response
 * round trips ({@code RR}), connect-request-response-close ({@code CRR}) and UDP datagrams at a
 * target rate ({@code UDP}, with loss, reordering and jitter). Latencies go into a {@link
 * dev.sockit.core.bench.LatencyHistogram} (log-linear, under 1% error).
 *
 * <pre>{@code
 * try (BenchServer server = BenchServer.bind(BenchServerOptions.loopback(0))) {
 *   BenchResult r = BenchClient.run(server.localAddress(), BenchOptions.of(BenchMode.RR), IntervalListener.NONE);
 *   System.out.println(r.latency().p99Micros());
 * }
 * }</pre>
 */
package dev.sockit.core.bench;
