package dev.sockit.core.sockettable;

import dev.sockit.core.net.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The sockets on this host, read from Linux's {@code /proc/net/{tcp,tcp6,udp,udp6,unix}} with the
 * owning processes found through {@code /proc/PID/fd}: what {@code ss -tuxanp} and {@code netstat
 * -anp} show. Other systems have no {@code /proc/net}; {@link #read()} says so.
 *
 * <p>A table is a snapshot: sockets opened or closed after {@link #read()} are not in it.
 */
public final class PortTable {
  private static final System.Logger LOG = System.getLogger(PortTable.class.getName());
  private static final Path PROC = Path.of("/proc");

  private final List<SocketEntry> sockets;
  private final int unreadableProcesses;

  private PortTable(List<SocketEntry> sockets, int unreadableProcesses) {
    this.sockets = List.copyOf(sockets);
    this.unreadableProcesses = unreadableProcesses;
  }

  /**
   * Whether this system has the tables (Linux with {@code /proc} mounted).
   *
   * @return {@code true} if {@link #read()} can work
   */
  public static boolean supported() {
    return Files.isReadable(PROC.resolve("net/tcp"));
  }

  /**
   * Reads every TCP, UDP and Unix socket with its owning processes.
   *
   * @return the table
   * @throws UnsupportedOperationException on a system without {@code /proc/net} (not Linux)
   * @throws IOException if a table cannot be read
   */
  public static PortTable read() throws IOException {
    return read(Set.of(Transport.TCP, Transport.UDP, Transport.UNIX), true);
  }

  /**
   * Reads the sockets of some transports.
   *
   * @param transports which tables to read
   * @param withProcesses whether to find the owning processes (reads every {@code /proc/PID/fd})
   * @return the table
   * @throws UnsupportedOperationException on a system without {@code /proc/net} (not Linux)
   * @throws IOException if a table cannot be read
   */
  public static PortTable read(Set<Transport> transports, boolean withProcesses)
      throws IOException {
    Objects.requireNonNull(transports, "transports");
    if (!supported()) {
      throw new UnsupportedOperationException(
          "listing sockets needs Linux's /proc/net tables, which "
              + System.getProperty("os.name")
              + " does not have; use netstat or ss there");
    }
    ProcNet parser = new ProcNet(ByteOrder.nativeOrder());
    List<SocketEntry> all = new ArrayList<>();
    for (Transport t : List.of(Transport.TCP, Transport.UDP)) {
      if (transports.contains(t)) {
        all.addAll(parser.parseInet(lines("net/" + t.label()), t, false));
        all.addAll(parser.parseInet(lines("net/" + t.label() + "6"), t, true));
      }
    }
    if (transports.contains(Transport.UNIX)) {
      all.addAll(parser.parseUnix(lines("net/unix")));
    }
    if (!withProcesses) {
      return new PortTable(all, 0);
    }
    ProcessSockets owners = ProcessSockets.scan(PROC);
    List<SocketEntry> owned = new ArrayList<>(all.size());
    for (SocketEntry s : all) {
      owned.add(s.inode() == 0 ? s : s.withProcesses(owners.owners(s.inode())));
    }
    return new PortTable(owned, owners.unreadable());
  }

  /** A missing table (IPv6 disabled, no Unix sockets compiled in) reads as empty. */
  private static List<String> lines(String name) throws IOException {
    try {
      return Files.readAllLines(PROC.resolve(name), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  /**
   * Every socket read.
   *
   * @return the sockets, TCP then UDP (IPv4 then IPv6 each) then Unix, in the kernel's order
   */
  public List<SocketEntry> sockets() {
    return sockets;
  }

  /**
   * The sockets {@code query} accepts.
   *
   * @param query the filter
   * @return the matching sockets in table order
   */
  public List<SocketEntry> select(SocketQuery query) {
    Objects.requireNonNull(query, "query");
    return sockets.stream().filter(query).toList();
  }

  /**
   * How many processes could not be inspected (other users' processes when not root), so their
   * sockets show no owner.
   *
   * @return the count
   */
  public int unreadableProcesses() {
    return unreadableProcesses;
  }

  /**
   * Who holds local {@code port}, for an "address in use" message: {@code pid 1234 (python3)},
   * several joined with {@code ", "}, or, when no process can be seen, {@code a process of uid 1000
   * (run as root to see which)} or {@code a connection in TIME_WAIT (gone within a minute)}. For
   * TCP a listener is preferred to other sockets on the port.
   *
   * @param port the local port
   * @param transport TCP or UDP
   * @return the description, or empty when nothing holds the port, the system is not Linux, or the
   *     tables cannot be read
   */
  public static Optional<String> describeHolder(int port, Transport transport) {
    return describeHolder(null, port, transport);
  }

  /**
   * {@link #describeHolder(int, Transport)} for a bind to {@code address} ({@code null} or a
   * wildcard: every address): only the sockets in its way count, those on the same address (an
   * IPv4-mapped one is its IPv4 address) or on a wildcard, so that a holder of 127.0.0.1:80 is not
   * named for a bind to [::1]:80. If no socket on the port is in the way by that rule, every socket
   * on the port is named.
   *
   * @param address the address the bind asked for, or {@code null}
   * @param port the local port
   * @param transport TCP or UDP
   * @return the description, or empty as for {@link #describeHolder(int, Transport)}
   */
  public static Optional<String> describeHolder(
      InetAddress address, int port, Transport transport) {
    Objects.requireNonNull(transport, "transport");
    if (transport == Transport.UNIX || port <= 0 || port > 65535 || !supported()) {
      return Optional.empty();
    }
    try {
      List<SocketEntry> onPort =
          read(Set.of(transport), true).sockets().stream()
              .filter(
                  s ->
                      s.localPort() == port
                          && (transport == Transport.UDP || s.state() != SocketState.SYN_SENT))
              .toList();
      List<SocketEntry> inTheWay =
          onPort.stream().filter(s -> inTheWay(s.localAddress(), address)).toList();
      if (!inTheWay.isEmpty()) {
        onPort = inTheWay;
      }
      List<SocketEntry> listeners =
          onPort.stream().filter(s -> s.state() == SocketState.LISTEN).toList();
      return describe(listeners.isEmpty() ? onPort : listeners);
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot read the socket tables for port " + port, e);
      return Optional.empty();
    }
  }

  /**
   * Whether a socket bound to {@code held} (as the socket tables write it) keeps a bind to {@code
   * wanted} ({@code null}: every address) from the same port: Linux's rule without the finer points
   * of IPV6_V6ONLY and SO_REUSEADDR.
   */
  static boolean inTheWay(String held, InetAddress wanted) {
    if (wanted == null || wanted.isAnyLocalAddress()) {
      return true;
    }
    InetAddress h;
    try {
      h = InetAddress.getByName(held); // a numeric address from the kernel's table: no lookup
    } catch (java.net.UnknownHostException | RuntimeException e) {
      return true; // cannot tell: count it
    }
    if (h.isAnyLocalAddress()) {
      return h instanceof java.net.Inet6Address
          || wanted instanceof java.net.Inet4Address; // :: is dual-stack
    }
    return h.equals(wanted); // getByName("::ffff:a.b.c.d") is the IPv4 address a.b.c.d
  }

  static Optional<String> describe(List<SocketEntry> holders) {
    Set<String> owners = new LinkedHashSet<>();
    for (SocketEntry s : holders) {
      for (ProcessRef p : s.processes()) {
        owners.add(p.toString());
      }
    }
    if (!owners.isEmpty()) {
      return Optional.of(String.join(", ", owners));
    }
    for (SocketEntry s : holders) {
      if (s.uid() >= 0 && s.inode() != 0) {
        return Optional.of("a process of uid " + s.uid() + " (run as root to see which)");
      }
    }
    if (holders.stream().anyMatch(s -> s.state() == SocketState.TIME_WAIT)) {
      return Optional.of("a connection in TIME_WAIT (gone within a minute)");
    }
    return holders.isEmpty() ? Optional.empty() : Optional.of("a socket no process holds");
  }
}
