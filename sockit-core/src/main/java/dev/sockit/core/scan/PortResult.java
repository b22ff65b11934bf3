package dev.sockit.core.scan;

import dev.sockit.core.net.Transport;
import java.time.Duration;
import java.util.Objects;

/**
 * The result for one port.
 *
 * @param port the port
 * @param transport TCP or UDP
 * @param status open, closed, filtered or open|filtered
 * @param reason why, in nmap's {@code --reason} words: {@code syn-ack}, {@code conn-refused},
 *     {@code no-response}, {@code udp-response}, {@code port-unreach}, or the system's error text
 * @param time from starting the probe to the answer (or to giving up)
 * @param banner the first bytes the service sent; empty when not asked for or nothing came
 */
public record PortResult(
    int port, Transport transport, PortStatus status, String reason, Duration time, byte[] banner) {
  /** Validates and copies the fields. */
  public PortResult {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 1-65535");
    }
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(time, "time");
    banner = banner.clone();
  }

  /**
   * The banner bytes.
   *
   * @return a copy
   */
  @Override
  public byte[] banner() {
    return banner.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PortResult r
        && port == r.port
        && transport == r.transport
        && status == r.status
        && reason.equals(r.reason)
        && time.equals(r.time)
        && java.util.Arrays.equals(banner, r.banner);
  }

  @Override
  public int hashCode() {
    return Objects.hash(port, transport, status, reason, time, java.util.Arrays.hashCode(banner));
  }

  @Override
  public String toString() {
    return port + "/" + transport.label() + " " + status.label() + " (" + reason + ")";
  }
}
