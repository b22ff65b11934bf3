package dev.sockit.core.ipmsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * sockit's LAN engine against a real iptux 0.8.3 (Debian), each in a network namespace of its own
 * joined by a veth pair: they find each other by broadcast on 10.81.0.255, iptux acknowledges and
 * shows sockit's message (its chat window opens), a message typed into iptux's window reaches
 * sockit in GBK and in UTF-8, and sockit downloads iptux's shared file and folder. Needs root,
 * iptux and xvfb-run (typing also python3 with libX11 and libXtst); skipped with the reason printed
 * otherwise.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IptuxInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String IPTUX = "10\\.81\\.0\\.1";

  @TempDir Path tmp;
  private Netns net;

  @BeforeAll
  void namespaces() throws Exception {
    String why = Netns.unavailable();
    why = why != null ? why : Iptux.unavailable();
    if (why != null) {
      System.out.println("SKIP: IptuxInteropIT " + why);
    }
    assumeTrue(why == null, why);
    net = Netns.pair();
  }

  @AfterAll
  void delete() {
    if (net != null) {
      net.close();
    }
  }

  private Spawned node(String nick) throws Exception {
    Spawned n =
        Spawned.start(
            "sockit",
            Netns.in(
                net.b,
                Spawned.java(LanNode.class.getName(), nick, "0.0.0.0", "2425", Netns.BROADCAST)
                    .toArray(String[]::new)),
            Map.of(),
            tmp.resolve("node-" + nick + ".err"));
    n.await("ready 2425", WAIT);
    return n;
  }

  @Test
  void theyFindEachOtherAndIptuxAcknowledgesAndShowsSockitsMessage() throws Exception {
    try (Iptux iptux = Iptux.start(tmp, net.a, "企鹅", "utf-8", List.of());
        Spawned node = node("sockit-b")) {
      // sockit's BR_ENTRY on 10.81.0.255 reached iptux, which answered with ANSENTRY
      node.await("joined " + IPTUX + " IPTUX UTF-8 企鹅", WAIT);
      node.await("packet IN UDP " + IPTUX + ":2425 ANSENTRY\\|ABSENCEOPT charset=UTF-8", WAIT);
      iptux.awaitLog("received udp message from 10\\.81\\.0\\.2:2425", WAIT);

      node.send("send 10.81.0.1 你好 iptux，我是 sockit");
      Matcher delivered = node.await("delivered (\\d+) (\\d+)", WAIT);
      assertThat(delivered.group(2)).isEqualTo("1"); // acknowledged at the first send
      node.await("packet IN UDP " + IPTUX + ":2425 RECVMSG\\|SENDCHECKOPT charset=-", WAIT);
      String windows = "";
      for (int i = 0; i < 50 && !windows.contains("Talk with sockit-b"); i++) {
        Thread.sleep(200);
        windows = iptux.windows();
      }
      assertThat(windows)
          .as("iptux opened a chat window for the message")
          .contains("Talk with sockit-b(node-");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gbk", "utf-8"})
  void aMessageTypedIntoIptuxReachesSockit(String encoding) throws Exception {
    String charset = encoding.equals("gbk") ? "GB18030" : "UTF-8";
    try (Spawned node = node("sockit-b");
        Iptux iptux = Iptux.start(tmp, net.a, "企鹅", encoding, List.of())) {
      // iptux's own BR_ENTRY: sockit lists it (nickname read in the right code page) and answers
      node.await("joined " + IPTUX + " IPTUX " + charset + " 企鹅", WAIT);
      iptux.awaitLog("received udp message from 10\\.81\\.0\\.2:2425", WAIT);
      node.send("send 10.81.0.1 请回复");
      node.await("delivered \\d+ \\d+", WAIT);

      String why = Iptux.typingUnavailable();
      if (why != null) {
        System.out.println("SKIP: typing into iptux " + why);
      }
      assumeTrue(why == null, why);
      String typed = iptux.type("Talk with sockit-b", "你好 sockit，我是企鹅");
      assertThat(typed).contains("typed 14 characters");
      node.await("message " + IPTUX + " \\d+ " + charset + " 你好 sockit，我是企鹅", WAIT);
      node.await(
          "packet IN UDP " + IPTUX + ":2425 SENDMSG\\|SENDCHECKOPT charset=" + charset, WAIT);
      iptux.awaitLog("command NO.: \\[0x21\\] RECVMSG", WAIT); // sockit acknowledged it
      Thread.sleep(1500); // iptux would send again after a second without the acknowledgement
      assertThat(node.count("message .*")).isEqualTo(1);
    }
  }

  @Test
  void iptuxsSharedFileAndFolderAreDownloaded() throws Exception {
    Path share = Files.createDirectories(tmp.resolve("share"));
    byte[] data = new byte[150_000];
    new Random(9).nextBytes(data);
    Path file = Files.write(share.resolve("共享文件.bin"), data);
    Path folder = Files.createDirectories(share.resolve("资料/子目录"));
    Files.writeString(share.resolve("资料/说明.txt"), "中文内容", StandardCharsets.UTF_8);
    Files.write(folder.resolve("b.bin"), data);
    Path inbox = Files.createDirectories(tmp.resolve("inbox"));
    try (Iptux iptux = Iptux.start(tmp, net.a, "企鹅", "gbk", List.of(file, share.resolve("资料")));
        Spawned node = node("sockit-b")) {
      node.await("joined " + IPTUX + " IPTUX GB18030 企鹅", WAIT);
      node.send("askshared 10.81.0.1");
      node.await("offer 1 0 1 150000 共享文件.bin", WAIT);
      node.await("offer 1 1 2 \\d+ 资料", WAIT);
      node.await(
          "packet IN UDP "
              + IPTUX
              + ":2425 SENDMSG\\|IPTUX_SHAREDOPT\\|FILEATTACHOPT charset=GB18030",
          WAIT);

      node.send("get 1 0 " + inbox);
      Matcher saved = node.await("saved (\\S+共享文件\\.bin) 150000 ([0-9a-f]{64}) 0", WAIT);
      assertThat(saved.group(2))
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
      assertThat(Files.readAllBytes(Path.of(saved.group(1)))).isEqualTo(data);
      node.await("packet OUT TCP " + IPTUX + ":2425 GETFILEDATA\\|FILEATTACHOPT charset=-", WAIT);
      iptux.awaitLog(
          "recv TCP request from 10\\.81\\.0\\.2, command NO\\.: \\[0x200060\\] GETFILEDATA", WAIT);

      node.send("get 1 1 " + inbox);
      Matcher done = node.await("finished IN \\d+ 2 (\\S+)", WAIT);
      Path got = Path.of(done.group(1));
      assertThat(got.getFileName().toString()).isEqualTo("资料");
      assertThat(Files.readString(got.resolve("说明.txt"), StandardCharsets.UTF_8)).isEqualTo("中文内容");
      assertThat(Files.readAllBytes(got.resolve("子目录/b.bin"))).isEqualTo(data);
      iptux.awaitLog("recv TCP request from 10\\.81\\.0\\.2, command NO\\.: \\[0x200062\\]", WAIT);
    }
  }
}
