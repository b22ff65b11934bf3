/**
 * Addresses as users type them, parsed strictly and never through DNS, and what they mean: {@link
 * dev.sockit.core.address.IpAddress} (the one strict IPv4/IPv6 parser, RFC 5952 text), {@link
 * dev.sockit.core.address.Prefix} (network, masks, broadcast, hosts per RFC 3021, subnets), {@link
 * dev.sockit.core.address.AddressRange} (ranges and the minimal prefix summary), {@link
 * dev.sockit.core.address.SpecialPurposeRegistry} (the bundled, dated IANA registries), {@link
 * dev.sockit.core.address.AddressClass}, {@link dev.sockit.core.address.Multicast}, {@link
 * dev.sockit.core.address.EmbeddedIpv4}, {@link dev.sockit.core.address.ReverseDns}, and for
 * sockets {@link dev.sockit.core.address.HostPort}, {@link dev.sockit.core.address.IpLiterals} and
 * {@link dev.sockit.core.address.SocketAddresses}.
 *
 * <pre>{@code
 * Prefix p = Prefix.parse("192.168.1.77/26");
 * p.network();        // 192.168.1.64
 * p.usableHosts();    // 62
 * SpecialPurposeRegistry.bundled(IpVersion.IPV4).lookup(p.address()); // Private-Use, RFC 1918
 * IpAddress.parse("010.1.1.1");  // IllegalArgumentException: leading zero, octal to some tools
 * HostPort hp = HostPort.parse("[::1]:8080");   // host "::1", port 8080
 * }</pre>
 */
package dev.sockit.core.address;
