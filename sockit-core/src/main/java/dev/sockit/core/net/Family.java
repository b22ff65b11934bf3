package dev.sockit.core.net;

/** Which IP address families a client, server or query uses. */
public enum Family {
  /** IPv4 and IPv6, in the resolver's order. */
  ANY,
  /** IPv4 only. */
  IPV4,
  /** IPv6 only. */
  IPV6
}
