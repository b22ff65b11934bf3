/**
 * The netcat-class commands: {@code tcp}, {@code udp} and {@code unix}, each with {@code connect}
 * (or {@code send}) and {@code listen}, joined to standard input and output as ncat does. The
 * relays ({@code StreamRelay}, {@code ListenRunner}), the listen and relay options, and the views
 * of traffic events on stderr ({@code -v}, {@code --trace}, {@code -x}: {@code EventPrinter},
 * {@code DatagramPrinter}).
 *
 * <pre>{@code
 * sockit tcp listen -k 0 --echo      # an echo server; the readiness line names its port
 * echo hi | sockit tcp connect 127.0.0.1 PORT
 * }</pre>
 */
package dev.sockit.cli.netcat;
