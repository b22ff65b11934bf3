package dev.sockit.core.address;

import java.util.Objects;

/**
 * A host and a port as a user typed them: {@code example.org:80}, {@code 127.0.0.1:80}, {@code
 * [::1]:80}. Parsing checks syntax only and never asks DNS.
 *
 * @param host a host name, IPv4 literal or IPv6 literal (without brackets)
 * @param port 0 to 65535
 */
public record HostPort(String host, int port) {

  /** Validates host syntax and port range. */
  public HostPort {
    host = checkHost(host);
    checkPort(port);
  }

  /**
   * Parses {@code HOST:PORT} or {@code [IPV6]:PORT}.
   *
   * @param text the text
   * @return the host and port
   * @throws IllegalArgumentException naming what is wrong
   * @throws NullPointerException if {@code text} is null
   */
  public static HostPort parse(String text) {
    Objects.requireNonNull(text, "text");
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
        throw new IllegalArgumentException(
            "'" + text + "' is not [IPV6]:PORT; write e.g. [::1]:8080");
      }
      host = text.substring(1, close);
      port = text.substring(close + 2);
    } else {
      int colon = text.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "'" + text + "' has no port; write HOST:PORT or give the port separately");
      }
      if (text.indexOf(':') != colon) {
        throw new IllegalArgumentException(
            "'"
                + text
                + "' is ambiguous; put an IPv6 address in brackets: ["
                + text.substring(0, colon)
                + "]:"
                + text.substring(colon + 1));
      }
      host = text.substring(0, colon);
      port = text.substring(colon + 1);
    }
    return new HostPort(host, parsePort(port));
  }

  /**
   * Whether {@code text} looks like {@code HOST:PORT} or {@code [V6]:PORT} rather than a bare host.
   *
   * @param text the text
   * @return {@code true} if a port is attached
   */
  public static boolean hasPort(String text) {
    if (text.startsWith("[")) {
      return text.contains("]:");
    }
    int colon = text.indexOf(':');
    return colon >= 0 && colon == text.lastIndexOf(':');
  }

  /**
   * Parses a port number, 0 to 65535, decimal digits only.
   *
   * @param text the text
   * @return the port
   * @throws IllegalArgumentException naming the bad text
   */
  public static int parsePort(String text) {
    if (text == null
        || text.isEmpty()
        || text.length() > 5
        || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("port '" + text + "' is not a number from 0 to 65535");
    }
    int port = Integer.parseInt(text);
    checkPort(port);
    return port;
  }

  private static void checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0-65535");
    }
  }

  /**
   * Checks that {@code host} is a valid IPv4 literal, IPv6 literal or DNS host name (RFC 1123),
   * without any lookup.
   *
   * @param host the host
   * @return the host, unchanged (brackets around an IPv6 literal removed)
   * @throws IllegalArgumentException naming what is wrong
   */
  public static String checkHost(String host) {
    Objects.requireNonNull(host, "host");
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("the host is empty; give a name or an address");
    }
    if (host.indexOf(':') >= 0) {
      IpLiterals.parseIpv6(host);
      return host;
    }
    if (IpLiterals.looksNumeric(host)) {
      IpLiterals.parseIpv4(host);
      return host;
    }
    if (host.length() > 253) {
      throw new IllegalArgumentException("host name '" + host + "' is longer than 253 characters");
    }
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    for (String label : name.split("\\.", -1)) {
      if (label.isEmpty()
          || label.length() > 63
          || label.startsWith("-")
          || label.endsWith("-")
          || !label
              .chars()
              .allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
        throw new IllegalArgumentException(
            "'" + host + "' is neither an IP address nor a valid host name");
      }
    }
    return host;
  }

  /** {@code host:port}, with brackets around an IPv6 host. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
