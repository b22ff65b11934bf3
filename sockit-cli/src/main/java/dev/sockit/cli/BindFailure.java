package dev.sockit.cli;

import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.net.Transport;
import dev.sockit.core.sockettable.PortTable;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A failed bind, said with the address and port asked for and, when the port is taken, who holds
 * it.
 */
public final class BindFailure {
  private BindFailure() {}

  /**
   * The same failure, said as sockit's endpoints say it ({@link SocketAddresses#bindFailure}: what
   * went wrong with which address and what to do), naming {@code address} ({@code null}: every
   * address, {@code *}) and {@code port}, and for "address already in use" the process holding the
   * port where {@code /proc} shows it.
   */
  public static BindException explain(
      BindException e, InetAddress address, int port, Transport transport) {
    InetSocketAddress where =
        address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port);
    BindException named =
        new BindException(
            SocketAddresses.bindFailure(transport == Transport.UDP ? "UDP " : "", where, e)
                + holder(e, address, port, transport));
    named.initCause(e);
    return named;
  }

  /**
   * A failure whose message sockit's endpoint has already written, with the process holding the
   * port added where {@code /proc} shows it.
   */
  public static BindException withHolder(
      BindException e, InetSocketAddress bind, Transport transport) {
    String holder = holder(e, bind.getAddress(), bind.getPort(), transport);
    if (holder.isEmpty()) {
      return e;
    }
    BindException named = new BindException(e.getMessage() + holder);
    named.initCause(e);
    return named;
  }

  /**
   * For "address already in use" on {@code address} ({@code null}: every address) and {@code port},
   * {@code " (held by PID (NAME))"} where {@code /proc} shows the sockets in the way; otherwise
   * empty.
   */
  public static String holder(BindException e, InetAddress address, int port, Transport transport) {
    if (port == 0 || !String.valueOf(e.getMessage()).contains("already in use")) {
      return "";
    }
    return PortTable.describeHolder(address, port, transport)
        .map(h -> " (held by " + h + ")")
        .orElse("");
  }
}
