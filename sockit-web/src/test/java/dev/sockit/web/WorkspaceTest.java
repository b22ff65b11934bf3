package dev.sockit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sessions driven through the page protocol, with real sockets on loopback and no browser. */
@Timeout(20)
class WorkspaceTest {
  private final Workspace ws = new Workspace();
  private final Workspace.Cursor cursor = new Workspace.Cursor();
  private final List<List<?>> seen = new ArrayList<>();

  @AfterEach
  void close() {
    ws.close();
  }

  private Map<String, Object> ok(String json) {
    Map<String, Object> a = ws.handle(json);
    assertThat(a).as(json).containsEntry("t", "ack");
    return a;
  }

  private String error(String json) {
    Map<String, Object> a = ws.handle(json);
    assertThat(a).as(json).containsEntry("t", "error");
    return (String) a.get("message");
  }

  /** Polls batches (as the page does) until an entry matches, for up to about 10 s; returns it. */
  @SuppressWarnings("unchecked")
  private List<?> await(Predicate<List<?>> wanted) throws InterruptedException {
    for (int i = 0; i < 1000; i++) {
      for (List<?> e : seen) {
        if (wanted.test(e)) {
          return e;
        }
      }
      Map<String, Object> b = ws.batch(cursor);
      if (b != null) {
        for (Object s : (List<Object>) b.get("sessions")) {
          seen.addAll((List<List<?>>) ((Map<String, Object>) s).get("entries"));
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no such log entry; seen: " + seen);
  }

  private static Predicate<List<?>> data(String dir, String text) {
    return e ->
        e.get(2).equals(dir)
            && new String(Base64.getDecoder().decode((String) e.get(5)), StandardCharsets.UTF_8)
                .equals(text);
  }

  private static Predicate<List<?>> note(String part) {
    return e -> e.get(2).equals("ev") && ((String) e.get(6)).contains(part);
  }

  @Test
  void tcpServerKeepsClientsRepliesInHexAndAutoReplies() throws Exception {
    Map<String, Object> open =
        ok("{\"op\":\"open\",\"kind\":\"tcp-server\",\"bind\":\"127.0.0.1\",\"port\":0,\"req\":7}");
    assertThat(open).containsEntry("req", 7.0);
    String id = (String) open.get("session");
    int port = (Integer) open.get("port");
    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
      client.setSoTimeout(5000);
      await(note("connected"));
      client.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
      List<?> rx = await(data("rx", "hello"));
      assertThat((String) rx.get(3)).startsWith("127.0.0.1:");
      ok(
          "{\"op\":\"send\",\"session\":\""
              + id
              + "\",\"data\":\"4f 4b\",\"mode\":\"hex\",\"ending\":\"crlf\",\"target\":\"all\"}");
      InputStream in = client.getInputStream();
      assertThat(in.readNBytes(4)).containsExactly('O', 'K', '\r', '\n');
      await(data("tx", "OK\r\n"));

      ok(
          "{\"op\":\"rules\",\"session\":\""
              + id
              + "\",\"encoding\":\"UTF-8\",\"rules\":[{\"match\":\"exact\",\"pattern\":\"PING\",\"reply\":\"50 4f 4e 47\",\"replyMode\":\"hex\"}]}");
      client.getOutputStream().write("PING\n".getBytes(StandardCharsets.UTF_8));
      assertThat(in.readNBytes(4)).containsExactly('P', 'O', 'N', 'G');

      // The client can read the auto-reply before the server's write() has returned and counted
      // it, so wait (bounded) until the second message is counted.
      Map<String, Object> s = null;
      for (int i = 0; i < 200; i++) {
        @SuppressWarnings("unchecked")
        Map<String, Object> latest =
            ((List<Map<String, Object>>) ws.batch(new Workspace.Cursor()).get("sessions")).get(0);
        s = latest;
        if (((Number) s.get("txMessages")).longValue() >= 2) {
          break;
        }
        Thread.sleep(10);
      }
      assertThat(s)
          .containsEntry("kind", "tcp-server")
          .containsEntry("state", "open")
          .containsEntry("rules", 1.0);
      assertThat(((Number) s.get("rxBytes")).longValue()).isEqualTo(10);
      assertThat(((Number) s.get("txMessages")).longValue()).isEqualTo(2);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> peers = (List<Map<String, Object>>) s.get("peers");
      assertThat(peers).hasSize(1);

      // A text reply with macros, filled in by the server for each reply.
      ok(
          "{\"op\":\"rules\",\"session\":\""
              + id
              + "\",\"encoding\":\"UTF-8\",\"rules\":[{\"match\":\"regex\",\"pattern\":\"^T(\\\\d)\","
              + "\"reply\":\"t{1}#{count}\",\"replyMode\":\"text\"}]}");
      client.getOutputStream().write("T7".getBytes(StandardCharsets.UTF_8));
      assertThat(in.readNBytes(4)).containsExactly('t', '7', '#', '1');
      client.getOutputStream().write("T8".getBytes(StandardCharsets.UTF_8));
      assertThat(in.readNBytes(4)).containsExactly('t', '8', '#', '2');
      ok(
          "{\"op\":\"disconnect\",\"session\":\""
              + id
              + "\",\"peer\":\""
              + peers.get(0).get("id")
              + "\"}");
      assertThat(in.read()).isEqualTo(-1);
      await(note("disconnected"));
    }
    assertThat(
            error("{\"op\":\"send\",\"session\":\"" + id + "\",\"data\":\"x\",\"target\":\"all\"}"))
        .contains("no client");
    ok("{\"op\":\"close\",\"session\":\"" + id + "\"}");
    assertThat(error("{\"op\":\"send\",\"session\":\"" + id + "\",\"data\":\"x\"}"))
        .contains("does not exist");
  }

  @Test
  void unixServerAndClientSessionsTalkThroughASocketFile(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("ui.sock");
    String server =
        (String)
            ok("{\"op\":\"open\",\"kind\":\"unix-server\",\"path\":\"" + file + "\"}")
                .get("session");
    assertThat(file).exists();
    // A real Unix-socket client outside the page ...
    try (java.nio.channels.SocketChannel client =
        java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      client.connect(java.net.UnixDomainSocketAddress.of(file));
      await(note("connected"));
      client.write(java.nio.ByteBuffer.wrap("over unix".getBytes(StandardCharsets.UTF_8)));
      await(data("rx", "over unix"));
      ok(
          "{\"op\":\"send\",\"session\":\""
              + server
              + "\",\"data\":\"back\\\\n\",\"mode\":\"escapes\",\"target\":\"all\"}");
      java.nio.ByteBuffer got = java.nio.ByteBuffer.allocate(5);
      while (got.hasRemaining() && client.read(got) >= 0) {
        // read until the five bytes are in
      }
      assertThat(new String(got.array(), StandardCharsets.UTF_8)).isEqualTo("back\n");
    }
    // ... and a Unix client session of the page connecting to the page's own server session.
    String clientSession =
        (String)
            ok("{\"op\":\"open\",\"kind\":\"unix-client\",\"path\":\"" + file + "\"}")
                .get("session");
    // the client's own entry ("connected to ..."), which it logs once it can send
    await(e -> e.get(2).equals("ev") && ((String) e.get(6)).startsWith("connected to"));
    ok("{\"op\":\"send\",\"session\":\"" + clientSession + "\",\"data\":\"from the page\"}");
    await(data("rx", "from the page"));
    ok("{\"op\":\"close\",\"session\":\"" + server + "\"}");
    assertThat(file).doesNotExist();
    assertThat(error("{\"op\":\"open\",\"kind\":\"unix-server\",\"path\":\"relative.sock\"}"))
        .contains("absolute path");
    assertThat(error("{\"op\":\"open\",\"kind\":\"unix-client\",\"path\":\"\"}"))
        .contains("socket file");
  }

  @Test
  void receivedBytesAreSavedToAFileInTheCapturesFolder(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    assertThat(
            error(
                "{\"op\":\"capture\",\"session\":\""
                    + ok("{\"op\":\"open\",\"kind\":\"udp\",\"bind\":\"127.0.0.1\",\"port\":0}")
                        .get("session")
                    + "\",\"on\":true}"))
        .contains("no folder for received data");
    java.nio.file.Path folder = dir.resolve("received");
    try (Workspace w = new Workspace(null, folder)) {
      Map<String, Object> open =
          w.handle("{\"op\":\"open\",\"kind\":\"udp\",\"bind\":\"127.0.0.1\",\"port\":0}");
      String id = (String) open.get("session");
      int port = (Integer) open.get("port");
      Map<String, Object> started =
          w.handle("{\"op\":\"capture\",\"session\":\"" + id + "\",\"on\":true}");
      assertThat(started).containsEntry("t", "ack");
      java.nio.file.Path file = java.nio.file.Path.of((String) started.get("path"));
      assertThat(file.getParent()).isEqualTo(folder);
      assertThat(file.getFileName().toString()).startsWith("udp-" + id + "-").endsWith(".bin");
      try (DatagramSocket peer =
          new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
        byte[][] parts = {
          "first,".getBytes(StandardCharsets.UTF_8),
          new byte[] {0, (byte) 0xff, 10},
          "你好".getBytes("GBK")
        };
        for (byte[] part : parts) {
          peer.send(
              new DatagramPacket(
                  part,
                  part.length,
                  new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        }
        for (int i = 0; i < 500 && java.nio.file.Files.size(file) < 13; i++) {
          Thread.sleep(10);
        }
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> meta =
          ((List<Map<String, Object>>) w.batch(new Workspace.Cursor()).get("sessions")).get(0);
      assertThat(meta).containsEntry("capture", file.toString()).containsEntry("captured", 13.0);
      Map<String, Object> stopped =
          w.handle("{\"op\":\"capture\",\"session\":\"" + id + "\",\"on\":false}");
      assertThat(stopped).containsEntry("bytes", 13L).containsEntry("path", file.toString());
      java.io.ByteArrayOutputStream want = new java.io.ByteArrayOutputStream();
      want.write("first,".getBytes(StandardCharsets.UTF_8));
      want.write(new byte[] {0, (byte) 0xff, 10});
      want.write("你好".getBytes("GBK"));
      assertThat(java.nio.file.Files.readAllBytes(file)).isEqualTo(want.toByteArray());
      assertThat(
              (String)
                  w.handle("{\"op\":\"capture\",\"session\":\"" + id + "\",\"on\":false}")
                      .get("message"))
          .contains("not saving");
    }
  }

  @Test
  void udpBothWaysAndReplyToLastSender() throws Exception {
    Map<String, Object> open =
        ok("{\"op\":\"open\",\"kind\":\"udp\",\"bind\":\"127.0.0.1\",\"port\":0}");
    String id = (String) open.get("session");
    int port = (Integer) open.get("port");
    assertThat(
            error(
                "{\"op\":\"send\",\"session\":\"" + id + "\",\"data\":\"x\",\"target\":\"last\"}"))
        .contains("no last sender");
    try (DatagramSocket peer =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      peer.setSoTimeout(5000);
      ok(
          "{\"op\":\"send\",\"session\":\""
              + id
              + "\",\"data\":\"\\\\x01hi\",\"mode\":\"escapes\",\"target\":\"127.0.0.1:"
              + peer.getLocalPort()
              + "\"}");
      DatagramPacket p = new DatagramPacket(new byte[100], 100);
      peer.receive(p);
      assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1))
          .isEqualTo("\u0001hi");
      byte[] gbk = "你好".getBytes("GBK");
      peer.send(
          new DatagramPacket(
              gbk, gbk.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
      List<?> rx = await(e -> e.get(2).equals("rx"));
      assertThat(Base64.getDecoder().decode((String) rx.get(5))).isEqualTo(gbk);
      ok(
          "{\"op\":\"send\",\"session\":\""
              + id
              + "\",\"data\":\"back\",\"target\":\"last\",\"checksum\":\"xor\"}");
      peer.receive(p);
      assertThat(p.getLength()).isEqualTo(5);
      assertThat(p.getData()[4]).isEqualTo((byte) ('b' ^ 'a' ^ 'c' ^ 'k'));
    }
    assertThat(
            error(
                "{\"op\":\"send\",\"session\":\""
                    + id
                    + "\",\"data\":\"x\",\"target\":\"nowhere\"}"))
        .contains("HOST:PORT");
  }

  @Test
  void tcpClientConnectsSendsAndSeesTheServerClose() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(5000);
      String id =
          (String)
              ok("{\"op\":\"open\",\"kind\":\"tcp-client\",\"host\":\"127.0.0.1\",\"port\":"
                      + server.getLocalPort()
                      + ",\"timeoutMs\":3000}")
                  .get("session");
      try (Socket s = server.accept()) {
        await(note("connected to"));
        s.getOutputStream().write("from server".getBytes(StandardCharsets.UTF_8));
        await(data("rx", "from server"));
        ok("{\"op\":\"send\",\"session\":\"" + id + "\",\"data\":\"from page\",\"ending\":\"lf\"}");
        assertThat(new String(s.getInputStream().readNBytes(10), StandardCharsets.UTF_8))
            .isEqualTo("from page\n");
      }
      await(note("disconnected"));
    }
  }

  @Test
  void refusedConnectIsLoggedNotThrown() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    ok(
        "{\"op\":\"open\",\"kind\":\"tcp-client\",\"host\":\"127.0.0.1\",\"port\":"
            + port
            + ",\"timeoutMs\":2000}");
    await(note("refused"));
  }

  @Test
  void inputIsValidatedWithClearMessages() {
    assertThat(error("not json")).contains("bad JSON");
    assertThat(error("{\"op\":\"fly\"}")).contains("unknown op 'fly'");
    assertThat(error("{\"op\":\"open\",\"kind\":\"tcp-server\",\"port\":70000}"))
        .contains("port must be from 0 to 65535");
    assertThat(
            error(
                "{\"op\":\"open\",\"kind\":\"tcp-client\",\"host\":\"\",\"port\":80,\"timeoutMs\":1}"))
        .contains("enter the host");
    assertThat(
            error(
                "{\"op\":\"open\",\"kind\":\"tcp-client\",\"host\":\"h\",\"port\":\"x\",\"timeoutMs\":1}"))
        .contains("port must be a number");
    assertThat(error("{\"op\":\"open\",\"kind\":\"sctp\"}"))
        .contains("tcp-client, tcp-server, udp, unix-client or unix-server");
    String id =
        (String)
            ok("{\"op\":\"open\",\"kind\":\"udp\",\"bind\":\"127.0.0.1\",\"port\":0}")
                .get("session");
    assertThat(
            error(
                "{\"op\":\"send\",\"session\":\""
                    + id
                    + "\",\"data\":\"zz\",\"mode\":\"hex\",\"target\":\"127.0.0.1:9\"}"))
        .contains("not a hex digit");
    assertThat(
            error(
                "{\"op\":\"send\",\"session\":\""
                    + id
                    + "\",\"data\":\"\",\"target\":\"127.0.0.1:9\"}"))
        .contains("empty");
    assertThat(
            error(
                "{\"op\":\"rules\",\"session\":\""
                    + id
                    + "\",\"rules\":[{\"match\":\"regex\",\"pattern\":\"[\",\"reply\":\"x\"}]}"))
        .contains("bad regular expression");
    assertThat(
            error(
                "{\"op\":\"autosend\",\"session\":\""
                    + id
                    + "\",\"intervalMs\":-5,\"data\":\"x\"}"))
        .contains("interval");
  }

  @Test
  void savedPacketsLiveInAJsonFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("cfg/sockit/packets.json");
    try (Workspace lib = new Workspace(new PacketLibrary(file))) {
      assertThat(lib.handle("{\"op\":\"packets\"}")).containsEntry("packets", List.of());
      assertThat(
              lib.handle(
                  "{\"op\":\"packet-save\",\"name\":\"modbus\",\"data\":\"01 03 00 00 00 01\",\"mode\":\"hex\",\"ending\":\"none\",\"checksum\":\"crc16-modbus\"}"))
          .containsEntry("t", "ack");
      lib.handle(
          "{\"op\":\"packet-save\",\"name\":\"at\",\"data\":\"AT\",\"mode\":\"text\",\"ending\":\"crlf\",\"checksum\":\"none\"}");
      lib.handle(
          "{\"op\":\"packet-save\",\"name\":\"modbus\",\"data\":\"01 03 00 00 00 02\",\"mode\":\"hex\",\"ending\":\"none\",\"checksum\":\"crc16-modbus\"}");
      String json = java.nio.file.Files.readString(file);
      assertThat(json)
          .contains("\"name\":\"at\"")
          .contains("01 03 00 00 00 02")
          .doesNotContain("01 03 00 00 00 01");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> listed =
          (List<Map<String, Object>>)
              new Workspace(new PacketLibrary(file)).handle("{\"op\":\"packets\"}").get("packets");
      assertThat(listed).extracting(p -> p.get("name")).containsExactly("at", "modbus");
      assertThat(listed.get(0)).containsEntry("ending", "crlf");
      lib.handle("{\"op\":\"packet-delete\",\"name\":\"at\"}");
      assertThat(java.nio.file.Files.readString(file)).doesNotContain("\"at\"");
      assertThat((String) lib.handle("{\"op\":\"packet-delete\",\"name\":\"at\"}").get("message"))
          .contains("no saved packet is named 'at'");
      assertThat(
              (String)
                  lib.handle(
                          "{\"op\":\"packet-save\",\"name\":\" \",\"mode\":\"text\",\"ending\":\"none\",\"checksum\":\"none\"}")
                      .get("message"))
          .contains("name");
      assertThat(
              (String)
                  lib.handle(
                          "{\"op\":\"packet-save\",\"name\":\"x\",\"mode\":\"rot13\",\"ending\":\"none\",\"checksum\":\"none\"}")
                      .get("message"))
          .contains("send mode");
      // Export is the file's own format; importing it into another library adds (or replaces) by
      // name.
      java.nio.file.Path other = dir.resolve("other/packets.json");
      try (Workspace second = new Workspace(new PacketLibrary(other))) {
        second.handle(
            "{\"op\":\"packet-save\",\"name\":\"modbus\",\"data\":\"old\",\"mode\":\"text\",\"ending\":\"none\",\"checksum\":\"none\"}");
        Map<String, Object> imported =
            second.handle(
                "{\"op\":\"packet-import\",\"library\":"
                    + java.nio.file.Files.readString(file).strip()
                    + "}");
        assertThat(imported).containsEntry("t", "ack");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> after = (List<Map<String, Object>>) imported.get("packets");
        assertThat(after).extracting(p -> p.get("name")).containsExactly("modbus");
        assertThat(after.get(0))
            .containsEntry("data", "01 03 00 00 00 02")
            .containsEntry("checksum", "crc16-modbus");
        assertThat(
                (String)
                    second
                        .handle(
                            "{\"op\":\"packet-import\",\"library\":{\"packets\":[{\"name\":\"bad\",\"mode\":\"rot13\"}]}}")
                        .get("message"))
            .contains("packet 'bad' of the import")
            .contains("send mode");
        assertThat(
                (String)
                    second.handle("{\"op\":\"packet-import\",\"library\":[1,2]}").get("message"))
            .contains("exported format");
        assertThat(java.nio.file.Files.readString(other)).doesNotContain("bad");
      }
      java.nio.file.Files.writeString(file, "{not json");
      assertThat((String) lib.handle("{\"op\":\"packets\"}").get("message"))
          .contains("is not valid JSON")
          .contains("fix or remove it");
    }
    assertThat(error("{\"op\":\"packets\"}")).contains("keeps no saved packets");
  }

  @Test
  void aFloodBecomesBoundedBatches() throws Exception {
    String id =
        (String)
            ok("{\"op\":\"open\",\"kind\":\"udp\",\"bind\":\"127.0.0.1\",\"port\":0}")
                .get("session");
    // a page that has seen the session's log so far (its first batch carries the whole log)
    assertThat(ws.batch(cursor)).isNotNull();
    try (DatagramSocket peer =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      int target = peer.getLocalPort();
      // 1 ms auto-send to a local sink: thousands of log entries while the "page" is not looking.
      ok(
          "{\"op\":\"autosend\",\"session\":\""
              + id
              + "\",\"intervalMs\":1,\"data\":\"x\",\"target\":\"127.0.0.1:"
              + target
              + "\"}");
      // until well over a batch's worth has been sent (a loaded machine sends less than 1 per ms)
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
      while (ws.sessions().get(0).txMessages.get() <= Workspace.MAX_ENTRIES_PER_BATCH + 100
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      ok("{\"op\":\"autosend\",\"session\":\"" + id + "\",\"intervalMs\":0}");
    }
    Map<String, Object> b = ws.batch(cursor);
    @SuppressWarnings("unchecked")
    Map<String, Object> s = ((List<Map<String, Object>>) b.get("sessions")).get(0);
    assertThat((List<?>) s.get("entries"))
        .hasSizeLessThanOrEqualTo(Workspace.MAX_ENTRIES_PER_BATCH);
    assertThat(((Number) s.get("txMessages")).longValue())
        .isGreaterThan(Workspace.MAX_ENTRIES_PER_BATCH);
    assertThat(((Number) s.get("skipped")).longValue()).isGreaterThan(0L);
    assertThat(ws.sessions().get(0).log.size()).isLessThanOrEqualTo(Session.LOG_CAPACITY);
  }
}
