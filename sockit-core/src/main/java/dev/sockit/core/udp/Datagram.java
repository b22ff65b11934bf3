package dev.sockit.core.udp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One received datagram and who sent it ({@code recvfrom()}).
 *
 * @param sender the sender's address and port
 * @param data the payload (copied in and out)
 * @param local the local address the datagram arrived on, the one a reply should leave from (from
 *     {@code IP_PKTINFO}/{@code IPV6_PKTINFO}, see {@link UdpOptions#packetInfo()}); {@code null}
 *     when not known, or when the datagram came to a multicast group
 */
public record Datagram(InetSocketAddress sender, byte[] data, InetAddress local) {
  /** Copies the payload. */
  public Datagram {
    Objects.requireNonNull(sender, "sender");
    data = data.clone();
  }

  /**
   * A datagram whose arrival address is not known.
   *
   * @param sender the sender
   * @param data the payload (copied)
   */
  public Datagram(InetSocketAddress sender, byte[] data) {
    this(sender, data, null);
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
