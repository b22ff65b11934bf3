package dev.sockit.core.relay;

import java.net.SocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * What happened to one relayed connection or datagram session, or to one client a relay or proxy
 * turned away: the facts a relay's per-connection log lines are built from. The bytes themselves
 * are on the relay's {@link dev.sockit.core.event.TrafficBus}, where each side of a session is a
 * connection of its own: {@link Opened} names both connection ids, so that a view can tell which
 * side each traffic event belongs to.
 */
public sealed interface RelayEvent {
  /** When it happened. */
  Instant time();

  /** The session number: 1, 2, 3, ... in the order clients arrived. */
  long session();

  /** The client's address. */
  SocketAddress client();

  /** What the client reaches through the relay, as a user would write it. */
  String target();

  /**
   * The upstream side is connected (or, for UDP, its socket is open) and bytes flow.
   *
   * @param time when
   * @param session the session number
   * @param client the client's address
   * @param target what the client reaches
   * @param clientConnection the client side's connection id on the relay's traffic bus
   * @param upstreamLocal the local address of the upstream side
   * @param upstream the address the upstream side is connected to
   * @param upstreamConnection the upstream side's connection id on the relay's traffic bus
   */
  record Opened(
      Instant time,
      long session,
      SocketAddress client,
      String target,
      long clientConnection,
      SocketAddress upstreamLocal,
      SocketAddress upstream,
      long upstreamConnection)
      implements RelayEvent {
    /** Validates the event. */
    public Opened {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(target, "target");
    }
  }

  /**
   * A client was turned away, or its upstream side could not be reached.
   *
   * @param time when
   * @param session the session number it would have had (0 when none was given)
   * @param client the client's address
   * @param target what it asked for (empty when it never said)
   * @param reason one line naming what was refused and why
   */
  record Refused(Instant time, long session, SocketAddress client, String target, String reason)
      implements RelayEvent {
    /** Validates the event. */
    public Refused {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A session ended.
   *
   * @param time when
   * @param session the session number
   * @param client the client's address
   * @param target what the client reached
   * @param summary what it carried and how it ended
   */
  record Closed(
      Instant time, long session, SocketAddress client, String target, RelaySummary summary)
      implements RelayEvent {
    /** Validates the event. */
    public Closed {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(summary, "summary");
    }
  }
}
