package dev.sockit.core.ipmsg;

import static dev.sockit.core.ipmsg.LanHarness.LOOPBACK;
import static dev.sockit.core.ipmsg.LanHarness.engine;
import static dev.sockit.core.ipmsg.LanHarness.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and folders between engines on loopback, and from a hand-made sender that breaks off
 * half-way (to prove resume) or offers hostile names (to prove nothing lands outside the folder).
 */
@Timeout(60)
class LanTransferTest {
  @TempDir Path tmp;

  private static InetSocketAddress at(LanEngine e) {
    return new InetSocketAddress(LOOPBACK, e.port());
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  /** Two engines that know each other; returns {alice, bob} and their recorders via the arrays. */
  private static LanPeer meet(LanEngine a, LanHarness.Recorder ra, LanEngine b) throws Exception {
    a.announce(at(b));
    return ra.await(LanEvent.PeerJoined.class).peer();
  }

  @Test
  void aFileArrivesWholeWithItsSha256() throws Exception {
    byte[] data = random(3 * 1024 * 1024 + 17, 1);
    Path src = Files.write(tmp.resolve("照片 1.bin"), data);
    Path inbox = tmp.resolve("inbox");
    LanHarness.Recorder ra = new LanHarness.Recorder();
    LanHarness.Recorder rb = new LanHarness.Recorder();
    try (LanEngine a = engine(options("Alice"), ra);
        LanEngine b = engine(options("Bob"), rb)) {
      LanPeer bob = meet(a, ra, b);
      a.sendFiles(bob, "the photo", List.of(src)).get(5, TimeUnit.SECONDS);
      LanEvent.MessageReceived m = rb.await(LanEvent.MessageReceived.class);
      assertThat(m.text()).isEqualTo("the photo");
      Offer offer = m.offer();
      assertThat(offer.files())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.name()).isEqualTo("照片 1.bin");
                assertThat(f.size()).isEqualTo(data.length);
              });
      LanEvent.TransferFinished done = b.download(offer, 0, inbox).get(20, TimeUnit.SECONDS);
      assertThat(done.path()).isEqualTo(inbox.toRealPath().resolve("照片 1.bin"));
      assertThat(Files.readAllBytes(done.path())).isEqualTo(data);
      LanEvent.FileSaved saved = rb.await(LanEvent.FileSaved.class);
      assertThat(saved.sha256()).isEqualTo(sha256(data));
      assertThat(saved.resumedFrom()).isZero();
      ra.await(LanEvent.TransferFinished.class, f -> f.bytes() == data.length);
      try (Stream<Path> left = Files.list(inbox)) {
        assertThat(left).containsExactly(done.path()); // no temporary file left behind
      }

