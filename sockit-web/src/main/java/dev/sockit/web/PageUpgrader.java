package dev.sockit.web;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.spi.ServerConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * Upgrades {@code GET /ws} to the page's WebSocket ({@link PageSocket}) when the access guard lets
 * it in (the cookie, this server's Host and Origin). A refused or malformed upgrade returns {@code
 * null}: Helidon then routes it as a plain request, which the access filter answers with 401 or
 * 403.
 */
final class PageUpgrader implements Http1Upgrader {
  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final Workspace workspace;
  private final PageHub hub;
  private final PageHub.AccessGuardHolder guard;

  PageUpgrader(Workspace workspace, PageHub hub, PageHub.AccessGuardHolder guard) {
    this.workspace = workspace;
    this.hub = hub;
    this.guard = guard;
  }

  @Override
  public String supportedProtocol() {
    return "websocket";
  }

  @Override
  public ServerConnection upgrade(
      ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers) {
    AccessGuard g = guard.guard;
    String host = headers.first(HeaderNames.HOST).orElse(null);
    if (g == null
        || !"/ws".equals(prologue.uriPath().path())
        || g.check(
                host,
                headers.first(HeaderNames.ORIGIN).orElse(null),
                null,
                headers.first(HeaderNames.COOKIE).orElse(null),
                true)
            != null) {
      return null;
    }
    String key = headers.first(HeaderNames.create("Sec-WebSocket-Key")).orElse("");
    String version = headers.first(HeaderNames.create("Sec-WebSocket-Version")).orElse("");
    String connection = headers.first(HeaderNames.CONNECTION).orElse("").toLowerCase(Locale.ROOT);
    if (!"13".equals(version.trim()) || !validKey(key) || !connection.contains("upgrade")) {
      return null;
    }
    String response =
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: "
            + accept(key.trim())
            + "\r\n\r\n";
    ctx.dataWriter().writeNow(BufferData.create(response.getBytes(StandardCharsets.US_ASCII)));
    return new PageSocket(ctx, new Page(workspace, hub, host));
  }

  private static boolean validKey(String key) {
    try {
      return Base64.getDecoder().decode(key.trim()).length == 16;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String accept(String key) {
    try {
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1")
              .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e);
    }
  }
}
