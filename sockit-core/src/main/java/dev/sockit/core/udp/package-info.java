/**
 * UDP ({@code SOCK_DGRAM}): {@link dev.sockit.core.udp.DatagramEndpoint} sends and receives
 * datagrams with their sender's address, bound or unbound, with broadcast and multicast; payloads
 * over the 65,507-byte IPv4 limit are refused with {@link
 * dev.sockit.core.udp.DatagramTooLargeException}.
 *
 * <p>The teaching text's receiver, bound to port 7788, decoding GBK:
 *
 * <pre>{@code
 * try (var udp = DatagramEndpoint.open(UdpOptions.bound(new InetSocketAddress(7788)))) {
 *   Datagram d = udp.receive(null);
 *   System.out.println(new String(d.data(), Charset.forName("GBK")));
 * }
 * }</pre>
 */
package dev.sockit.core.udp;
