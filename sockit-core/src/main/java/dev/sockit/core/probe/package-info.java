/**
 * The whole path of one connection, timed step by step: {@link dev.sockit.core.probe.Probe} runs
 * DNS resolution, a TCP connect to each address in turn, the TLS handshake (protocol, cipher,
 * certificate and whether it verifies) and an HTTP GET (status, headers, time to first byte, size),
 * and returns a {@link dev.sockit.core.probe.ProbeReport} of {@link dev.sockit.core.probe.Phase}s.
 *
 * <pre>{@code
 * ProbeReport report = Probe.run(ProbeTarget.parse("http://localhost:8080/", false), ProbeOptions.defaults());
 * for (Phase p : report.phases()) {
 *   switch (p) {
 *     case Phase.Resolved r -> System.out.println("dns " + r.addresses());
 *     case Phase.Connect c -> System.out.println("connect " + c.remote() + (c.ok() ? " ok" : " " + c.error()));
 *     case Phase.Tls t -> System.out.println("tls " + t.protocol() + " verified=" + t.verified());
 *     case Phase.Http h -> System.out.println(h.statusLine() + " ttfb " + h.timeToFirstByte());
 *     case Phase.Failed f -> System.out.println(f.step() + " failed: " + f.message());
 *   }
 * }
 * }</pre>
 */
package dev.sockit.core.probe;
