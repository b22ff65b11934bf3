package dev.sockit.cli.e2e;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts each of the launcher's command families once before the first end-to-end test: on a fresh
 * clone with JDK 25 the launcher trains a family's start-up cache the first time it runs it (a few
 * seconds), and that time would otherwise fall inside whichever test starts the family first, on
 * its clock (an accept that waits 20 s, a reply expected within a second). Registered for every
 * test class by {@code junit-platform.properties}; does nothing outside the failsafe run (no {@code
 * sockit.root}: unit tests, which run before the jar exists) and nothing after the first time.
 */
public final class LauncherWarmUp implements BeforeAllCallback {
  /**
   * One harmless run per family of the launcher's start-up caches (see the launcher's case list).
   */
  static final List<List<String>> FAMILIES =
      List.of(
          List.of("--version"), // version
          List.of("ip", "127.0.0.1"), // ip
          List.of("port", "80"), // port
          List.of("resolve", "127.0.0.1"), // resolve
          List.of("ifaces"), // ifaces
          List.of("scan", "127.0.0.1", "1", "--no-progress"), // scan (loopback port 1)
          List.of("tcp", "connect", "127.0.0.1", "1"), // nc: refused on loopback port 1
          List.of("--help")); // main

  private static boolean done;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    warm();
  }

  private static synchronized void warm() throws IOException, InterruptedException {
    if (done || System.getProperty("sockit.root") == null) {
      return;
    }
    done = true;
    for (List<String> args : FAMILIES) {
      List<String> command = Proc.sockitCommand(args.toArray(String[]::new));
      Process p =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) { // the training has a 30 s watchdog of its own
        p.destroyForcibly();
      }
    }
  }
}
