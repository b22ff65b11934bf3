package dev.sockit.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who may use the assistant: requests whose {@code Host} names this server (against DNS rebinding),
 * whose {@code Origin}, when present, is this server (against cross-site requests and cross-site
 * WebSocket hijacking), and that carry either the cookie holding the server's secret or a one-time
 * link token. Pure logic, tested without a server.
 *
 * <p>Link tokens are what the printed URL carries ({@code /?token=...}). Browsers keep that URL in
 * their history, so a token grants access once: the first request trades it for the cookie and the
 * token is spent. An unused token expires {@link #LINK_LIFETIME} after it was made. A person who
 * needs a second browser asks the running server for a fresh link ({@link #newLink}). Thread-safe.
 */
final class AccessGuard {
  /** How long an unused link token stays valid. */
  static final Duration LINK_LIFETIME = Duration.ofMinutes(15);

  /** Most unused link tokens held at once; making another drops the oldest. */
  static final int MAX_LINKS = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] secret;
  private final Set<String> hosts;
  private final String cookie;
  // token -> expiry (System.nanoTime()); insertion order, so the oldest is first
  private final Map<String, Long> links = new LinkedHashMap<>();
  // spent or expired tokens, to say "already used" rather than "wrong" (bounded like the links)
  private final Map<String, Boolean> spent = new LinkedHashMap<>();

  /**
   * @param secret the cookie's value: the server's secret for its whole life
   * @param port the port the server listens on
   * @param extraHosts host names or literals besides loopback that name this server (the {@code
   *     --bind} address)
   */
  AccessGuard(String secret, int port, List<String> extraHosts) {
    this.secret = secret.getBytes(StandardCharsets.US_ASCII);
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

  /** 24 random bytes, base64url: a secret or a link token. */
  static String randomToken() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Why a request is refused, or {@code null} when it may go on. */
  record Verdict(int status, String reason) {}

  /** Makes a link token that grants access once, within {@link #LINK_LIFETIME}. */
  synchronized String newLink() {
    String t = randomToken();
    while (links.size() >= MAX_LINKS) {
      Iterator<String> oldest = links.keySet().iterator();
      markSpent(oldest.next());
      oldest.remove();
    }
    links.put(t, System.nanoTime() + LINK_LIFETIME.toNanos());
    return t;
  }

  /**
   * Checks one request.
   *
   * @param host the {@code Host} header, or {@code null}
   * @param origin the {@code Origin} header, or {@code null}
   * @param link the {@code token} query parameter (a link token), or {@code null}
   * @param cookieHeader the {@code Cookie} header, or {@code null}
   * @param originRequired whether a missing Origin is refused (WebSocket upgrades from a browser
   *     always send one); a WebSocket upgrade also takes no link token, only the cookie
   * @return {@code null} to allow, else the status and reason to refuse with; an allowed request
   *     with a link token has spent it
   */
  Verdict check(
      String host, String origin, String link, String cookieHeader, boolean originRequired) {
    if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
      return new Verdict(
          403, "Host '" + host + "' is not this server; open the URL sockit ui printed");
    }
    if (origin == null ? originRequired : !sameOrigin(origin)) {
      return new Verdict(403, "cross-origin request from '" + origin + "' refused");
    }
    boolean cookieOk = secretMatches(cookieToken(cookieHeader, cookie));
    if (link != null && !originRequired) {
      // Spend the token even when the cookie already lets the request in: it has been exchanged.
      boolean linkOk = redeem(link);
      if (cookieOk || linkOk) {
        return null;
      }
      return new Verdict(
          401,
          wasSpent(link)
              ? "this link was already used or has expired (a link works once, within "
                  + LINK_LIFETIME.toMinutes()
                  + " minutes); press Enter in the terminal where sockit ui runs for a new one,"
                  + " or use 'Link for another browser' in a page that is open"
              : "missing or wrong access token; open the URL sockit ui printed (it carries"
                  + " ?token=...)");
    }
    if (!cookieOk) {
      return new Verdict(
          401,
          "missing or wrong access token; open the URL sockit ui printed (it carries ?token=...)");
    }
    return null;
  }

  private synchronized boolean redeem(String link) {
    Long expiry = null;
    for (Iterator<Map.Entry<String, Long>> it = links.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Long> e = it.next();
      // constant time per comparison: which token matched must not show in the timing
      if (MessageDigest.isEqual(bytes(e.getKey()), bytes(link))) {
        expiry = e.getValue();
        it.remove();
        markSpent(e.getKey());
      }
    }
    return expiry != null && System.nanoTime() - expiry < 0;
  }

  private synchronized boolean wasSpent(String link) {
    return spent.containsKey(link);
  }

  private void markSpent(String token) {
    spent.put(token, Boolean.TRUE);
    while (spent.size() > 4 * MAX_LINKS) {
      Iterator<String> it = spent.keySet().iterator();
      it.next();
      it.remove();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** The cookie's value. */
  String secret() {
    return new String(secret, StandardCharsets.US_ASCII);
  }

  boolean secretMatches(String candidate) {
    return candidate != null && MessageDigest.isEqual(secret, bytes(candidate));
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

  /** The name of the cookie that carries the secret after the first visit. */
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
