package dev.sockit.core.host;

import java.util.List;
import java.util.Objects;

/**
 * One network interface of this host.
 *
 * @param index the kernel's interface index, or -1 when the platform does not say
 * @param name the name, e.g. {@code eth0}
 * @param mac the hardware address as {@code aa:bb:cc:dd:ee:ff}, or {@code null} if it has none
 * @param mtu the MTU in bytes, or -1 when unknown
 * @param up whether it is up
 * @param loopback whether it is the loopback interface
 * @param broadcast whether it supports broadcast (derived: it has an IPv4 broadcast address)
 * @param multicast whether it supports multicast
 * @param pointToPoint whether it is a point-to-point link
 * @param virtual whether Java reports it as a virtual (sub-)interface
 * @param addresses its addresses
 */
public record HostInterface(
    int index,
    String name,
    String mac,
    int mtu,
    boolean up,
    boolean loopback,
    boolean broadcast,
    boolean multicast,
    boolean pointToPoint,
    boolean virtual,
    List<InterfaceAddressInfo> addresses) {

  /** Copies the address list. */
  public HostInterface {
    Objects.requireNonNull(name, "name");
    addresses = List.copyOf(addresses);
  }

  /**
   * The flags that are set, in a fixed order: up, loopback, broadcast, multicast, point-to-point,
   * virtual.
   *
   * @return the flag names
   */
  public List<String> flags() {
    List<String> out = new java.util.ArrayList<>();
    if (up) {
      out.add("up");
    }
    if (loopback) {
      out.add("loopback");
    }
    if (broadcast) {
      out.add("broadcast");
    }
    if (multicast) {
      out.add("multicast");
    }
    if (pointToPoint) {
      out.add("point-to-point");
    }
    if (virtual) {
      out.add("virtual");
    }
    return out;
  }

  static String formatMac(byte[] mac) {
    if (mac == null || mac.length == 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (byte b : mac) {
      if (sb.length() > 0) {
        sb.append(':');
      }
      sb.append(String.format("%02x", b & 0xff));
    }
    return sb.toString();
  }
}
