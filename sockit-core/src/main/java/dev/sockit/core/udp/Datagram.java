package dev.sockit.core.udp;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One received datagram and who sent it ({@code recvfrom()}).
 *
 * @param sender the sender's address and port
 * @param data the payload (copied in and out)
 */
public record Datagram(InetSocketAddress sender, byte[] data) {
  /** Copies the payload. */
  public Datagram {
    Objects.requireNonNull(sender, "sender");
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The payload size in bytes. */
  public int length() {
    return data.length;
  }
}
