package dev.sockit.core.sockettable;

import java.util.Locale;

/**
 * The state of a socket as the kernel reports it. TCP uses the states of RFC 793 (numbered as in
 * Linux's {@code tcp_states.h}); UDP and Unix sockets are {@link #UNCONN} when not connected.
 */
public enum SocketState {
  ESTABLISHED("ESTAB"),
  SYN_SENT("SYN-SENT"),
  SYN_RECV("SYN-RECV"),
  FIN_WAIT1("FIN-WAIT-1"),
  FIN_WAIT2("FIN-WAIT-2"),
  TIME_WAIT("TIME-WAIT"),
  CLOSE("CLOSE"),
  CLOSE_WAIT("CLOSE-WAIT"),
  LAST_ACK("LAST-ACK"),
  LISTEN("LISTEN"),
  CLOSING("CLOSING"),
  NEW_SYN_RECV("NEW-SYN-RECV"),
  /** A UDP or Unix socket that is not connected to a peer. */
  UNCONN("UNCONN"),
  /** A Unix stream socket in the middle of connecting. */
  CONNECTING("CONNECTING"),
  /** A Unix stream socket being torn down. */
  DISCONNECTING("DISCONNECTING");

  private final String ssName;

  SocketState(String ssName) {
    this.ssName = ssName;
  }

  /**
   * The name {@code ss} prints, e.g. {@code ESTAB} or {@code TIME-WAIT}.
   *
   * @return the name
   */
  public String ssName() {
    return ssName;
  }

  /**
   * Parses a state as users write it: netstat's {@code TIME_WAIT}, ss's {@code time-wait} or {@code
   * estab}; case-insensitive.
   *
   * @param text the state
   * @return the state
   * @throws IllegalArgumentException naming the text and the states there are
   */
  public static SocketState parse(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (SocketState s : values()) {
      if (s.name().equals(t)
          || s.ssName.replace('-', '_').equals(t)
          || s.name().replace("WAIT", "WAIT_").equals(t)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "state '"
            + text
            + "' is unknown; use one of LISTEN, ESTABLISHED (ESTAB), SYN_SENT, SYN_RECV, FIN_WAIT1, FIN_WAIT2, "
            + "TIME_WAIT, CLOSE, CLOSE_WAIT, LAST_ACK, CLOSING, UNCONN");
  }

  /** The kernel's TCP state number (1 to 12) to a state. */
  static SocketState ofTcp(int number) {
    return switch (number) {
      case 1 -> ESTABLISHED;
      case 2 -> SYN_SENT;
      case 3 -> SYN_RECV;
      case 4 -> FIN_WAIT1;
      case 5 -> FIN_WAIT2;
      case 6 -> TIME_WAIT;
      case 7 -> CLOSE;
      case 8 -> CLOSE_WAIT;
      case 9 -> LAST_ACK;
      case 10 -> LISTEN;
      case 11 -> CLOSING;
      case 12 -> NEW_SYN_RECV;
      default -> throw new IllegalArgumentException("unknown TCP state number " + number);
    };
  }
}
