package dev.sockit.core.sockettable;

import dev.sockit.core.net.Family;
import dev.sockit.core.net.Transport;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which sockets to show, as {@code ss}'s options choose them. Every condition must hold.
 *
 * @param transports the transports to keep; empty keeps all
 * @param family IPv4 only ({@code tcp}, {@code udp}), IPv6 only ({@code tcp6}, {@code udp6}) or
 *     any; IPV4 and IPV6 drop Unix sockets, as {@code ss -4} and {@code ss -6} do
 * @param listeningOnly keep only sockets that wait for peers (see {@link SocketEntry#listening()})
 * @param port keep sockets whose local or remote port is this; {@code -1} for any
 * @param pid keep sockets held by this process; {@code -1} for any
 * @param states the states to keep; empty keeps all
 */
public record SocketQuery(
    Set<Transport> transports,
    Family family,
    boolean listeningOnly,
    int port,
    int pid,
    Set<SocketState> states)
    implements Predicate<SocketEntry> {

  /** Every socket. */
  public static final SocketQuery ALL =
      new SocketQuery(Set.of(), Family.ANY, false, -1, -1, Set.of());

  /** Validates and copies the fields. */
  public SocketQuery {
    transports = Set.copyOf(transports);
    Objects.requireNonNull(family, "family");
    states = Set.copyOf(states);
    if (port < -1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0-65535");
    }
    if (pid < -1 || pid == 0) {
      throw new IllegalArgumentException("pid " + pid + " is not a process id (a positive number)");
    }
  }

  @Override
  public boolean test(SocketEntry s) {
    return (transports.isEmpty() || transports.contains(s.transport()))
        && familyMatches(s)
        && (!listeningOnly || s.listening())
        && (port < 0
            || s.transport() != Transport.UNIX && (s.localPort() == port || s.remotePort() == port))
        && (pid < 0 || s.processes().stream().anyMatch(p -> p.pid() == pid))
        && (states.isEmpty() || states.contains(s.state()));
  }

  private boolean familyMatches(SocketEntry s) {
    return switch (family) {
      case ANY -> true;
      case IPV4 -> s.transport() != Transport.UNIX && !s.ipv6();
      case IPV6 -> s.transport() != Transport.UNIX && s.ipv6();
    };
  }
}
