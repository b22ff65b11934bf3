package dev.sockit.core.sockettable;

import dev.sockit.core.net.Transport;
import java.util.List;
import java.util.Objects;

/**
 * One socket in the kernel's tables, as {@code ss -tuxanp} shows it.
 *
 * @param transport TCP, UDP or UNIX
 * @param netid ss's column: {@code tcp}, {@code tcp6}, {@code udp}, {@code udp6}, {@code u_str},
 *     {@code u_dgr} or {@code u_seq}
 * @param localAddress the local IP in RFC 5952 text (IPv4-mapped IPv6 as {@code ::ffff:1.2.3.4}),
 *     or for a Unix socket its path ({@code @name} for an abstract one, empty when unnamed)
 * @param localPort the local port; {@code -1} for Unix sockets
 * @param remoteAddress the peer IP; for Unix sockets always empty (Linux's {@code /proc/net/unix}
 *     does not name the peer)
 * @param remotePort the peer port, {@code 0} when there is no peer; {@code -1} for Unix sockets
 * @param state the state
 * @param sendQueue bytes queued to send (TCP: not yet acknowledged), {@code -1} when unknown
 * @param receiveQueue bytes received and not yet read; for a listener, connections waiting for
 *     {@code accept()}; {@code -1} when unknown
 * @param uid the owning user id, {@code -1} when unknown
 * @param inode the socket's inode number, which links it to the processes holding it
 * @param processes the processes holding it; empty when none could be seen (a TIME_WAIT socket, or
 *     another user's process when not running as root)
 */
public record SocketEntry(
    Transport transport,
    String netid,
    String localAddress,
    int localPort,
    String remoteAddress,
    int remotePort,
    SocketState state,
    long sendQueue,
    long receiveQueue,
    int uid,
    long inode,
    List<ProcessRef> processes) {

  /** Validates and copies the fields. */
  public SocketEntry {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(netid, "netid");
    Objects.requireNonNull(localAddress, "localAddress");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    Objects.requireNonNull(state, "state");
    processes = List.copyOf(processes);
    if (transport != Transport.UNIX
        && (localPort < 0 || localPort > 65535 || remotePort < 0 || remotePort > 65535)) {
      throw new IllegalArgumentException("ports must be 0-65535: " + localPort + ", " + remotePort);
    }
  }

  /**
   * The same socket with its processes filled in.
   *
   * @param owners the processes
   * @return a copy
   */
  public SocketEntry withProcesses(List<ProcessRef> owners) {
    return new SocketEntry(
        transport,
        netid,
        localAddress,
        localPort,
        remoteAddress,
        remotePort,
        state,
        sendQueue,
        receiveQueue,
        uid,
        inode,
        owners);
  }

  /**
   * Whether this socket waits for peers: a TCP or Unix listener, or an unconnected UDP socket (what
   * {@code ss -l} shows).
   *
   * @return {@code true} if listening
   */
  public boolean listening() {
    return state == SocketState.LISTEN
        || transport == Transport.UDP && state == SocketState.UNCONN
        || transport == Transport.UNIX
            && state == SocketState.UNCONN
            && !localAddress.isEmpty()
            && netid.equals("u_dgr");
  }

  /**
   * Whether this is an IPv6 socket (possibly carrying IPv4 through mapped addresses).
   *
   * @return {@code true} for tcp6 and udp6
   */
  public boolean ipv6() {
    return netid.endsWith("6");
  }

  /**
   * The local end as {@code ss -n} prints it: {@code 127.0.0.1:80}, {@code [::1]:80}, or the Unix
   * path ({@code *} when unnamed).
   *
   * @return the text
   */
  public String local() {
    return transport == Transport.UNIX
        ? (localAddress.isEmpty() ? "*" : localAddress)
        : hostPort(localAddress, localPort);
  }

  /**
   * The peer end as {@code ss -n} prints it: {@code 10.0.0.1:443}, or {@code 0.0.0.0:*} and {@code
   * [::]:*} when there is no peer; {@code *} for Unix sockets.
   *
   * @return the text
   */
  public String remote() {
    return transport == Transport.UNIX ? "*" : hostPort(remoteAddress, remotePort);
  }

  private static String hostPort(String ip, int port) {
    String host = ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip;
    return host + ":" + (port == 0 ? "*" : Integer.toString(port));
  }
}
