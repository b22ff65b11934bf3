/**
 * {@code scan} (which ports of one host answer, TCP connect or UDP) and {@code probe} (one URL or
 * HOST:PORT followed step by step: resolve, connect, TLS, first response), with their progress bar,
 * timeline and JSON forms (docs/ports-scan-probe.md).
 *
 * <pre>{@code
 * sockit scan 127.0.0.1 1-1024
 * sockit probe https://localhost:8443/
 * }</pre>
 */
package dev.sockit.cli.scan;
