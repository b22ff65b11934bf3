package dev.sockit.core.relay;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Bridge} carries bytes.
 *
 * @param bytesPerSecond the most each direction may carry per second; 0 for no limit (then bytes
 *     move with {@code splice(2)} where the platform allows)
 * @param idleTimeout end both sides after this long with no byte moving either way; {@link
 *     Duration#ZERO} never
 */
public record BridgeOptions(long bytesPerSecond, Duration idleTimeout) {
  /** No rate limit, no idle timeout. */
  public static final BridgeOptions DEFAULT = new BridgeOptions(0, Duration.ZERO);

  /** Validates the options. */
  public BridgeOptions {
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException("rate must not be negative, got " + bytesPerSecond);
    }
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.isNegative()) {
      throw new IllegalArgumentException("idle timeout must not be negative, got " + idleTimeout);
    }
  }

  /** A copy with another rate limit (0: none). */
  public BridgeOptions withRate(long value) {
    return new BridgeOptions(value, idleTimeout);
  }

  /** A copy with another idle timeout. */
  public BridgeOptions withIdleTimeout(Duration value) {
    return new BridgeOptions(bytesPerSecond, value);
  }
}