      // the same offer again: the name is taken, so it becomes "照片 1 (2).bin"
      LanEvent.TransferFinished again = b.download(offer, 0, inbox).get(20, TimeUnit.SECONDS);
      assertThat(again.path().getFileName().toString()).isEqualTo("照片 1 (2).bin");
    }
  }

  @Test
  void aFolderArrivesWithItsTree() throws Exception {
    Path src = tmp.resolve("项目");
    Files.createDirectories(src.resolve("docs/empty"));
    Files.writeString(src.resolve("readme.txt"), "hello");
    Files.write(src.resolve("docs/big.bin"), random(700_000, 2));
    Files.writeString(src.resolve("docs/note:1.txt"), "colon");
    Path inbox = tmp.resolve("inbox");
    LanHarness.Recorder ra = new LanHarness.Recorder();
    LanHarness.Recorder rb = new LanHarness.Recorder();
    try (LanEngine a = engine(options("Alice"), ra);
        LanEngine b = engine(options("Bob"), rb)) {
      LanPeer bob = meet(a, ra, b);
      a.sendFiles(bob, "", List.of(src)).get(5, TimeUnit.SECONDS);
      Offer offer = rb.await(LanEvent.MessageReceived.class).offer();
      assertThat(offer.files().get(0).isFolder()).isTrue();
      LanEvent.TransferFinished done = b.download(offer, 0, inbox).get(20, TimeUnit.SECONDS);
      Path got = done.path();
      assertThat(got.getFileName().toString()).isEqualTo("项目");
      assertThat(Files.readString(got.resolve("readme.txt"))).isEqualTo("hello");
      assertThat(Files.readAllBytes(got.resolve("docs/big.bin")))
          .isEqualTo(Files.readAllBytes(src.resolve("docs/big.bin")));
      assertThat(Files.readString(got.resolve("docs/note:1.txt"))).isEqualTo("colon");
      assertThat(got.resolve("docs/empty")).isDirectory();
      assertThat(done.files()).isEqualTo(3);
      assertThat(rb.all(LanEvent.FileSaved.class))
          .extracting(s -> s.path().toString())
          .containsExactlyInAnyOrder("项目/readme.txt", "项目/docs/big.bin", "项目/docs/note:1.txt");
      try (Stream<Path> left = Files.list(inbox)) {
        assertThat(left).containsExactly(got);
      }
    }
  }

  @Test
  void onlyThePeerTheFileWasOfferedToMayFetchIt() throws Exception {
    Path src = Files.writeString(tmp.resolve("secret.txt"), "for bob only");
    LanHarness.Recorder ra = new LanHarness.Recorder();
    LanHarness.Recorder rb = new LanHarness.Recorder();
    try (LanEngine a = engine(options("Alice"), ra);
        LanEngine b = engine(options("Bob"), rb)) {
      LanPeer bob = meet(a, ra, b);
      Delivery d = a.sendFiles(bob, "", List.of(src)).get(5, TimeUnit.SECONDS);
      // a stranger at 127.0.0.9 asks for it with the right packet number and file id
      try (Socket s = new Socket()) {
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.9"), 0));
        s.connect(at(a), 5000);
        s.getOutputStream()
            .write(
                ("1:1:eve:evil:96:" + Long.toHexString(d.packetNo()) + ":0:0:\0")
                    .getBytes(StandardCharsets.US_ASCII));
        s.setSoTimeout(5000);
        assertThat(s.getInputStream().readAllBytes()).isEmpty();
      }
      ra.await(LanEvent.Notice.class, n -> n.message().contains("was not made to 127.0.0.9"));
      // a wrong packet number from bob's address is refused too
      try (Socket s = new Socket()) {
        s.connect(at(a), 5000);
        s.getOutputStream().write("1:1:bob:x:96:12345:0:0:\0".getBytes(StandardCharsets.US_ASCII));
        s.setSoTimeout(5000);
        assertThat(s.getInputStream().readAllBytes()).isEmpty();
      }
      ra.await(LanEvent.Notice.class, n -> n.message().contains("no offer has packet number"));
    }
  }

  /**
   * A sockit-like sender written by hand: announces, offers one file or folder, and serves the file
   * connections itself, breaking off the first after {@code cut} bytes.
   */
  private static final class BreakingSender implements AutoCloseable {
    final LanHarness.RawPeer udp;
    final ServerSocket tcp;
    final List<Long> offsets = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread thread;

    BreakingSender(String version, Responder responder) throws IOException {
      LanHarness.RawPeer u = null;
      ServerSocket t = null;
      for (int i = 0; i < 10 && t == null; i++) {
        u = new LanHarness.RawPeer(LOOPBACK, version);
        try {
          t = new ServerSocket(u.port(), 5, LOOPBACK);
        } catch (IOException taken) {
          u.close();
        }
      }
      this.udp = u;
      this.tcp = t;
      ServerSocket server = t;
      thread =
          Thread.ofVirtual()
              .start(
                  () -> {
                    int n = 0;
                    while (!server.isClosed()) {
                      try (Socket s = server.accept()) {
                        byte[] req = FileServer.readRequest(s);
                        IpmsgBody.FileRequest fr =
                            (IpmsgBody.FileRequest)
                                IpmsgBody.of(IpmsgPacket.parse(req), null, IpmsgText.GB18030);
                        offsets.add(fr.offset());
                        responder.respond(n++, fr.offset(), s.getOutputStream());
                      } catch (Exception e) {
                        // the test's sender: a failure shows in the test's assertions
                      }
                    }
                  });
    }

    /** Announces and offers {@code files} to the engine; returns the offer the engine made. */
    Offer offer(LanEngine to, LanHarness.Recorder r, String text, List<Attachment> files)
        throws Exception {
      udp.send(at(to), "mallory", "box", IpmsgCommand.BR_ENTRY, "Mallory\0\0".getBytes());
      r.await(LanEvent.PeerJoined.class);
      StringBuilder list = new StringBuilder();
      files.forEach(f -> list.append(f.format()));
      udp.send(
          at(to),
          "mallory",
          "box",
          IpmsgCommand.SENDMSG
              | IpmsgCommand.SENDCHECKOPT
              | IpmsgCommand.FILEATTACHOPT
              | IpmsgCommand.UTF8OPT,
          (text + "\0" + list + "\0").getBytes(StandardCharsets.UTF_8));
      return r.await(LanEvent.MessageReceived.class, m -> m.offer() != null).offer();
    }

    @Override
    public void close() throws IOException {
      tcp.close();
      udp.close();
      try {
        thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @FunctionalInterface
  private interface Responder {
    void respond(int attempt, long offset, OutputStream out) throws Exception;
  }

  @Test
  void anInterruptedFileResumesFromWhereItStopped() throws Exception {
    byte[] data = random(1_000_000, 3);
    int cut = 400_000;
    LanHarness.Recorder rb = new LanHarness.Recorder();
    Path inbox = tmp.resolve("inbox");
    try (LanEngine b = engine(options("Bob"), rb);
        BreakingSender s =
            new BreakingSender(
                "1_sockit",
                (attempt, offset, out) -> {
                  int from = (int) offset;
                  int to = attempt == 0 ? cut : data.length;
                  out.write(data, from, to - from);
                })) {
      Offer offer = s.offer(b, rb, "big", List.of(new Attachment(0, "big.bin", data.length, 0, 1)));
      assertThatThrownBy(() -> b.download(offer, 0, inbox).get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .hasMessageContaining("400000 of 1000000 bytes kept, download again to resume");
      rb.await(LanEvent.TransferFailed.class);
      LanEvent.TransferFinished done = b.download(offer, 0, inbox).get(20, TimeUnit.SECONDS);
      assertThat(s.offsets).containsExactly(0L, (long) cut);
      assertThat(done.bytes()).isEqualTo(data.length - cut);
      assertThat(Files.readAllBytes(done.path())).isEqualTo(data);
      LanEvent.FileSaved saved = rb.await(LanEvent.FileSaved.class);
      assertThat(saved.resumedFrom()).isEqualTo(cut);
      assertThat(saved.sha256()).isEqualTo(sha256(data)); // over the whole file, not the rest
    }
  }

  @Test
  void aSenderThatIgnoresTheOffsetIsDetectedAndTheFileFetchedAgain() throws Exception {
    byte[] data = random(300_000, 4);
    LanHarness.Recorder rb = new LanHarness.Recorder();
    Path inbox = tmp.resolve("inbox");
    try (LanEngine b = engine(options("Bob"), rb);
        BreakingSender s =
            new BreakingSender(
                "1_sockit",
                (attempt, offset, out) -> out.write(data, 0, attempt == 0 ? 1000 : data.length))) {
      Offer offer = s.offer(b, rb, "", List.of(new Attachment(5, "f.bin", data.length, 0, 1)));
      assertThatThrownBy(() -> b.download(offer, 0, inbox).get(20, TimeUnit.SECONDS))
          .hasMessageContaining("1000 of 300000 bytes kept");
      LanEvent.TransferFinished done = b.download(offer, 0, inbox).get(20, TimeUnit.SECONDS);
      assertThat(Files.readAllBytes(done.path())).isEqualTo(data);
      assertThat(s.offsets).containsExactly(0L, 1000L, 0L);
      rb.await(LanEvent.Notice.class, n -> n.message().contains("ignored the resume offset"));
    }
  }

  @Test
  void anInterruptedFolderResumesBetweenSockits() throws Exception {
    Path src = tmp.resolve("album");
    Files.createDirectories(src.resolve("b"));
    Files.write(src.resolve("a.bin"), random(200_000, 5));
    Files.write(src.resolve("b/c.bin"), random(300_000, 6));
    Files.write(src.resolve("b/d.bin"), random(1000, 7));
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    try (Stall never =
        new Stall(
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(),
            java.time.Duration.ofHours(1),
            () -> {})) {
      new FolderStream(Channels.newChannel(whole), StandardCharsets.UTF_8, never, 0).write(src);
    }
    byte[] stream = whole.toByteArray();
    int cut = 350_000; // inside b/c.bin
    LanHarness.Recorder rb = new LanHarness.Recorder();
    Path inbox = tmp.resolve("inbox");
    try (LanEngine b = engine(options("Bob"), rb);
        BreakingSender s =
            new BreakingSender(
                "1_sockit",
                (attempt, offset, out) -> {
                  int from = (int) offset;
                  out.write(stream, from, (attempt == 0 ? cut : stream.length) - from);
                })) {
      Offer offer = s.offer(b, rb, "", List.of(new Attachment(1, "album", 0, 0, 2)));
      assertThatThrownBy(() -> b.download(offer, 0, inbox).get(20, TimeUnit.SECONDS))
          .hasMessageContaining("what arrived is kept, download again to resume");
      LanEvent.TransferFinished done = b.download(offer, 0, inbox).get(20, TimeUnit.SECONDS);
      assertThat(s.offsets).containsExactly(0L, (long) cut);
      assertThat(done.bytes()).isEqualTo(stream.length - cut);
      for (String f : List.of("a.bin", "b/c.bin", "b/d.bin")) {
        assertThat(Files.readAllBytes(done.path().resolve(f)))
            .as(f)
            .isEqualTo(Files.readAllBytes(src.resolve(f)));
      }
      try (Stream<Path> left = Files.list(inbox)) {
        assertThat(left).containsExactly(done.path()); // no temporary folder or state left
      }
    }
  }

  @Test
  void theFileServerStartsAFolderAtTheOffsetAsked() throws Exception {
    Path src = tmp.resolve("f");
    Files.createDirectories(src);
    Files.write(src.resolve("x.bin"), random(50_000, 8));
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    try (Stall never =
        new Stall(
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(),
            java.time.Duration.ofHours(1),
            () -> {})) {
      new FolderStream(Channels.newChannel(whole), StandardCharsets.UTF_8, never, 0).write(src);
    }
    byte[] stream = whole.toByteArray();
    LanHarness.Recorder ra = new LanHarness.Recorder();
    LanHarness.Recorder rb = new LanHarness.Recorder();
    try (LanEngine a = engine(options("Alice"), ra);
        LanEngine b = engine(options("Bob"), rb)) {
      LanPeer bob = meet(a, ra, b);
      Delivery d = a.sendFiles(bob, "", List.of(src)).get(5, TimeUnit.SECONDS);
      try (Socket s = new Socket(LOOPBACK, a.port())) {
        s.getOutputStream()
            .write(
                ("1:1:bob:x:98:" + Long.toHexString(d.packetNo()) + ":0:3e8:\0")
                    .getBytes(StandardCharsets.US_ASCII));
        s.setSoTimeout(5000);
        byte[] got = s.getInputStream().readAllBytes();
        assertThat(got).isEqualTo(java.util.Arrays.copyOfRange(stream, 1000, stream.length));
      }
    }
  }

  @Test
  void hostileNamesAreRefusedAndNothingLandsOutsideTheFolder() throws Exception {
    LanHarness.Recorder rb = new LanHarness.Recorder();
    Path inbox = tmp.resolve("inbox");
    byte[] evil = "0020:../escaped.txt:5:1:hello".getBytes(StandardCharsets.US_ASCII);
    byte[] header = new FolderHeader("ok", 0, Attachment.FOLDER, 0).encode(StandardCharsets.UTF_8);
    byte[] folderStream = concat(header, fixSize(evil));
    try (LanEngine b = engine(options("Bob"), rb);
        BreakingSender s =
            new BreakingSender("1", (attempt, offset, out) -> out.write(folderStream))) {
      Offer offer =
          s.offer(
              b,
              rb,
              "",
              List.of(
                  new Attachment(0, "../../escaped.txt", 5, 0, 1),
                  new Attachment(1, "a/b.txt", 5, 0, 1),
                  new Attachment(2, "..", 5, 0, 1),
                  new Attachment(3, "ok", 0, 0, 2)));
      for (int i = 0; i < 3; i++) {
        int index = i;
        assertThatThrownBy(() -> b.download(offer, index, inbox).get(10, TimeUnit.SECONDS))
            .hasMessageContaining("refused");
      }
      assertThatThrownBy(() -> b.download(offer, 3, inbox).get(10, TimeUnit.SECONDS))
          .hasMessageContaining("refused '../escaped.txt'");
      assertThat(s.offsets).hasSize(1); // only the folder was requested: names are checked first
    }
    assertThat(tmp.resolve("escaped.txt")).doesNotExist();
    try (Stream<Path> all = Files.walk(tmp)) {
      assertThat(all.filter(p -> p.getFileName().toString().contains("escaped"))).isEmpty();
    }
  }

  /** Rewrites the 4 hex digits of a header to its real length. */
  private static byte[] fixSize(byte[] header) {
    int colon = new String(header, StandardCharsets.US_ASCII).indexOf(':', 5);
    int end = new String(header, StandardCharsets.US_ASCII).indexOf(':', colon + 1);
    end = new String(header, StandardCharsets.US_ASCII).indexOf(':', end + 1) + 1;
    byte[] h = java.util.Arrays.copyOf(header, end);
    byte[] size = String.format("%04x", h.length).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(size, 0, h, 0, 4);
    return concat(h, java.util.Arrays.copyOfRange(header, end, header.length));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
