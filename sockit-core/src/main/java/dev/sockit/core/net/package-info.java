/**
 * The vocabulary every capability shares: {@link dev.sockit.core.net.Transport} (TCP, UDP, Unix)
 * and {@link dev.sockit.core.net.Family} (IPv4, IPv6 or either). A scan, the socket table and the
 * service names speak of transports without depending on the traffic events or the TCP client.
 *
 * <pre>{@code
 * ServiceNames.standard().name(443, Transport.TCP);   // Optional[https]
 * TcpClient.resolve("localhost", Family.IPV4);        // [localhost/127.0.0.1]
 * }</pre>
 */
package dev.sockit.core.net;
