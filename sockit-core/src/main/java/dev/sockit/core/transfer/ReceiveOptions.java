package dev.sockit.core.transfer;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link FileReceiver} listens and writes.
 *
 * @param bindAddress the local address, or {@code null} for every address
 * @param port 0 to 65535 (0: the system chooses)
 * @param dir the folder files are written into (created if missing)
 * @param overwrite whether existing files may be replaced
 * @param code the code a sender must give, or {@code null} when none is asked
 * @param idleTimeout how long a connected sender may stay silent before the transfer is abandoned
 *     (partial files are kept), or {@code null} to wait forever
 * @param sync whether each file is flushed to the disk (fsync) before it gets its final name: on by
 *     default; off trades safety after a power loss for speed on many small files
 */
public record ReceiveOptions(
    InetAddress bindAddress,
    int port,
    Path dir,
    boolean overwrite,
    String code,
    Duration idleTimeout,
    boolean sync) {
  /** The idle timeout of {@link #loopback}. */
  public static final Duration DEFAULT_IDLE = Duration.ofSeconds(60);

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException if the port is out of range or the code empty
   * @throws NullPointerException if {@code dir} is null
   */
  public ReceiveOptions {
    Objects.requireNonNull(dir, "dir");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0-65535");
    }
    if (code != null && code.isEmpty()) {
      throw new IllegalArgumentException("an empty code protects nothing");
    }
    if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
      throw new IllegalArgumentException("the idle timeout must be positive");
    }
  }

  /**
   * Loopback, no code, no overwriting, a 60 s idle timeout, files flushed before their rename.
   *
   * @param port the port (0: the system chooses)
   * @param dir the target folder
   * @return the options
   */
  public static ReceiveOptions loopback(int port, Path dir) {
    return new ReceiveOptions(
        InetAddress.getLoopbackAddress(), port, dir, false, null, DEFAULT_IDLE, true);
  }

  /**
   * The same options asking for {@code code}.
   *
   * @param code the code, or {@code null} for none
   * @return new options
   */
  public ReceiveOptions withCode(String code) {
    return new ReceiveOptions(bindAddress, port, dir, overwrite, code, idleTimeout, sync);
  }

  /**
   * The same options with overwriting on or off.
   *
   * @param allow whether existing files may be replaced
   * @return new options
   */
  public ReceiveOptions withOverwrite(boolean allow) {
    return new ReceiveOptions(bindAddress, port, dir, allow, code, idleTimeout, sync);
  }

  /**
   * The same options with another idle timeout.
   *
   * @param timeout the timeout, or {@code null} to wait forever
   * @return new options
   */
  public ReceiveOptions withIdleTimeout(Duration timeout) {
    return new ReceiveOptions(bindAddress, port, dir, overwrite, code, timeout, sync);
  }

  /**
   * The same options with flushing each file before its rename on or off.
   *
   * @param flush whether to fsync
   * @return new options
   */
  public ReceiveOptions withSync(boolean flush) {
    return new ReceiveOptions(bindAddress, port, dir, overwrite, code, idleTimeout, flush);
  }
}
