package dev.sockit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in real headless Chromium (Debian's chromium and chromedriver), against real sockets on
 * loopback: what a user does, click by click.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UiBrowserIT {
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  private static UiServer ui;
  private static WebDriver driver;
  private static Path profile;

  @BeforeAll
  static void start() throws Exception {
    if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
      String why =
          "skipping browser tests: /usr/bin/chromium or /usr/bin/chromedriver is missing (apt-get install chromium chromium-driver)";
      System.out.println(why);
      Assumptions.abort(why);
    }
    profile = Files.createTempDirectory("sockit-ui-chromium");
    ui = UiServer.start(UiOptions.loopback(0).withPackets(profile.resolve("config/packets.json")));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
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
        "--window-size=1400,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER)
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (ui != null) {
      ui.close();
    }
    if (profile != null) {
      try (var walk = Files.walk(profile)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(10));
  }

  private static WebElement el(String id) {
    return driver.findElement(By.id(id));
  }

  private static void type(String id, String text) {
    WebElement e = el(id);
    e.clear();
    e.sendKeys(text);
  }

  private static void choose(String id, String value) {
    new Select(el(id)).selectByValue(value);
  }

  private static String waitForLog(String text) {
    waiting()
        .withMessage(() -> "log never showed '" + text + "'; it shows:\n" + el("log").getText())
        .until(d -> el("log").getText().contains(text));
    return el("log").getText();
  }

  /**
   * Opens a session from the form and returns the port in its title (which starts with {@code
   * prefix}).
   */
  private static int open(String kind, String prefix) {
    choose("kind", kind);
    type("bind", "127.0.0.1");
    type("port", "0");
    el("open").click();
    Pattern p = Pattern.compile("^" + Pattern.quote(prefix) + "127\\.0\\.0\\.1:(\\d+)$");
    String title =
        waiting()
            .withMessage(
                () -> "no '" + prefix + "' session shown; title: " + el("session-title").getText())
            .until(
                d -> {
                  String t = el("session-title").getText();
                  return p.matcher(t).matches() ? t : null;
                });
    Matcher m = p.matcher(title);
    assertThat(m.matches()).isTrue();
    return Integer.parseInt(m.group(1));
  }

  @Test
  @Order(1)
  void withoutTheTokenHttpAndWebSocketAreRefused() {
    String base = "http://127.0.0.1:" + ui.port() + "/";
    driver.get(base);
    assertThat(driver.findElement(By.tagName("body")).getText())
        .contains("missing or wrong access token");
    Object result =
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "const w = new WebSocket('ws://' + location.host + '/ws');"
                    + "w.onopen = () => done('open'); w.onclose = (e) => done('closed ' + e.code);");
    assertThat(result).isEqualTo("closed 1006");
  }

  @Test
  @Order(2)
  void tcpServerSessionReceivesRepliesInHexAndAutoReplies() throws Exception {
    driver.get(ui.url());
    // The token became a cookie and left the address bar.
    waiting().until(d -> el("link").getText().equals("connected"));
    assertThat(driver.getCurrentUrl()).doesNotContain("token");
    int port = open("tcp-server", "TCP server ");
    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
      client.setSoTimeout(10_000);
      InputStream in = client.getInputStream();
      waitForLog("connected");
      waiting().until(d -> driver.findElements(By.cssSelector("#clients li")).size() == 1);
      client.getOutputStream().write("hello from client\r\n".getBytes(StandardCharsets.UTF_8));
      assertThat(waitForLog("hello from client")).contains("\\r\\n");
      waiting().until(d -> el("rx-msgs").getText().equals("1"));
      assertThat(el("rx-bytes").getText()).isEqualTo("19");

      // Reply from the page in hex, with CRLF appended.
      choose("send-mode", "hex");
      choose("send-ending", "crlf");
      type("send-data", "48 49");
      el("send-btn").click();
      assertThat(in.readNBytes(4)).containsExactly('H', 'I', '\r', '\n');
      waiting().until(d -> el("tx-msgs").getText().equals("1"));

      // Switch the log to hex after the fact.
      choose("view", "hex");
      waitForLog("68 65 6c 6c 6f");
      choose("view", "text");

      // An auto-reply rule, applied on the server.
      el("rules-box").findElement(By.tagName("summary")).click();
      el("add-rule").click();
      WebElement row = driver.findElement(By.cssSelector("#rules tr"));
      new Select(row.findElement(By.className("rule-match"))).selectByValue("contains");
      row.findElement(By.className("rule-pattern")).sendKeys("PING");
      row.findElement(By.className("rule-reply"))
          .sendKeys("PONG{count}\\r\\n"); // a macro, filled in per reply
      new Select(row.findElement(By.className("rule-mode"))).selectByValue("escapes");
      el("apply-rules").click();
      waiting().until(d -> el("rules-count").getText().equals("1"));
      client.getOutputStream().write("xPINGx".getBytes(StandardCharsets.UTF_8));
      assertThat(in.readNBytes(7)).containsExactly('P', 'O', 'N', 'G', '1', '\r', '\n');
      client.getOutputStream().write("PING again".getBytes(StandardCharsets.UTF_8));
      assertThat(in.readNBytes(7)).containsExactly('P', 'O', 'N', 'G', '2', '\r', '\n');
      waitForLog("PONG2");

      // Save received data to a file (in the config folder), then stop: the page shows where.
      el("capture-toggle").click();
      waiting().until(d -> el("message").getText().startsWith("saving received data to "));
      client.getOutputStream().write("CAP-1".getBytes(StandardCharsets.UTF_8));
      waiting().until(d -> el("capture-info").getText().startsWith("5 B"));
      el("capture-toggle").click();
      waiting().until(d -> el("message").getText().startsWith("saved 5 bytes to "));
      Path saved = Path.of(el("message").getText().substring("saved 5 bytes to ".length()));
      assertThat(saved.getParent()).isEqualTo(profile.resolve("config/received"));
      assertThat(Files.readString(saved)).isEqualTo("CAP-1");
      waiting()
          .until(
              d ->
                  el("capture-toggle")
                      .getText()
                      .equals("Save received to file")); // the next batch says so

      // Send a file (binary, every byte value).
      byte[] file = new byte[3000];
      new java.util.Random(6).nextBytes(file);
      Path path = profile.resolve("frame.bin");
      Files.write(path, file);
      el("send-file").sendKeys(path.toString());
      el("send-file-btn").click();
      assertThat(in.readNBytes(file.length)).isEqualTo(file);
      waiting().until(d -> el("message").getText().equals("sent file: 3000 bytes"));

      // A bad input gets a clear message in the page.
      choose("send-mode", "hex");
      type("send-data", "zz");
      el("send-btn").click();
      waiting().until(d -> el("message").getText().contains("hex"));
      assertThat(el("message").getAttribute("class")).isEqualTo("error");

      // Export the log as CSV (the same rows the CSV/JSON buttons download).
      String csv =
          (String) ((JavascriptExecutor) driver).executeScript("return window.sockitExport.csv();");
      assertThat(csv)
          .startsWith("time,dir,peer,length,text,hex,note")
          .contains("rx,127.0.0.1:")
          .contains("48 49 0d 0a");

      // The throughput line: bytes per second, sampled each second.
      waiting().until(d -> el("rate-text").getText().matches("RX .* B/s · TX .* B/s"));

      screenshot("ui-tcp-server.png");
    }
    waitForLog("disconnected");
  }

  @Test
  @Order(3)
  void udpSessionBothWaysInGbk() throws Exception {
    driver.get("http://127.0.0.1:" + ui.port() + "/");
    waiting().until(d -> el("link").getText().equals("connected"));
    int port = open("udp", "UDP ");
    try (DatagramSocket peer =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      peer.setSoTimeout(10_000);
      Charset gbk = Charset.forName("GBK");
      byte[] hello = "你好，设备".getBytes(gbk);
      peer.send(
          new DatagramPacket(
              hello, hello.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
      waiting().until(d -> el("rx-msgs").getText().equals("1"));
      choose("encoding", "GBK");
      waitForLog("你好，设备");

      // Reply to the last sender, text encoded as GBK, with a CRC-16/MODBUS.
      el("reply-last").click();
      choose("send-mode", "text");
      choose("send-ending", "none");
      choose("send-checksum", "crc16-modbus");
      type("send-data", "收到");
      el("send-btn").click();
      DatagramPacket p = new DatagramPacket(new byte[100], 100);
      peer.receive(p);
      byte[] body = "收到".getBytes(gbk);
      assertThat(p.getLength()).isEqualTo(body.length + 2);
      assertThat(new String(p.getData(), 0, body.length, gbk)).isEqualTo("收到");
      int crc = dev.sockit.core.codec.Checksums.crc16Modbus(body);
      assertThat(p.getData()[body.length] & 0xff).isEqualTo(crc & 0xff);
      assertThat(p.getData()[body.length + 1] & 0xff).isEqualTo(crc >>> 8);

      // Save the send box as a named packet (a JSON file on the server), then load it back.
      type("packet-name", "ack");
      el("packet-save").click();
      waiting().until(d -> el("message").getText().equals("saved packet \"ack\""));
      assertThat(Files.readString(profile.resolve("config/packets.json")))
          .contains("\"name\":\"ack\"")
          .contains("\"checksum\":\"crc16-modbus\"");
      type("send-data", "something else");
      choose("send-checksum", "none");
      choose("packets", "ack");
      el("packet-load").click();
      assertThat(el("send-data").getAttribute("value")).isEqualTo("收到");
      assertThat(new Select(el("send-checksum")).getFirstSelectedOption().getAttribute("value"))
          .isEqualTo("crc16-modbus");

      // Send to an explicit host:port target.
      el("reply-last").click();
      choose("send-checksum", "none");
      choose("send-mode", "escapes");
      type("udp-target", "127.0.0.1:" + peer.getLocalPort());
      type("send-data", "\\x01\\x02");
      el("send-btn").click();
      peer.receive(p);
      assertThat(p.getLength()).isEqualTo(2);
      assertThat(p.getData()[0]).isEqualTo((byte) 1);
      waiting().until(d -> el("tx-msgs").getText().equals("2"));
      screenshot("ui-udp.png");
    }
    List<WebElement> tabs = driver.findElements(By.cssSelector("#tabs li"));
    assertThat(tabs).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  @Order(4)
  void unixSocketServerSessionTalksToARealClient() throws Exception {
    driver.get(ui.url());
    waiting().until(d -> el("link").getText().equals("connected"));
    Path file = profile.resolve("ui-test.sock");
    choose("kind", "unix-server");
    assertThat(el("path").isDisplayed()).isTrue();
    assertThat(el("port").isDisplayed()).as("no port for a Unix socket").isFalse();
    type("path", file.toString());
    el("open").click();
    waiting().until(d -> el("session-title").getText().equals("Unix server " + file));
    try (java.nio.channels.SocketChannel client =
        java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      client.connect(java.net.UnixDomainSocketAddress.of(file));
      waiting().until(d -> driver.findElements(By.cssSelector("#clients li")).size() == 1);
      client.write(java.nio.ByteBuffer.wrap("over a unix socket".getBytes(StandardCharsets.UTF_8)));
      waitForLog("over a unix socket");
      choose("send-mode", "text");
      choose("send-ending", "lf");
      type("send-data", "answer");
      el("send-btn").click();
      java.nio.ByteBuffer got = java.nio.ByteBuffer.allocate(7);
      while (got.hasRemaining() && client.read(got) >= 0) {
        // until the seven bytes are in
      }
      assertThat(new String(got.array(), StandardCharsets.UTF_8)).isEqualTo("answer\n");
    }
    screenshot("ui-unix-server.png");
  }

  /** The scenario with a real peer program: ncat as the client of a page's TCP server. */
  @Test
  @Order(5)
  void ncatClientTalksToATcpServerSessionAndGetsAHexReply() throws Exception {
    File ncat = new File("/usr/bin/ncat");
    if (!ncat.canExecute()) {
      System.out.println("SKIP: ncat is not installed; .ci/run installs it");
      org.junit.jupiter.api.Assumptions.assumeTrue(false, "ncat is not installed");
    }
    driver.get(ui.url());
    waiting().until(d -> el("link").getText().equals("connected"));
    int port = open("tcp-server", "TCP server ");
    Process client = new ProcessBuilder(ncat.getPath(), "127.0.0.1", String.valueOf(port)).start();
    try {
      client.getOutputStream().write("hello from ncat\n".getBytes(StandardCharsets.UTF_8));
      client.getOutputStream().flush();
      waitForLog("hello from ncat");
      choose("send-mode", "hex");
      choose("send-ending", "lf");
      type("send-data", "6f 6b");
      el("send-btn").click();
      byte[] reply = client.getInputStream().readNBytes(3);
      assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo("ok\n");
    } finally {
      client.destroyForcibly();
      client.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  private static void screenshot(String name) throws Exception {
    Path dir = Path.of("target");
    Files.createDirectories(dir);
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(dir.resolve(name), png);
  }
}
