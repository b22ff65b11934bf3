/**
 * Service names for port numbers ({@code 22/tcp} is {@code ssh}) and the ordered list of common
 * service ports behind {@code sockit scan --top N}: {@link
 * dev.sockit.core.servicename.ServiceNames} is the small lookup every view uses ({@link
 * dev.sockit.core.servicename.ServiceNames#standard()} combines sockit's table with the IANA
 * registry of {@code dev.sockit.core.portnumber}), {@link dev.sockit.core.servicename.CommonPorts}
 * the built-in ordered table.
 *
 * <pre>{@code
 * ServiceNames names = ServiceNames.standard();
 * names.name(443, Transport.TCP);                   // Optional[https]
 * CommonPorts.load().top(3, Transport.TCP);         // [80, 23, 443]
 * }</pre>
 */
package dev.sockit.core.servicename;
