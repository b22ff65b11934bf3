/**
 * Ports as numbers and names: the bundled, dated IANA service-name registry ({@link
 * dev.sockit.core.portnumber.ServiceRegistry}), the IANA ranges ({@link
 * dev.sockit.core.portnumber.IanaPortRange}), this host's ephemeral range ({@link
 * dev.sockit.core.portnumber.EphemeralRange}) and ports that are free right now ({@link
 * dev.sockit.core.portnumber.FreePorts}).
 *
 * <pre>{@code
 * ServiceRegistry.bundled().byName("ssh");             // 22/tcp, 22/udp
 * IanaPortRange.of(50000);                             // DYNAMIC
 * EphemeralRange.read(EphemeralRange.LINUX_FILE);      // Optional[32768-60999]
 * FreePorts.find(false, 3);                            // three free TCP ports
 * }</pre>
 */
package dev.sockit.core.portnumber;
