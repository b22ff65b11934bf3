/**
 * Addresses as users type them, parsed strictly and never through DNS: {@link
 * dev.sockit.core.address.HostPort} ({@code host:port}, {@code [v6]:port}), {@link
 * dev.sockit.core.address.IpLiterals} and {@link dev.sockit.core.address.SocketAddresses} (RFC 5952
 * text).
 *
 * <pre>{@code
 * HostPort hp = HostPort.parse("[::1]:8080");   // host "::1", port 8080
 * HostPort.parse("256.1.1.1:80");               // IllegalArgumentException: 256 is more than 255
 * }</pre>
 */
package dev.sockit.core.address;
