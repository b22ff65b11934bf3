/**
 * Access control for listeners: allow and deny lists of CIDR prefixes, as ncat's {@code --allow}
 * and {@code --deny}.
 *
 * <pre>{@code
 * AccessList lan = AccessList.of(List.of("192.168.0.0/16"), List.of());
 * lan.permits(InetAddress.getLoopbackAddress()); // false
 * }</pre>
 */
package dev.sockit.core.access;
