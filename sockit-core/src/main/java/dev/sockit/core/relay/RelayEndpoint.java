package dev.sockit.core.relay;

import dev.sockit.core.address.HostPort;
import dev.sockit.core.net.Transport;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One end of a relay as a user writes it: {@code tcp:[ADDR:]PORT}, {@code tcp:HOST:PORT}, {@code
 * udp:...}, {@code unix:PATH}. A source is where the relay listens (the address may be left out:
 * every address, IPv6 and IPv4); a target is where it connects for each client (a host is needed).
 * IPv6 literals go in brackets: {@code tcp:[::1]:9000}. Parsing checks syntax only and never asks
 * DNS.
 */
public sealed interface RelayEndpoint {

  /** The transport this end speaks. */
  Transport transport();

  /**
   * A TCP end.
   *
   * @param host a host name or IP literal; {@code null} for every local address (sources only)
   * @param port the port; 0 lets the system choose (sources only)
   */
  record Tcp(String host, int port) implements RelayEndpoint {
    /** Validates the end. */
    public Tcp {
      host = host == null ? null : HostPort.checkHost(host);
      checkPort(port);
    }

    @Override
    public Transport transport() {
      return Transport.TCP;
    }

    @Override
    public String toString() {
      return "tcp:" + hostPort(host, port);
    }
  }

  /**
   * A UDP end.
   *
   * @param host a host name or IP literal; {@code null} for every local address (sources only)
   * @param port the port; 0 lets the system choose (sources only)
   */
  record Udp(String host, int port) implements RelayEndpoint {
    /** Validates the end. */
    public Udp {
      host = host == null ? null : HostPort.checkHost(host);
      checkPort(port);
    }

    @Override
    public Transport transport() {
      return Transport.UDP;
    }

    @Override
    public String toString() {
      return "udp:" + hostPort(host, port);
    }
  }

  /**
   * A Unix stream socket file.
   *
   * @param path the socket file
   */
  record Unix(Path path) implements RelayEndpoint {
    /** Validates the end. */
    public Unix {
      Objects.requireNonNull(path, "path");
      if (path.toString().isEmpty()) {
        throw new IllegalArgumentException("the Unix socket path is empty");
      }
    }

    @Override
    public Transport transport() {
      return Transport.UNIX;
    }

    @Override
    public String toString() {
      return "unix:" + path;
    }
  }

  /**
   * Parses where a relay listens: {@code tcp:PORT}, {@code tcp:ADDR:PORT}, {@code
   * tcp:[V6ADDR]:PORT}, the same with {@code udp:}, or {@code unix:PATH}.
   *
   * @param text the text
   * @return the end
   * @throws IllegalArgumentException naming what is wrong and how to write it
   */
  static RelayEndpoint source(String text) {
    return parse(text, true);
  }

  /**
   * Parses where a relay connects: {@code tcp:HOST:PORT}, {@code tcp:[V6ADDR]:PORT}, the same with
   * {@code udp:}, or {@code unix:PATH}.
   *
   * @param text the text
   * @return the end
   * @throws IllegalArgumentException naming what is wrong and how to write it
   */
  static RelayEndpoint target(String text) {
    return parse(text, false);
  }

  private static RelayEndpoint parse(String text, boolean source) {
    Objects.requireNonNull(text, "text");
    String role = source ? "relay source" : "relay target";
    String forms =
        source
            ? "tcp:[ADDR:]PORT, udp:[ADDR:]PORT or unix:PATH"
            : "tcp:HOST:PORT, udp:HOST:PORT or unix:PATH";
    int colon = text.indexOf(':');
    String scheme = colon < 0 ? "" : text.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    String rest = colon < 0 ? "" : text.substring(colon + 1);
    try {
      return switch (scheme) {
        case "unix" -> new Unix(Path.of(rest));
        case "tcp", "udp" -> inet(scheme, rest, source);
        default ->
            throw new IllegalArgumentException("'" + text + "' names no transport; write " + forms);
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          role + " '" + text + "': " + e.getMessage() + " (forms: " + forms + ")", e);
    }
  }

  private static RelayEndpoint inet(String scheme, String rest, boolean source) {
    String host;
    int port;
    if (source && !HostPort.hasPort(rest) && !rest.startsWith("[")) {
      host = null;
      port = HostPort.parsePort(rest);
    } else {
      HostPort hp = HostPort.parse(rest);
      host = hp.host();
      port = hp.port();
      if (!source && port == 0) {
        throw new IllegalArgumentException("port 0 cannot be connected to; give the real port");
      }
    }
    return scheme.equals("tcp") ? new Tcp(host, port) : new Udp(host, port);
  }

  private static void checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0-65535");
    }
  }

  private static String hostPort(String host, int port) {
    if (host == null) {
      return Integer.toString(port);
    }
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
