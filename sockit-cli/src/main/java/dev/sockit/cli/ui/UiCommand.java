package dev.sockit.cli.ui;

import dev.sockit.cli.Failures;
import dev.sockit.cli.Reporting;
import dev.sockit.web.UiOptions;
import dev.sockit.web.UiServer;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sockit ui}: the network debugging assistant in the browser. Only this command loads the
 * web module's classes (Helidon), so other commands start as fast as before.
 */
@Command(
    name = "ui",
    header = "Start the network debugging assistant in the browser.",
    mixinStandardHelpOptions = true,
    description = {
      "Start the network debugging assistant in the browser: TCP client, TCP server",
      "and UDP sessions; live log (text or hex; UTF-8, GBK, ASCII, Latin-1); send",
      "box (escapes, CR/LF, checksums, auto-send, history); auto-reply rules;",
      "counters; CSV and JSON export.",
      "Listens on 127.0.0.1; the printed URL carries an access token. See docs/ui.md."
    })
public final class UiCommand implements Callable<Integer>, Reporting {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8421",
      paramLabel = "PORT",
      description = "port to listen on (default ${DEFAULT-VALUE}; 0: any free port)")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDR",
      description = "address to listen on (default ${DEFAULT-VALUE}); others still need the token")
  String bind;

  @Option(names = "--no-open", description = "do not open a browser")
  boolean noOpen;

  @Option(names = "--debug", description = "print stack traces on failure")
  boolean debug;

  @Option(
      names = "--packets",
      paramLabel = "FILE",
      description =
          "saved-packet library (default $XDG_CONFIG_HOME/sockit/packets.json or ~/.config/sockit/packets.json)")
  java.nio.file.Path packets;

  private static java.nio.file.Path defaultPackets() {
    String xdg = System.getenv("XDG_CONFIG_HOME");
    java.nio.file.Path base =
        xdg != null && !xdg.isBlank()
            ? java.nio.file.Path.of(xdg)
            : java.nio.file.Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("sockit").resolve("packets.json");
  }

  @Override
  public boolean debug() {
    return debug;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be from 0 to 65535, got " + port);
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--bind: cannot resolve '" + bind + "'");
    }
    // Helidon reports its start-up at INFO through java.util.logging; sockit prints its own lines.
    // A listener that cannot bind is logged as SEVERE by Helidon and reported by sockit in one
    // line.
    Logger helidon = Logger.getLogger("io.helidon");
    helidon.setLevel(debug ? Level.INFO : Level.OFF);
    try (UiServer ui =
        UiServer.start(
            new UiOptions(address, port, null, packets != null ? packets : defaultPackets()))) {
      Runtime.getRuntime().addShutdownHook(new Thread(ui::close, "sockit-ui-stop"));
      err.println("listening on " + ui.listeningOn() + " (http)");
      if (!address.isLoopbackAddress()) {
        err.println(
            "sockit: warning: listening on "
                + ui.listeningOn()
                + ", reachable from other hosts; anyone with the token can open sockets as you (plain HTTP, no TLS)");
      }
      err.flush();
      String url = ui.url();
      out.println(url);
      out.flush();
      err.println("the link works once (within 15 minutes); press Enter here for a new one");
      err.flush();
      Thread.ofPlatform().daemon().name("sockit-ui-links").start(() -> newLinkOnEnter(ui, out));
      if (!noOpen) {
        openBrowser(url, err);
      }
      ui.awaitStop();
    }
    return Failures.OK;
  }

  /** Each line on stdin (Enter in the terminal) prints a new one-time URL, for another browser. */
  private static void newLinkOnEnter(UiServer ui, PrintWriter out) {
    try {
      java.io.BufferedReader in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(System.in, java.nio.charset.Charset.defaultCharset()));
      while (in.readLine() != null) {
        out.println(ui.url());
        out.flush();
      }
    } catch (IOException e) {
      // no terminal to read: links come from the page's "Link for another browser" instead
    }
  }

  private static void openBrowser(String url, PrintWriter err) {
    boolean display = System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
    String opener = onPath("xdg-open");
    if (!display || opener == null) {
      err.println(
          "open the URL above in a browser"
              + (opener == null ? "" : " (no display to open one here)"));
      err.flush();
      return;
    }
    try {
      new ProcessBuilder(opener, url)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      err.println(
          "could not start a browser (" + e.getMessage() + "); open the URL above yourself");
      err.flush();
    }
  }

  private static String onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir, name);
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    return null;
  }
}
