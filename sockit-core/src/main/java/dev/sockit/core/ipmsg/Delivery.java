package dev.sockit.core.ipmsg;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * A message that was acknowledged ({@link IpmsgCommand#RECVMSG}).
 *
 * @param packetNo the message's packet number
 * @param to where it went
 * @param attempts how many times it was sent (1 when the first send was acknowledged)
 * @param elapsed from the first send to the acknowledgement
 */
public record Delivery(long packetNo, InetSocketAddress to, int attempts, Duration elapsed) {
  /** Requires the fields. */
  public Delivery {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(elapsed, "elapsed");
  }
}
