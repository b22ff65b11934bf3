package dev.sockit.core.probe;

import dev.sockit.core.address.HostPort;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * What to probe: a {@code HOST:PORT} (DNS, TCP and, when asked, TLS) or an {@code http://} or
 * {@code https://} URL (all of those plus one GET).
 *
 * @param host the host name or IP literal (no brackets)
 * @param port the TCP port
 * @param tls whether to make a TLS handshake after connecting
 * @param path the request target for a URL ({@code /} at least), or {@code null} for no request
 * @param userInfo {@code user:password} (or {@code user}) from a URL, sent as HTTP Basic
 *     authorization as curl does, or {@code null}; never printed by {@link #toString()}
 */
public record ProbeTarget(String host, int port, boolean tls, String path, String userInfo) {
  /** Validates the fields. */
  public ProbeTarget {
    host = HostPort.checkHost(host);
    checkPort(port);
    if (path != null && !path.startsWith("/")) {
      throw new IllegalArgumentException("the request path must start with /, got '" + path + "'");
    }
    if (userInfo != null && path == null) {
      throw new IllegalArgumentException("credentials go with a URL only");
    }
  }

  /**
   * A target without credentials.
   *
   * @param host the host name or IP literal (no brackets)
   * @param port the TCP port
   * @param tls whether to make a TLS handshake after connecting
   * @param path the request target for a URL, or {@code null} for no request
   */
  public ProbeTarget(String host, int port, boolean tls, String path) {
    this(host, port, tls, path, null);
  }

  private static void checkPort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "port "
              + port
              + " is outside 1-65535"
              + (port == 0 ? " (a probe connects, and port 0 cannot be connected to)" : ""));
    }
  }

  /**
   * Parses {@code HOST:PORT}, {@code [IPV6]:PORT} or an http(s) URL.
   *
   * @param text what the user typed
   * @param forceTls make a TLS handshake even for {@code HOST:PORT} or {@code http://}
   * @return the target
   * @throws IllegalArgumentException naming what is wrong and what to write instead
   */
  public static ProbeTarget parse(String text, boolean forceTls) {
    Objects.requireNonNull(text, "text");
    String t = text.strip();
    if (t.contains("://")) {
      return url(t, forceTls);
    }
    if (!HostPort.hasPort(t)) {
      String bare = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
      if (bare.indexOf(':')
          >= 0) { // IPv6 without brackets: the last group may be meant as the port
        int last = bare.lastIndexOf(':');
        if (!t.startsWith("[")
            && isIpv6(bare.substring(0, last))
            && isDigits(bare.substring(last + 1))) {
          throw new IllegalArgumentException(
              "'"
                  + text
                  + "' is ambiguous; put the IPv6 address in brackets: ["
                  + bare.substring(0, last)
                  + "]:"
                  + bare.substring(last + 1));
        }
        throw new IllegalArgumentException(
            "'"
                + text
                + "' has no port; write ["
                + bare
                + "]:PORT (e.g. ["
                + bare
                + "]:443 --tls) or a URL (e.g. https://["
                + bare
                + "]/)");
      }
      throw new IllegalArgumentException(
          "'"
              + text
              + "' has no port; write HOST:PORT (e.g. "
              + t
              + ":443 --tls) or a URL (e.g. https://"
              + t
              + "/)");
    }
    String portText = t.substring(t.lastIndexOf(':') + 1);
    if (isDigits(portText) && portText.length() <= 9) {
      checkPort(Integer.parseInt(portText)); // the same words for 0 and for 70000
    }
    HostPort hp = HostPort.parse(t);
    return new ProbeTarget(hp.host(), hp.port(), forceTls, null);
  }

  private static boolean isDigits(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static boolean isIpv6(String s) {
    try {
      dev.sockit.core.address.IpLiterals.parseIpv6(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static ProbeTarget url(String text, boolean forceTls) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "sockit probe speaks http:// and https:// URLs, not "
              + scheme
              + "://; for another service give HOST:PORT");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          "URL '" + text + "' has no host; write e.g. " + scheme + "://example.org/");
    }
    boolean https = scheme.equals("https");
    int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    return new ProbeTarget(uri.getHost(), port, https || forceTls, path, uri.getUserInfo());
  }

  /**
   * Whether an HTTP GET is part of the probe.
   *
   * @return {@code true} for URLs
   */
  public boolean http() {
    return path != null;
  }

  /**
   * The host as it goes into a {@code Host} header or a URL: brackets around IPv6.
   *
   * @return e.g. {@code [::1]}
   */
  public String hostForUrl() {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  /** {@code https://host:port/path} for URLs, {@code host:port} otherwise. */
  @Override
  public String toString() {
    String hp = hostForUrl() + ":" + port;
    return http() ? (tls ? "https://" : "http://") + hp + path : hp;
  }
}
