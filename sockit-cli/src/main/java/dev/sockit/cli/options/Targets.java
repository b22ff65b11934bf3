package dev.sockit.cli.options;

import dev.sockit.cli.Failures;
import dev.sockit.core.address.HostPort;
import dev.sockit.core.address.IpLiterals;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns positional arguments ({@code HOST PORT}, {@code HOST:PORT}, {@code [V6]:PORT}, {@code
 * [ADDR] PORT}) into addresses.
 */
public final class Targets {
  private Targets() {}

  /** A parsed target and the arguments left after it. */
  public record Parsed(HostPort target, List<String> rest) {}

  /** {@code HOST PORT ...} or {@code HOST:PORT ...}. */
  public static Parsed remote(List<String> args) {
    if (args.isEmpty()) {
      throw new Failures.BadInput("missing HOST and PORT");
    }
    String first = args.get(0);
    if (HostPort.hasPort(first)
        && (args.size() == 1 || !isPort(args.get(1)) || first.startsWith("["))) {
      return new Parsed(HostPort.parse(first), args.subList(1, args.size()));
    }
    if (args.size() < 2) {
      int colon = first.lastIndexOf(':');
      if (!first.startsWith("[") && colon > 0 && first.indexOf(':') != colon) {
        throw new Failures.BadInput(
            "'"
                + first
                + "' is ambiguous; put an IPv6 address in brackets: ["
                + first.substring(0, colon)
                + "]:"
                + first.substring(colon + 1));
      }
      throw new Failures.BadInput(
          "missing PORT after '" + first + "'; write HOST PORT or HOST:PORT");
    }
    return new Parsed(
        new HostPort(stripBrackets(first), HostPort.parsePort(args.get(1))),
        args.subList(2, args.size()));
  }

  /**
   * {@code [ADDR] PORT}, or {@code ADDR:PORT}; a missing address is {@code null} (every address).
   */
  public static Parsed local(List<String> args) {
    if (args.isEmpty()) {
      throw new Failures.BadInput("missing PORT (use 0 to let the system choose)");
    }
    if (args.size() == 1) {
      String only = args.get(0);
      if (HostPort.hasPort(only)) {
        return new Parsed(HostPort.parse(only), List.of());
      }
      return new Parsed(null, List.of(String.valueOf(HostPort.parsePort(only))));
    }
    if (args.size() > 2) {
      throw new Failures.BadInput(
          "too many arguments: " + String.join(" ", args.subList(2, args.size())));
    }
    return new Parsed(
        new HostPort(stripBrackets(args.get(0)), HostPort.parsePort(args.get(1))), List.of());
  }

  public static int localPort(Parsed p) {
    return p.target() == null ? Integer.parseInt(p.rest().get(0)) : p.target().port();
  }

  /** A local address: an IP literal, or a name resolved once. */
  public static InetAddress bindAddress(String host) throws UnknownHostException {
    if (host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
      return IpLiterals.parse(host);
    }
    return InetAddress.getByName(host);
  }

  private static boolean isPort(String s) {
    return !s.isEmpty() && s.length() <= 5 && s.chars().allMatch(Character::isDigit);
  }

  private static String stripBrackets(String s) {
    return s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
  }
}
