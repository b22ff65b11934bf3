/**
 * {@code bench}: throughput, request-response latency and connection rate between two sockit
 * processes ({@code bench server}, {@code bench client}) or within one ({@code bench loopback}),
 * printed as iperf3 does (docs/transfer-and-bench.md).
 *
 * <pre>{@code
 * sockit bench loopback --time 2s
 * }</pre>
 */
package dev.sockit.cli.bench;
