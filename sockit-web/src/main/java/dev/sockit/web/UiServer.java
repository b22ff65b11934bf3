package dev.sockit.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.staticcontent.StaticContentService;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code sockit ui} server: Helidon SE serves the page from the jar and the pages' WebSocket at
 * {@code /ws} ({@link PageUpgrader}, {@link PageSocket}); every request passes the {@link
 * AccessGuard}.
 */
public final class UiServer implements AutoCloseable {
  private final WebServer server;
  private final Workspace workspace;
  private final PageHub hub;
  private final AccessGuard guard;
  private final String token;
  private final InetAddress bind;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private UiServer(
      WebServer server,
      Workspace workspace,
      PageHub hub,
      AccessGuard guard,
      String token,
      InetAddress bind) {
    this.server = server;
    this.workspace = workspace;
    this.hub = hub;
    this.guard = guard;
    this.token = token;
    this.bind = bind;
  }

  /**
   * Starts listening.
   *
   * @param options where
   * @return the running server
   * @throws java.io.UncheckedIOException wrapping a {@link java.net.BindException} that names the
   *     address when it cannot be bound
   */
  public static UiServer start(UiOptions options) {
    Objects.requireNonNull(options, "options");
    String token = options.token() != null ? options.token() : AccessGuard.randomToken();
    // Received-data files go beside the saved packets: <config folder>/received/
    Workspace workspace =
        options.packets() == null
            ? new Workspace()
            : new Workspace(
                new PacketLibrary(options.packets()),
                options.packets().toAbsolutePath().getParent().resolve("received"));
    // The guard needs the real port, known only after binding: it is looked up per request.
    PageHub.AccessGuardHolder holder = new PageHub.AccessGuardHolder();
    PageHub hub = new PageHub(workspace, holder);
    WebServer server;
    try {
      server =
          WebServer.builder()
              .address(options.bind())
              .port(options.port())
              .shutdownHook(false)
              // HTTP/1.1 with the page's own WebSocket (instead of Helidon's): it ends every page
              // it starts, however the connection ends, and drains a frame too large before its
              // close frame (1009)
              .addConnectionSelector(
                  Http1ConnectionSelector.builder()
                      .config(Http1Config.create())
                      .addUpgrader(new PageUpgrader(workspace, hub, holder))
                      .build())
              .routing(
                  r ->
                      r.addFilter((chain, req, res) -> filter(holder.guard, chain, req, res))
                          .register(
                              "/",
                              StaticContentService.builder("dev/sockit/web/static")
                                  .welcomeFileName("index.html")
                                  .build()))
              .build()
              .start();
    } catch (RuntimeException e) {
      hub.close();
      workspace.close();
      throw explain(options, e);
    }
    if (!server.isRunning() || server.port() < 0) {
      // Helidon logs a failed listener and returns a stopped server instead of throwing: find out
      // why.
      server.stop();
      hub.close();
      workspace.close();
      throw explain(options, whyNotBound(options));
    }
    List<String> extra = new ArrayList<>();
    if (options.bind().isAnyLocalAddress()) {
      extra.addAll(localAddresses());
    } else if (!options.bind().isLoopbackAddress()) {
      extra.add(hostLiteral(options.bind()).replace("[", "").replace("]", ""));
    }
    AccessGuard guard = new AccessGuard(token, server.port(), extra);
    holder.guard = guard;
    return new UiServer(server, workspace, hub, guard, token, options.bind());
  }

