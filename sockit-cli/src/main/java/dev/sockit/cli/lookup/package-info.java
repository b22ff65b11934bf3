/**
 * Commands that look something up and print one report: {@code ip} (an address or prefix, computed
 * locally), {@code ifaces}, {@code resolve}, {@code port} (the IANA registry, a free port) and
 * {@code ports} (the socket table). Each prints text or, with {@code --json}, the same facts as
 * JSON (docs/ip.md, docs/ports-scan-probe.md).
 *
 * <pre>{@code
 * sockit ip 192.168.1.77/26
 * sockit ports --listening --json
 * }</pre>
 */
package dev.sockit.cli.lookup;
