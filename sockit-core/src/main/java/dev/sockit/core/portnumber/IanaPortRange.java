package dev.sockit.core.portnumber;

/** The three IANA port ranges of RFC 6335 section 6. */
public enum IanaPortRange {
  /**
   * 0-1023: System Ports ("well-known"), assigned by IETF review; binding needs privilege on Unix.
   */
  SYSTEM(0, 1023, "system (well-known) ports, assigned through IETF review"),
  /** 1024-49151: User Ports ("registered"), assigned by IANA on request. */
  USER(1024, 49151, "user (registered) ports, assigned by IANA on request"),
  /** 49152-65535: Dynamic Ports ("private" or "ephemeral"), never assigned. */
  DYNAMIC(49152, 65535, "dynamic (private/ephemeral) ports, never assigned");

  private final int first;
  private final int last;
  private final String description;

  IanaPortRange(int first, int last, String description) {
    this.first = first;
    this.last = last;
    this.description = description;
  }

  /**
   * The range a port lies in.
   *
   * @param port 0 to 65535
   * @return the range
   * @throws IllegalArgumentException outside 0-65535
   */
  public static IanaPortRange of(int port) {
    for (IanaPortRange r : values()) {
      if (port >= r.first && port <= r.last) {
        return r;
      }
    }
    throw new IllegalArgumentException("port " + port + " is outside 0-65535");
  }

  /**
   * The first port of the range.
   *
   * @return 0, 1024 or 49152
   */
  public int first() {
    return first;
  }

  /**
   * The last port of the range.
   *
   * @return 1023, 49151 or 65535
   */
  public int last() {
    return last;
  }

  /**
   * What the range is for.
   *
   * @return a short description
   */
  public String description() {
    return description;
  }
}