  private static RuntimeException explain(UiOptions options, RuntimeException e) {
    String where = hostLiteral(options.bind()) + ":" + options.port();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException b) {
        String m = String.valueOf(b.getMessage()).toLowerCase(java.util.Locale.ROOT);
        String why =
            m.contains("in use")
                ? ": the port is already in use; choose another --port (0: any free port)"
                : m.contains("assign")
                    ? ": that address is not on any local interface"
                    : ": " + b.getMessage();
        return new java.io.UncheckedIOException(
            new java.net.BindException("cannot listen on " + where + why));
      }
    }
    return e;
  }

  // Listening on every address: a browser on another host names this one by any of its addresses.
  private static List<String> localAddresses() {
    List<String> out = new ArrayList<>();
    try {
      for (var iface :
          java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : java.util.Collections.list(iface.getInetAddresses())) {
          out.add(hostLiteral(a).replace("[", "").replace("]", ""));
        }
      }
    } catch (java.net.SocketException e) {
      System.getLogger(UiServer.class.getName())
          .log(System.Logger.Level.DEBUG, "listing interfaces failed", e);
    }
    return out;
  }

  private static RuntimeException whyNotBound(UiOptions options) {
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.bind(new java.net.InetSocketAddress(options.bind(), options.port()));
    } catch (java.io.IOException e) {
      return new java.io.UncheckedIOException(e);
    }
    return new IllegalStateException(
        "cannot listen on "
            + hostLiteral(options.bind())
            + ":"
            + options.port()
            + ": the web server did not start (--debug shows its log)");
  }

  private static void filter(
      AccessGuard guard, FilterChain chain, RoutingRequest req, RoutingResponse res) {
    String queryToken = req.query().contains("token") ? req.query().get("token") : null;
    AccessGuard.Verdict v =
        guard == null
            ? new AccessGuard.Verdict(503, "starting")
            : guard.check(
                req.headers().first(HeaderNames.HOST).orElse(null),
                req.headers().first(HeaderNames.ORIGIN).orElse(null),
                queryToken,
                req.headers().first(HeaderNames.COOKIE).orElse(null),
                false);
    res.header("Cache-Control", "no-store");
    res.header("X-Content-Type-Options", "nosniff");
    res.header("Referrer-Policy", "no-referrer");
    res.header("X-Frame-Options", "DENY");
    if (v != null) {
      res.status(Status.create(v.status()));
      res.header("Content-Type", "text/plain; charset=utf-8");
      res.send("sockit ui: " + v.reason() + "\n");
      return;
    }
    if (queryToken != null) {
      // Trade the one-time token in the URL for the cookie, then drop it from the address bar.
      res.header(
          HeaderNames.SET_COOKIE,
          guard.cookieName() + "=" + guard.secret() + "; Path=/; HttpOnly; SameSite=Strict");
      res.header(HeaderNames.LOCATION, req.path().path());
      res.status(Status.SEE_OTHER_303);
      res.send();
      return;
    }
    res.header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'");
    chain.proceed();
  }

  /** The port listened on (the real one when 0 was asked for). */
  public int port() {
    return server.port();
  }

  /** The server's secret: the value of the cookie a link is traded for (tests use it). */
  public String token() {
    return token;
  }

  /**
   * A new URL to open: the page with a one-time token, which works once, within {@link
   * AccessGuard#LINK_LIFETIME} (15 minutes). Each call makes a new one.
   *
   * @return {@code http://HOST:PORT/?token=...}
   */
  public String url() {
    String host =
        bind.isAnyLocalAddress() || bind.isLoopbackAddress() ? "127.0.0.1" : hostLiteral(bind);
    return "http://" + host + ":" + port() + "/?token=" + guard.newLink();
  }

  /** Pages open now (tests). */
  int pages() {
    return hub.size();
  }

  /** The address as it appears in the readiness line, e.g. {@code 127.0.0.1:8421}. */
  public String listeningOn() {
    return hostLiteral(bind) + ":" + port();
  }

  private static String hostLiteral(InetAddress a) {
    String h = a.getHostAddress();
    int pct = h.indexOf('%');
    if (pct >= 0) {
      h = h.substring(0, pct);
    }
    return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
  }

  /**
   * Waits until {@link #close()} is called.
   *
   * @throws InterruptedException if interrupted
   */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Workspace, for tests in this package. */
  Workspace workspace() {
    return workspace;
  }

  /** Stops the server and closes every session. Idempotent. */
  @Override
  public void close() {
    try {
      hub.close();
      workspace.close();
      server.stop();
    } finally {
      stopped.countDown();
    }
  }
}
