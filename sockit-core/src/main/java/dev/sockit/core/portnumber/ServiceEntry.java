package dev.sockit.core.portnumber;

import java.util.Objects;

/**
 * One row of the IANA service-name registry: a port or port range, a transport protocol, the
 * service name (may be empty, e.g. for "Reserved" rows) and the registry's description.
 *
 * @param name the service name, e.g. {@code ssh}; empty when the row has none
 * @param firstPort the port, or the first of a range
 * @param lastPort the same port, or the last of a range
 * @param protocol {@code tcp} or {@code udp}
 * @param description the registry's description, e.g. {@code The Secure Shell (SSH) Protocol}
 */
public record ServiceEntry(
    String name, int firstPort, int lastPort, String protocol, String description) {

  /** Checks the ports and protocol. */
  public ServiceEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    if (firstPort < 0 || lastPort > 65535 || firstPort > lastPort) {
      throw new IllegalArgumentException("bad port range " + firstPort + "-" + lastPort);
    }
    if (!"tcp".equals(protocol) && !"udp".equals(protocol)) {
      throw new IllegalArgumentException("protocol must be tcp or udp, got " + protocol);
    }
  }

  /**
   * The port or range as text: {@code 22} or {@code 6000-6063}.
   *
   * @return the text
   */
  public String ports() {
    return firstPort == lastPort ? Integer.toString(firstPort) : firstPort + "-" + lastPort;
  }
}
