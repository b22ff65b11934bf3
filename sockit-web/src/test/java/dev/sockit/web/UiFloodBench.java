package dev.sockit.web;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * bench/ui-flood.sh: RATE datagrams a second for SECONDS into one UDP session of a real {@code
 * sockit ui} process, watched by headless Chromium; prints a Markdown table of what the page and
 * the server went through, second by second. Not a test (no assertions): the numbers go to
 * bench/results-ui.md.
 */
public final class UiFloodBench {
  private UiFloodBench() {}

  public static void main(String[] args) throws Exception {
    int rate = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    Path root = Path.of(args[2]);
    Process ui =
        new ProcessBuilder(root.resolve("sockit").toString(), "ui", "--port", "0", "--no-open")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    WebDriver driver = null;
    Path profile = Files.createTempDirectory("sockit-ui-bench");
    try {
      String url =
          new BufferedReader(new InputStreamReader(ui.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      if (url == null || !url.startsWith("http://")) {
        throw new IllegalStateException("sockit ui printed no URL");
      }
      ChromeOptions options = new ChromeOptions();
      options.setBinary(new File("/usr/bin/chromium"));
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--enable-precise-memory-info",
          "--window-size=1400,900",
          "--user-data-dir=" + profile);
      driver =
          new ChromeDriver(
              new ChromeDriverService.Builder()
                  .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                  .usingAnyFreePort()
                  .build(),
              options);
      WebDriver d = driver;
      WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(20));
      d.get(url);
      wait.until(x -> d.findElement(By.id("link")).getText().equals("connected"));
      new Select(d.findElement(By.id("kind"))).selectByValue("udp");
      d.findElement(By.id("port")).sendKeys("0");
      d.findElement(By.id("open")).click();
      Pattern portIn = Pattern.compile(":(\\d+)$");
      wait.until(x -> portIn.matcher(d.findElement(By.id("session-title")).getText()).find());
      Matcher m = portIn.matcher(d.findElement(By.id("session-title")).getText());
      m.find();
      int port = Integer.parseInt(m.group(1));

      AtomicLong sent = new AtomicLong();
      Thread sender =
          Thread.ofPlatform().name("flood").start(() -> flood(port, rate, seconds, sent));
      List<Map<String, Object>> samples = new ArrayList<>();
      long start = System.nanoTime();
      for (int s = 0; s <= seconds + 2; s++) {
        long t0 = System.nanoTime();
        @SuppressWarnings("unchecked")
        Map<String, Object> js =
            (Map<String, Object>)
                ((JavascriptExecutor) d)
                    .executeScript(
                        "const s = window.sockitStats; return {batches: s.batches, renders: s.renders, entries: s.entries,"
                            + " rows: document.getElementById('log').childElementCount,"
                            + " heap: performance.memory ? performance.memory.usedJSHeapSize : -1,"
                            + " rx: document.getElementById('rx-msgs').textContent};");
        long scriptMs = (System.nanoTime() - t0) / 1_000_000;
        js = new java.util.HashMap<>(js);
        js.put("t", (System.nanoTime() - start) / 1_000_000_000.0);
        js.put("scriptMs", scriptMs);
        js.put("sent", sent.get());
        js.put("rss", rssKiB(ui.pid()));
        if (s == 0 || s == seconds / 2 || s == seconds) {
          js.put("live", liveHeapKiB(ui.pid()));
        }
        samples.add(js);
        Thread.sleep(Math.max(0, 1000 - (System.nanoTime() - t0) / 1_000_000));
      }
      sender.join();
      report(rate, seconds, samples);
    } finally {
      if (driver != null) {
        driver.quit();
      }
      ui.destroy();
      ui.waitFor();
      try (var walk = Files.walk(profile)) {
        walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void flood(int port, int rate, int seconds, AtomicLong sent) {
    try (DatagramSocket s =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
      long perMs = Math.max(1, rate / 1000);
      long start = System.nanoTime();
      long end = start + seconds * 1_000_000_000L;
      long n = 0;
      for (long tick = 0; System.nanoTime() < end; tick++) {
        for (int i = 0; i < perMs; i++) {
          byte[] b = ("flood " + n++ + "\n").getBytes(StandardCharsets.US_ASCII);
          s.send(new DatagramPacket(b, b.length, target));
        }
        sent.set(n);
        long next = start + (tick + 1) * 1_000_000L;
        while (System.nanoTime() < next) {
          Thread.onSpinWait();
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long rssKiB(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (java.io.IOException e) {
      return -1;
    }
    return -1;
  }

  /** The server's heap in use right after a full GC (what it really retains), via jcmd. */
  private static long liveHeapKiB(long pid) {
    try {
      String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
      new ProcessBuilder(jcmd, Long.toString(pid), "GC.run")
          .redirectErrorStream(true)
          .start()
          .waitFor();
      Process p =
          new ProcessBuilder(jcmd, Long.toString(pid), "GC.heap_info")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      Matcher m = Pattern.compile("(?m)^\\s*\\S+\\s+total \\d+K, used (\\d+)K").matcher(out);
      long used = 0;
      while (m.find()) {
        used += Long.parseLong(m.group(1));
      }
      return used;
    } catch (java.io.IOException | InterruptedException e) {
      return -1;
    }
  }

  private static long num(Object o) {
    return o instanceof Number n
        ? n.longValue()
        : Long.parseLong(o.toString().replaceAll("\\D", ""));
  }

  private static void report(int rate, int seconds, List<Map<String, Object>> samples) {
    System.out.println(
        "| second | sent (total) | received by server (page counter) | page updates/s | rows rendered | DOM rows | page JS heap MiB | script round trip ms | server RSS MiB |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    List<Long> rates = new ArrayList<>();
    long maxRows = 0;
    long maxHeap = 0;
    long maxRss = 0;
    long maxScript = 0;
    for (int i = 1; i < samples.size(); i++) {
      Map<String, Object> a = samples.get(i - 1);
      Map<String, Object> b = samples.get(i);
      double dt = (double) b.get("t") - (double) a.get("t");
      long updates = Math.round((num(b.get("batches")) - num(a.get("batches"))) / dt);
      if (i < seconds) { // whole seconds inside the flood
        rates.add(updates);
      }
      maxRows = Math.max(maxRows, num(b.get("rows")));
      maxHeap = Math.max(maxHeap, num(b.get("heap")));
      maxRss = Math.max(maxRss, num(b.get("rss")));
      maxScript = Math.max(maxScript, num(b.get("scriptMs")));
      System.out.printf(
          "| %d | %d | %s | %d | %d | %d | %.1f | %d | %.1f |%n",
          i,
          num(b.get("sent")),
          b.get("rx"),
          updates,
          num(b.get("entries")),
          num(b.get("rows")),
          num(b.get("heap")) / 1048576.0,
          num(b.get("scriptMs")),
          num(b.get("rss")) / 1024.0);
    }
    Collections.sort(rates);
    System.out.println();
    System.out.printf(
        "Asked: %d datagrams/s for %d s. Page updates per second in seconds 1-%d of the flood: min %d, median %d (target >= 5).%n",
        rate, seconds, seconds - 1, rates.get(0), rates.get(rates.size() / 2));
    StringBuilder live = new StringBuilder();
    for (int i = 0; i < samples.size(); i++) {
      if (samples.get(i).containsKey("live")) {
        live.append(live.length() == 0 ? "" : ", ")
            .append(
                String.format(
                    "%.1f MiB at second %d", num(samples.get(i).get("live")) / 1024.0, i));
      }
    }
    System.out.println(
        "Server heap in use after a full GC (jcmd GC.run + GC.heap_info): " + live + ".");
    System.out.printf(
        "Largest: %d DOM rows (cap 1000), page JS heap %.1f MiB, server RSS %.1f MiB, script round trip %d ms.%n",
        maxRows, maxHeap / 1048576.0, maxRss / 1024.0, maxScript);
  }
}
