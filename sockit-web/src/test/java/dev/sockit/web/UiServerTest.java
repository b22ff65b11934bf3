package dev.sockit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real server on loopback: the token, the cookie, Host and Origin checks, for HTTP and the
 * WebSocket.
 */
@Timeout(30)
class UiServerTest {
  private UiServer ui;
  private String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() {
    ui = UiServer.start(UiOptions.loopback(0));
    base = "http://127.0.0.1:" + ui.port();
  }

  @AfterEach
  void stop() {
    ui.close();
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String cookie() {
    return "sockit_token_" + ui.port() + "=" + ui.token();
  }

  @Test
  void urlCarriesTheTokenWhichBecomesACookie() throws Exception {
    String url = ui.url();
    assertThat(url).matches(java.util.regex.Pattern.quote(base) + "/\\?token=[A-Za-z0-9_-]{32}");
    HttpResponse<String> first = get(url.substring(base.length()), null);
    assertThat(first.statusCode()).isEqualTo(303);
    assertThat(first.headers().firstValue("Location")).hasValue("/");
    assertThat(first.headers().firstValue("Set-Cookie").orElseThrow())
        .startsWith(cookie() + ";")
        .contains("HttpOnly")
        .contains("SameSite=Strict");
    HttpResponse<String> page = get("/", cookie());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("sockit <span>ui</span>");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'self'");
    assertThat(get("/app.js", cookie()).body()).contains("new WebSocket");
  }

  /** Issue 16, defect 14: the token in the URL (kept in browser history) works only once. */
  @Test
  void theUrlTokenIsSpentOnceItHasBecomeACookie() throws Exception {
    String url = ui.url();
    String path = url.substring(base.length());
    assertThat(get(path, null).statusCode()).isEqualTo(303);
    HttpResponse<String> again = get(path, null);
    assertThat(again.statusCode()).isEqualTo(401);
    assertThat(again.body()).contains("already used");
    // the cookie it became still works, and a fresh URL from the running server works once too
    assertThat(get("/", cookie()).statusCode()).isEqualTo(200);
    String fresh = ui.url().substring(base.length());
    assertThat(fresh).isNotEqualTo(path);
    assertThat(get(fresh, null).statusCode()).isEqualTo(303);
    assertThat(get(fresh, null).statusCode()).isEqualTo(401);
    // the long-lived secret itself is never accepted in a URL
    assertThat(get("/?token=" + ui.token(), null).statusCode()).isEqualTo(401);
  }

  /** A page can ask for a one-time URL for a second browser. */
  @Test
  void aPageGetsAOneTimeUrlForAnotherBrowser() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(ui.port(), cookie())) {
      ws.sendText("{\"op\":\"new-link\",\"req\":1}");
      String answer = ws.await("\"req\":1");
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\"url\":\"([^\"]+)\"").matcher(answer);
      assertThat(m.find()).as(answer).isTrue();
      String path = m.group(1).substring(base.length());
      assertThat(get(path, null).statusCode()).isEqualTo(303);
      assertThat(get(path, null).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void requestsWithoutTheTokenAreRefused() throws Exception {
    assertThat(get("/", null).statusCode()).isEqualTo(401);
    assertThat(get("/app.js", null).statusCode()).isEqualTo(401);
    assertThat(get("/?token=wrong", null).statusCode()).isEqualTo(401);
    assertThat(get("/", "sockit_token_" + ui.port() + "=wrong").statusCode()).isEqualTo(401);
    assertThat(get("/", null).body()).contains("access token");
  }

  @Test
  void foreignHostAndOriginAreRefused() throws Exception {
    // DNS rebinding: the browser would send the attacker's name as Host.
    assertThat(
            raw(
                "GET / HTTP/1.1\r\nHost: evil.example:"
                    + ui.port()
                    + "\r\nCookie: "
                    + cookie()
                    + "\r\n\r\n"))
        .startsWith("HTTP/1.1 403");
    assertThat(
            raw(
                "GET / HTTP/1.1\r\nHost: 127.0.0.1:"
                    + ui.port()
                    + "\r\nOrigin: http://evil.example\r\nCookie: "
                    + cookie()
                    + "\r\n\r\n"))
        .startsWith("HTTP/1.1 403");
    assertThat(
            raw(
                "GET / HTTP/1.1\r\nHost: localhost:"
                    + ui.port()
                    + "\r\nCookie: "
                    + cookie()
                    + "\r\n\r\n"))
        .startsWith("HTTP/1.1 200");
  }

  @Test
  void webSocketNeedsTokenAndOwnOrigin() throws Exception {
    String upgrade =
        "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:"
            + ui.port()
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
    String origin = "Origin: " + base + "\r\n";
    assertThat(raw(upgrade + origin + "\r\n")).startsWith("HTTP/1.1 401");
    assertThat(raw(upgrade + "Origin: http://evil.example\r\nCookie: " + cookie() + "\r\n\r\n"))
        .startsWith("HTTP/1.1 403");
    // No Origin at all: not a browser on this page (browsers always send one with a WebSocket).
    assertThat(raw(upgrade + "Cookie: " + cookie() + "\r\n\r\n")).startsWith("HTTP/1.1 4");
    assertThat(raw(upgrade + origin + "Cookie: " + cookie() + "\r\n\r\n"))
        .startsWith("HTTP/1.1 101");

    URI ws = URI.create("ws://127.0.0.1:" + ui.port() + "/ws");
    assertThatThrownBy(
            () ->
                http.newWebSocketBuilder()
                    .header("Origin", base)
                    .buildAsync(ws, new WebSocket.Listener() {})
                    .get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class)
        .rootCause()
        .hasMessageContaining("401");

    CompletableFuture<String> answer = new CompletableFuture<>();
    WebSocket socket =
        http.newWebSocketBuilder()
            .header("Origin", base)
            .header("Cookie", cookie())
            .buildAsync(
                ws,
                new WebSocket.Listener() {
                  private final StringBuilder sb = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    sb.append(data);
                    if (last) {
                      answer.complete(sb.toString());
                    }
                    w.request(1);
                    return null;
                  }
                })
            .get(5, TimeUnit.SECONDS);
    socket.sendText("{\"op\":\"open\",\"kind\":\"udp\",\"port\":70000,\"req\":1}", true);
    assertThat(answer.get(5, TimeUnit.SECONDS))
        .contains("\"t\":\"error\"")
        .contains("port must be from 0 to 65535")
        .contains("\"req\":1");
    socket.abort();
  }

  private String raw(String request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), ui.port())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
        line.append((char) c);
      }
      return line.toString().trim();
    }
  }
}
