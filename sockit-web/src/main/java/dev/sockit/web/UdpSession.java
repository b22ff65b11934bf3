package dev.sockit.web;

import dev.sockit.core.udp.Datagram;
import dev.sockit.core.udp.DatagramEndpoint;
import dev.sockit.core.udp.UdpOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A UDP session: a bound socket that receives from anyone, sends to a target, to the last sender,
 * or (with broadcast on) to a broadcast address; auto-reply rules answer the sender.
 */
final class UdpSession extends Session {
  private final DatagramEndpoint endpoint;
  private volatile InetSocketAddress lastSender;

  private UdpSession(String id, InetSocketAddress bind, boolean broadcast) throws IOException {
    super(id);
    this.endpoint = DatagramEndpoint.open(UdpOptions.bound(bind).withBroadcast(broadcast), bus);
    opened();
    Thread.ofVirtual().name("sockit-ui-udp-" + id).start(this::receiveLoop);
  }

  /**
   * Binds {@code bind} (port 0: any free port).
   *
   * @throws IOException if it cannot be bound; the message names the address
   */
  static UdpSession open(String id, InetSocketAddress bind, boolean broadcast) throws IOException {
    return new UdpSession(id, bind, broadcast);
  }

  private void receiveLoop() {
    try {
      while (endpoint.isOpen()) {
        Datagram d = endpoint.receive(Duration.ofMillis(500));
        if (d == null) {
          continue;
        }
        // lastSender: set by received(), as the datagram was logged
        byte[] reply = rules().isEmpty() ? null : replyFor(d.data());
        if (reply != null) {
          endpoint.send(reply, d.sender());
        }
      }
    } catch (IOException | RuntimeException e) {
      if (endpoint.isOpen()) {
        note("", "receive failed: " + e.getMessage());
      }
    }
  }

  @Override
  void received(dev.sockit.core.event.TrafficEvent.Received r) {
    if (r.peer() instanceof InetSocketAddress sender) {
      lastSender = sender; // before the page can see the datagram and answer "last"
    }
  }

  int port() {
    return endpoint.localAddress().getPort();
  }

  @Override
  String kind() {
    return "udp";
  }

  @Override
  String title() {
    return "UDP " + addr(endpoint.localAddress());
  }

  @Override
  void send(String target, byte[] data) throws IOException {
    if (!endpoint.isOpen()) {
      throw new IllegalStateException("the UDP socket is closed");
    }
    endpoint.send(data, resolve(target));
  }

  private InetSocketAddress resolve(String target) throws IOException {
    if (target == null || target.isEmpty() || "last".equals(target)) {
      InetSocketAddress last = lastSender;
      if (last == null) {
        throw new IllegalStateException(
            "nothing has been received yet, so there is no last sender to reply to");
      }
      return last;
    }
    int colon = target.lastIndexOf(':');
    if (colon <= 0 || colon == target.length() - 1) {
      throw new IllegalArgumentException(
          "target must be HOST:PORT, e.g. 192.168.1.10:8080, got '" + target + "'");
    }
    String host = target.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(target.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port in '" + target + "' is not a number");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be from 1 to 65535, got " + port);
    }
    InetAddress a;
    try {
      a = InetAddress.getByName(host);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve host '" + host + "'");
    }
    if (a instanceof java.net.Inet6Address
        && endpoint.localAddress().getAddress() instanceof java.net.Inet4Address) {
      throw new IllegalArgumentException(
          "cannot send to IPv6 " + host + " from a socket bound to IPv4; bind :: instead");
    }
    return new InetSocketAddress(a, port);
  }

  @Override
  void closeEndpoint() throws IOException {
    endpoint.close();
  }
}
