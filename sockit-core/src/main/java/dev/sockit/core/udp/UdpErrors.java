package dev.sockit.core.udp;

import dev.sockit.core.address.SocketAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;

/** What an ICMP error (or the errno a send or receive returned) means, in one line. */
final class UdpErrors {
  static final int EACCES = 13;
  static final int EMSGSIZE = 90;
  static final int ENETUNREACH = 101;
  static final int ECONNREFUSED = 111;
  static final int EHOSTUNREACH = 113;

  private UdpErrors() {}

  /**
   * The exception for {@code errno}.
   *
   * @param errno the error number (from the socket or an ICMP error's {@code ee_errno})
   * @param text the C library's text for it
   * @param target where the datagram went, or null when not known
   * @param offender who sent the ICMP error, or null when not known
   * @return {@link PortUnreachableException} for "port unreachable", {@link NoRouteToHostException}
   *     for an unreachable host or network, else {@link SocketException}
   */
  static IOException of(int errno, String text, InetSocketAddress target, InetAddress offender) {
    String where = target == null ? "" : " " + SocketAddresses.format(target);
    String from =
        offender == null || (target != null && offender.equals(target.getAddress()))
            ? ""
            : " from " + SocketAddresses.formatIp(offender);
    return switch (errno) {
      case ECONNREFUSED ->
          new PortUnreachableException(
              "nothing listens on UDP"
                  + (where.isEmpty() ? " that port" : where)
                  + ": the datagram was refused (ICMP port unreachable"
                  + from
                  + ")");
      case EHOSTUNREACH, ENETUNREACH ->
          new NoRouteToHostException(
              "cannot reach UDP"
                  + where
                  + ": "
                  + (errno == EHOSTUNREACH ? "host" : "network")
                  + " unreachable (ICMP"
                  + from
                  + ")");
      case EMSGSIZE ->
          new SocketException(
              "datagram to"
                  + where
                  + " is larger than the path takes (message too long"
                  + from
                  + "); send less");
      case EACCES ->
          new SocketException(
              "cannot send to"
                  + where
                  + ": permission denied (a broadcast address needs --broadcast)");
      default -> new SocketException((where.isEmpty() ? "UDP" : "UDP" + where) + ": " + text);
    };
  }
}
