package dev.sockit.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who may use the assistant: requests that carry the access token (in the {@code token} query
 * parameter of the first URL, then in a cookie), whose {@code Host} names this server (against DNS
 * rebinding), and whose {@code Origin}, when present, is this server (against cross-site requests
 * and cross-site WebSocket hijacking). Pure logic, tested without a server.
 */
final class AccessGuard {
  private final byte[] token;
  private final Set<String> hosts;
  private final String cookie;

  /**
   * @param token the access token
   * @param port the port the server listens on
   * @param extraHosts host names or literals besides loopback that name this server (the {@code
   *     --bind} address)
   */
  AccessGuard(String token, int port, List<String> extraHosts) {
    this.token = token.getBytes(StandardCharsets.US_ASCII);
    // Cookies are per host, not per port: the port in the name keeps two sockit ui servers apart.
    this.cookie = "sockit_token_" + port;
    java.util.HashSet<String> h = new java.util.HashSet<>();
    for (String name : List.of("127.0.0.1", "localhost", "[::1]")) {
      h.add(name + ":" + port);
    }
    for (String name : extraHosts) {
      String n = name.indexOf(':') >= 0 && !name.startsWith("[") ? "[" + name + "]" : name;
      h.add(n.toLowerCase(Locale.ROOT) + ":" + port);
    }
    this.hosts = Set.copyOf(h);
  }

  /** Why a request is refused, or {@code null} when it may go on. */
  record Verdict(int status, String reason) {}

  /**
   * Checks one request.
   *
   * @param host the {@code Host} header, or {@code null}
   * @param origin the {@code Origin} header, or {@code null}
   * @param queryToken the {@code token} query parameter, or {@code null}
   * @param cookieHeader the {@code Cookie} header, or {@code null}
   * @param originRequired whether a missing Origin is refused (WebSocket upgrades from a browser
   *     always send one)
   * @return {@code null} to allow, else the status and reason to refuse with
   */
  Verdict check(
      String host, String origin, String queryToken, String cookieHeader, boolean originRequired) {
    if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
      return new Verdict(
          403, "Host '" + host + "' is not this server; open the URL sockit ui printed");
    }
    if (origin == null ? originRequired : !sameOrigin(origin)) {
      return new Verdict(403, "cross-origin request from '" + origin + "' refused");
    }
    if (!tokenMatches(queryToken) && !tokenMatches(cookieToken(cookieHeader, cookie))) {
      return new Verdict(
          401,
          "missing or wrong access token; open the URL sockit ui printed (it carries ?token=...)");
    }
    return null;
  }

  boolean tokenMatches(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.US_ASCII));
  }

  private boolean sameOrigin(String origin) {
    try {
      URI u = URI.create(origin);
      if (!"http".equals(u.getScheme()) || u.getRawAuthority() == null) {
        return false;
      }
      return hosts.contains(u.getRawAuthority().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The name of the cookie that carries the token after the first visit. */
  String cookieName() {
    return cookie;
  }

  static String cookieToken(String cookieHeader, String name) {
    if (cookieHeader == null) {
      return null;
    }
    for (String part : cookieHeader.split(";")) {
      String p = part.trim();
      if (p.startsWith(name + "=")) {
        return p.substring(name.length() + 1);
      }
    }
    return null;
  }
}
