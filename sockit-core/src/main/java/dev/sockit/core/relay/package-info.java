/**
 * Relays: listen on one end, and for each client open a way to another end and carry what both
 * sides send, as {@code socat TCP-LISTEN:8080,fork TCP:host:80} or rinetd do. {@link
 * dev.sockit.core.relay.StreamRelay} joins TCP and Unix stream sockets in any combination (IPv4
 * clients to IPv6 targets and back), carries each side's half-close (FIN) to the other, and moves
 * the bytes inside the kernel with {@code splice(2)} on Linux with Java 22+; {@link
 * dev.sockit.core.relay.DatagramRelay} keeps a bounded table of UDP sessions, each with its own
 * upstream socket, so that replies reach the client they belong to. {@link
 * dev.sockit.core.relay.Bridge} joins any two connections (the proxy server uses it too). Every
 * session is reported as {@link dev.sockit.core.relay.RelayEvent}s; the bytes of both sides are on
 * the relay's traffic bus.
 *
 * <pre>{@code
 * RelayOptions options = RelayOptions.of(
 *     RelayEndpoint.source("tcp:127.0.0.1:8080"), RelayEndpoint.target("tcp:[::1]:80"));
 * try (Relay relay = Relay.start(options, event -> System.out.println(event))) {
 *   relay.awaitStop(null);
 * }
 * }</pre>
 */
package dev.sockit.core.relay;
