/**
 * Port scanning of a host the user names: {@link dev.sockit.core.scan.PortList} parses {@code
 * 1-1024,3306,ssh}; {@link dev.sockit.core.scan.PortScanner} runs a TCP connect scan (non-blocking
 * sockets and one selector, bounded concurrency, optional banner grab) or a UDP probe scan, and
 * returns a {@link dev.sockit.core.scan.PortResult} per port.
 *
 * <pre>{@code
 * List<PortResult> results = PortScanner.tcp(
 *     InetAddress.getLoopbackAddress(),
 *     PortList.parse("1-1024", ServiceNames.none()),
 *     ScanOptions.tcpDefaults(),
 *     done -> {});
 * results.stream().filter(r -> r.status() == PortStatus.OPEN).forEach(System.out::println);
 * }</pre>
 */
package dev.sockit.core.scan;
