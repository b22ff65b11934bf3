package dev.sockit.core.ipmsg;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * iptux 0.8.3 (Debian's {@code iptux}) as a real peer: run in a network namespace under {@code
 * xvfb-run}, with its own HOME and a config file written by the test (nickname, group, code page,
 * shared files, chat windows opening on their own). Its debug log shows every packet it sends and
 * receives; its chat windows are found and typed into through the X Test extension ({@code
 * xtype.py}, Python with ctypes on libX11 and libXtst).
 */
final class Iptux implements AutoCloseable {
  private final Path home;
  private final Path log;
  private final Path env;
  private final Spawned process;
  private final String ns;

  private Iptux(Path home, String ns, Spawned process) {
    this.home = home;
    this.ns = ns;
    this.log = home.resolve("iptux.log");
    this.env = home.resolve("display.env");
    this.process = process;
  }

  /** Why iptux cannot run here, or {@code null}. */
  static String unavailable() {
    for (String tool : new String[] {"iptux", "xvfb-run"}) {
      if (!onPath(tool)) {
        return "needs " + tool + " (Debian packages iptux, xvfb)";
      }
    }
    return null;
  }

  /** Why iptux's window cannot be typed into here, or {@code null}. */
  static String typingUnavailable() {
    if (!onPath("python3")) {
      return "needs python3";
    }
    for (String lib : new String[] {"libX11.so.6", "libXtst.so.6"}) {
      boolean found = false;
      for (String dir :
          new String[] {
            "/usr/lib/x86_64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu",
            "/usr/lib",
            "/lib/x86_64-linux-gnu"
          }) {
        found |= Files.exists(Path.of(dir, lib));
      }
      if (!found) {
        return "needs " + lib + " (Debian packages libx11-6, libxtst6) to type into iptux";
      }
    }
    return null;
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", tool))
        || Files.isExecutable(Path.of("/usr/bin", tool));
  }

  /**
   * Starts iptux in {@code ns} with a fresh HOME under {@code dir}.
   *
   * @param encoding its {@code preference_encode}: {@code gbk} or {@code utf-8}
   * @param shared files and folders it shares
   */
  static Iptux start(Path dir, String ns, String nick, String encoding, List<Path> shared)
      throws IOException, InterruptedException {
    Path home = Files.createDirectories(dir.resolve("iptux-home-" + encoding));
    StringBuilder list = new StringBuilder();
    for (Path p : shared) {
      list.append(list.isEmpty() ? "" : ",").append('"').append(p.toAbsolutePath()).append('"');
    }
    String config =
        "{\"version\":1,\"nick_name\":\""
            + nick
            + "\",\"belong_group\":\"组\","
            + "\"preference_encode\":\""
            + encoding
            + "\",\"record_log\":true,"
            + "\"open_chat\":true,\"shared_file_list\":["
            + list
            + "]}";
    Path cfg = Files.writeString(home.resolve("config.json"), config, StandardCharsets.UTF_8);
    Path log = home.resolve("iptux.log");
    Path env = home.resolve("display.env");
    String script =
        "echo \"$DISPLAY $XAUTHORITY\" > '" + env + "'; exec iptux -c '" + cfg + "' -l DEBUG";
    Spawned p =
        Spawned.start(
            "iptux",
            Netns.in(ns, "xvfb-run", "-a", "sh", "-c", script),
            Map.of(
                "HOME",
                home.toString(),
                "XDG_CONFIG_HOME",
                home.resolve(".config").toString(),
                "XDG_CACHE_HOME",
                home.resolve(".cache").toString()),
            log);
    Iptux iptux = new Iptux(home, ns, p);
    try {
      iptux.awaitLog("bind UDP port\\(0\\.0\\.0\\.0:2425\\) success", Duration.ofSeconds(20));
    } catch (AssertionError | IOException e) {
      p.close();
      throw e;
    }
    return iptux;
  }

  /** iptux's own log so far (its stderr): every packet at DEBUG level. */
  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** Waits until iptux's log has a match of {@code regex}. */
  Matcher awaitLog(String regex, Duration timeout) throws IOException, InterruptedException {
    Pattern p = Pattern.compile(regex);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Matcher m = p.matcher(log());
      if (m.find()) {
        return m;
      }
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new AssertionError("iptux's log has no " + regex + ":\n" + tail(log(), 4000));
      }
      Thread.sleep(100);
    }
  }

  private static String tail(String s, int n) {
    return s.length() <= n ? s : s.substring(s.length() - n);
  }

  /** Runs the X helper in iptux's display: {@code xtype.py ARGS}; returns its output. */
  String x(String... args) throws IOException, InterruptedException {
    String[] display = Files.readString(env).strip().split(" ");
    List<String> cmd = new ArrayList<>(List.of("env", "DISPLAY=" + display[0]));
    if (display.length > 1) {
      cmd.add("XAUTHORITY=" + display[1]);
    }
    cmd.addAll(List.of("python3", script().toString()));
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(Netns.in(ns, cmd.toArray(String[]::new)))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return out + "(exit " + p.exitValue() + ")";
  }

  /** The titles of iptux's windows. */
  String windows() throws IOException, InterruptedException {
    return x("--list", "x", "0");
  }

  /** Types {@code text} and Ctrl+Return into the window whose title starts with {@code title}. */
  String type(String title, String text) throws IOException, InterruptedException {
    return x(title, text, "15");
  }

  private static Path script() {
    try {
      return Path.of(Iptux.class.getResource("/ipmsg/xtype.py").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  Path home() {
    return home;
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
