package dev.sockit.core.address;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/** Formats socket addresses the way users type them: {@code 127.0.0.1:80}, {@code [::1]:80}. */
public final class SocketAddresses {
  private SocketAddresses() {}

  /**
   * Formats an address: IPv4 as {@code a.b.c.d:port}, IPv6 as {@code [canonical]:port} (RFC 5952,
   * zone kept, as the interface's name when the zone is a number that names one), a Unix socket as
   * its path ({@code unnamed} when it has none).
   *
   * @param address the address, may be {@code null}
   * @return the text; {@code "-"} for {@code null}
   */
  public static String format(SocketAddress address) {
    if (address == null) {
      return "-";
    }
    if (address instanceof InetSocketAddress inet) {
      InetAddress ip = inet.getAddress();
      String host = ip == null ? inet.getHostString() : formatIp(ip);
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
    }
    if (address instanceof UnixDomainSocketAddress unix) {
      String path = unix.getPath().toString();
      return path.isEmpty() ? "unnamed" : path;
    }
    return address.toString();
  }

  /**
   * Formats an IP address without any host name: IPv4 dotted decimal, IPv6 in RFC 5952 form.
   *
   * @param ip the address
   * @return the text
   */
  public static String formatIp(InetAddress ip) {
    if (ip instanceof Inet6Address v6) {
      String zone = v6.getScopeId() != 0 || v6.getScopedInterface() != null ? zoneOf(v6) : "";
      return Rfc5952.format(v6.getAddress()) + zone;
    }
    return ip.getHostAddress();
  }

  /**
   * The zone as users type it: the interface's name ({@code %veth0}, as ncat and ss write it), or
   * the number when no interface has that index (any more).
   */
  private static String zoneOf(Inet6Address v6) {
    if (v6.getScopedInterface() != null) {
      return "%" + v6.getScopedInterface().getName();
    }
    try {
      java.net.NetworkInterface ni = java.net.NetworkInterface.getByIndex(v6.getScopeId());
      if (ni != null) {
        return "%" + ni.getName();
      }
    } catch (java.net.SocketException e) {
      // the interfaces cannot be read: the number says as much
    }
    return "%" + v6.getScopeId();
  }

  /**
   * {@link #bindFailure(String, String, java.net.BindException)} for the address a bind asked for,
   * a wildcard (every address, {@code 0.0.0.0} or {@code ::}) written {@code *:PORT} as ss writes
   * it.
   *
   * @param transport {@code ""} or e.g. {@code "UDP "}, put before "address"
   * @param address what the bind asked for
   * @param e the failure
   * @return the message
   */
  public static String bindFailure(
      String transport, InetSocketAddress address, java.net.BindException e) {
    InetAddress ip = address.getAddress();
    String where =
        ip != null && ip.isAnyLocalAddress() ? "*:" + address.getPort() : format(address);
    return bindFailure(transport, where, e);
  }

  /**
   * A failed {@code bind()} as one line that names the address and says what to do.
   *
   * @param transport {@code ""}, or a prefix such as {@code "UDP "} where the transport matters
   * @param address the address as {@link #format(SocketAddress)} writes it
   * @param e the failure
   * @return the message
   */
  public static String bindFailure(String transport, String address, java.net.BindException e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    if (m.contains("in use")) {
      return transport
          + "address "
          + address
          + " is already in use; choose another port or stop the program using it";
    }
    if (m.contains("permission")) {
      return "no permission to bind "
          + transport
          + address
          + "; ports below 1024 need root, or choose a port above 1023";
    }
    if (m.contains("assign")) {
      return "cannot bind " + transport + address + ": that address is not on any local interface";
    }
    return "cannot bind " + transport + address + ": " + e.getMessage();
  }
}
