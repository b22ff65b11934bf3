/**
 * This host's network: interfaces and their addresses ({@link dev.sockit.core.host.HostNetwork}),
 * default gateways read from Linux's routing tables, DNS servers from {@code /etc/resolv.conf}, and
 * timed name lookups through the system resolver ({@link dev.sockit.core.host.NameLookup}).
 *
 * <pre>{@code
 * HostNetwork net = HostNetwork.read();
 * net.ipv4Gateways();                     // Optional[[Gateway[address=192.168.1.1, interfaceName=eth0, ...]]]
 * NameLookup.forward("localhost");        // 127.0.0.1 (and ::1), with the time taken
 * }</pre>
 */
package dev.sockit.core.host;
