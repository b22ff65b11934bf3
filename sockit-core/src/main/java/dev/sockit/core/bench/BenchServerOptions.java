package dev.sockit.core.bench;

import java.net.InetAddress;

/**
 * Where a {@link BenchServer} listens (TCP and UDP on the same port number).
 *
 * @param address the local address, or {@code null} for every address
 * @param port 0 to 65535 (0: the system chooses a port free for TCP; UDP binds the same number)
 * @param dropEvery fault injection for tests: drop every Nth arriving datagram before counting it
 *     (0: none)
 */
public record BenchServerOptions(InetAddress address, int port, int dropEvery) {
  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException if the port or drop rate is out of range
   */
  public BenchServerOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0-65535");
    }
    if (dropEvery < 0) {
      throw new IllegalArgumentException("dropEvery cannot be negative");
    }
  }

  /**
   * Loopback, no faults.
   *
   * @param port the port
   * @return the options
   */
  public static BenchServerOptions loopback(int port) {
    return new BenchServerOptions(InetAddress.getLoopbackAddress(), port, 0);
  }
}
