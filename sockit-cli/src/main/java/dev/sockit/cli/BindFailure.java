package dev.sockit.cli;

import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.ports.PortTable;
import java.net.BindException;
import java.net.InetAddress;

/** A failed bind, said with the address and port asked for and, when the port is taken, who holds it. */
final class BindFailure {
  private BindFailure() {}

  /**
   * The same failure, naming {@code address} ({@code null}: every address) and {@code port}, and
   * for "address already in use" the process holding the port where {@code /proc} shows it.
   */
  static BindException explain(BindException e, InetAddress address, int port, TrafficEvent.Transport transport) {
    String where = (address == null ? "*" : address.getHostAddress().indexOf(':') >= 0 ? "[" + address.getHostAddress() + "]"
        : address.getHostAddress()) + ":" + port;
    String proto = transport == TrafficEvent.Transport.UDP ? " (udp)" : "";
    BindException named = new BindException("cannot listen on " + where + proto + ": " + e.getMessage() + holder(e, port, transport));
    named.initCause(e);
    return named;
  }

  /**
   * For "address already in use" on {@code port}, {@code " (held by PID (NAME))"} where {@code /proc}
   * shows the holder; otherwise empty.
   */
  static String holder(BindException e, int port, TrafficEvent.Transport transport) {
    if (port == 0 || !String.valueOf(e.getMessage()).contains("already in use")) {
      return "";
    }
    return PortTable.describeHolder(port, transport).map(h -> " (held by " + h + ")").orElse("");
  }
}
