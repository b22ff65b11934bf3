package dev.sockit.core.udp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * Receive and send through {@code recvmsg}/{@code sendmsg} with control data (the address a
 * datagram came to, ICMP errors): the real class is in the jar's Java 22 layer. This Java 21
 * stand-in is never available, and {@link DatagramEndpoint} uses the JDK's calls.
 */
final class NativeDatagrams {
  private NativeDatagrams() {}

  @SuppressWarnings("unused")
  private static final class Buffers {}

  static boolean available() {
    return false;
  }

  static NativeDatagrams open(
      DatagramChannel channel, boolean ipv6Socket, boolean packetInfo, boolean icmpErrors)
      throws IOException {
    throw new UnsupportedOperationException("recvmsg with control data needs Java 22 or later");
  }

  Datagram receive(long timeoutNanos, int port) throws IOException {
    throw new UnsupportedOperationException();
  }

  void send(byte[] payload, InetSocketAddress target, InetAddress from) throws IOException {
    throw new UnsupportedOperationException();
  }

  boolean canSendFrom(InetAddress ip) {
    return false;
  }

  void close() {}
}
