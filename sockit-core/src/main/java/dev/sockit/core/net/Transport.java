package dev.sockit.core.net;

import java.util.Locale;

/** The transports sockit speaks: TCP and UDP over IP, and stream sockets on a Unix socket file. */
public enum Transport {
  /** TCP: a reliable byte stream ({@code SOCK_STREAM} over IP). */
  TCP,
  /** UDP: datagrams ({@code SOCK_DGRAM} over IP). */
  UDP,
  /** A stream socket on a Unix socket file ({@code AF_UNIX, SOCK_STREAM}). */
  UNIX;

  /**
   * The lower-case name used in messages.
   *
   * @return {@code tcp}, {@code udp} or {@code unix}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
