package dev.sockit.core.host;

import dev.sockit.core.address.IpAddress;
import java.util.Objects;

/**
 * A default route: the router that packets to anywhere else go through.
 *
 * @param address the gateway's address
 * @param interfaceName the interface the route uses
 * @param metric the route metric (lower is preferred)
 */
public record Gateway(IpAddress address, String interfaceName, long metric) {

  /** Checks for nulls. */
  public Gateway {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(interfaceName, "interfaceName");
  }
}
