package dev.sockit.core.host;

import dev.sockit.core.address.IpAddress;
import dev.sockit.core.address.Prefix;
import java.util.Objects;

/**
 * One address of an interface, with what the kernel knows about its network.
 *
 * @param address the address (IPv6 link-local keeps its zone)
 * @param prefixLength the prefix length the interface has for it
 * @param broadcast the IPv4 broadcast address the interface uses, or {@code null}
 * @param scope {@code host}, {@code link} or {@code global}, as {@code ip address} prints it
 */
public record InterfaceAddressInfo(
    IpAddress address, int prefixLength, IpAddress broadcast, String scope) {

  /** Checks the prefix length. */
  public InterfaceAddressInfo {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(scope, "scope");
    new Prefix(address, prefixLength);
  }

  /**
   * The address with its prefix, e.g. {@code 192.168.1.10/24}.
   *
   * @return the prefix
   */
  public Prefix prefix() {
    return new Prefix(address, prefixLength);
  }

  /**
   * The netmask, e.g. {@code 255.255.255.0}.
   *
   * @return the netmask
   */
  public IpAddress netmask() {
    return prefix().netmask();
  }

  static String scopeOf(IpAddress a) {
    if (a.isIpv4()) {
      int top = (int) (a.low() >>> 24);
      if (top == 127) {
        return "host";
      }
      return (a.low() >>> 16) == 0xa9fe ? "link" : "global";
    }
    if (a.high() == 0 && a.low() == 1) {
      return "host";
    }
    return (a.high() >>> 54) == (0xfe80L >>> 6) ? "link" : "global";
  }
}
