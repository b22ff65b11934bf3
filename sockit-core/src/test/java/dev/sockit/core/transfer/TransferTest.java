package dev.sockit.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Sender and receiver over real loopback sockets, and a hand-written sender that lies. */
@Timeout(60)
class TransferTest {
  @TempDir Path tmp;

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static CompletableFuture<TransferSummary> receiveInBackground(FileReceiver r) {
    CompletableFuture<TransferSummary> f = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                f.complete(r.receiveOne(TransferProgress.NONE));
              } catch (Throwable t) {
                f.completeExceptionally(t);
              }
            });
    return f;
  }

  @Test
  void aTreeArrivesWholeWithEmptyFilesUnusualNamesAndModes() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src/tree"));
    Files.createDirectories(src.resolve("empty folder"));
    Files.createDirectories(src.resolve("网络"));
    Files.write(src.resolve("zero"), new byte[0]);
    Files.write(src.resolve("网络/编程 测试.bin"), random(3 * 1024 * 1024 + 5, 1));
    Path script = Files.writeString(src.resolve("run me.sh"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
    Path single = Files.write(tmp.resolve("src/single.dat"), random(1000, 2));
    java.nio.file.attribute.FileTime old =
        java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L); // 2001-09-09
    Files.setLastModifiedTime(single, old);
    Files.setLastModifiedTime(src.resolve("empty folder"), old);
    Path dst = tmp.resolve("dst");
    try (FileReceiver r = FileReceiver.bind(ReceiveOptions.loopback(0, dst))) {
      var got = receiveInBackground(r);
      TransferSummary sent =
          FileSender.send(
              SendOptions.of(List.of(src, single), "127.0.0.1", r.port()), TransferProgress.NONE);
      TransferSummary received = got.get(30, TimeUnit.SECONDS);
      assertThat(sent.files()).hasSize(4);
      assertThat(received.files()).isEqualTo(sent.files());
      assertThat(received.folders()).isEqualTo(3);
      assertThat(received.moved())
          .isEqualTo(received.bytes())
          .isEqualTo(3 * 1024 * 1024 + 5 + 1000 + 18);
    }
    assertThat(Files.readAllBytes(dst.resolve("tree/网络/编程 测试.bin")))
        .isEqualTo(random(3 * 1024 * 1024 + 5, 1));
    assertThat(Files.size(dst.resolve("tree/zero"))).isZero();
    assertThat(Files.isDirectory(dst.resolve("tree/empty folder"))).isTrue();
    assertThat(Files.readAllBytes(dst.resolve("single.dat"))).isEqualTo(random(1000, 2));
    assertThat(Files.getLastModifiedTime(dst.resolve("single.dat")))
        .isEqualTo(old); // as scp -p and rsync -a keep it
    assertThat(Files.getLastModifiedTime(dst.resolve("tree/empty folder"))).isEqualTo(old);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dst.resolve("tree/run me.sh"))))
        .isEqualTo("rwxr-x---");
    try (var s = Files.walk(dst)) {
      assertThat(s.filter(p -> p.toString().endsWith(TargetFolder.PARTIAL_SUFFIX))).isEmpty();
    }
  }

  /**
   * Both ways a file goes out: streamed (5 MiB) and, up to FileSender.SMALL, in one write with its
   * hash.
   */
  @Test
  void aPartialFileIsContinuedWhenItsPrefixMatchesAndReplacedWhenItDoesNot() throws Exception {
    partialContinuedOrReplaced(5 * 1024 * 1024 + 3, 2_000_000, 1_000_000, "big");
    partialContinuedOrReplaced(FileSender.SMALL - 5, 20_000, 10_000, "small");
  }

  private void partialContinuedOrReplaced(int size, int held, int wrong, String folder)
      throws Exception {
    byte[] data = random(size, 3);
    Path file = Files.write(tmp.resolve("data.bin"), data);
    Path dst = Files.createDirectories(tmp.resolve(folder));
    Files.write(dst.resolve(".data.bin.sockit-part"), java.util.Arrays.copyOf(data, held));
    try (FileReceiver r = FileReceiver.bind(ReceiveOptions.loopback(0, dst))) {
      var got = receiveInBackground(r);
      TransferSummary sent =
          FileSender.send(
              SendOptions.of(List.of(file), "127.0.0.1", r.port()), TransferProgress.NONE);
      TransferSummary received = got.get(30, TimeUnit.SECONDS);
      assertThat(sent.resumed()).as(folder).isEqualTo(held);
      assertThat(sent.moved()).as(folder).isEqualTo(data.length - held);
      assertThat(received.moved()).as(folder).isEqualTo(data.length - held);
      assertThat(received.files().get(0).resumedFrom()).as(folder).isEqualTo(held);
    }
    assertThat(Files.readAllBytes(dst.resolve("data.bin"))).as(folder).isEqualTo(data);
    assertThat(dst.resolve(".data.bin.sockit-part")).doesNotExist();

    Files.delete(dst.resolve("data.bin"));
    byte[] wrongPrefix = java.util.Arrays.copyOf(data, wrong);
    wrongPrefix[500] ^= 1;
    Files.write(dst.resolve(".data.bin.sockit-part"), wrongPrefix);
    try (FileReceiver r = FileReceiver.bind(ReceiveOptions.loopback(0, dst))) {
      var got = receiveInBackground(r);
      TransferSummary sent =
          FileSender.send(
              SendOptions.of(List.of(file), "127.0.0.1", r.port()), TransferProgress.NONE);
      got.get(30, TimeUnit.SECONDS);
      assertThat(sent.resumed()).as(folder).isZero();
      assertThat(sent.moved()).as(folder).isEqualTo(data.length);
    }
    assertThat(Files.readAllBytes(dst.resolve("data.bin"))).as(folder).isEqualTo(data);
  }

  /**
   * Each file ends in a 32-byte frame that waits for the receiver's answer; with Nagle's algorithm
   * on, the delayed ACK held each one ~40 ms (300 files: about 13 s; now well under one).
   */
  @Test
  void manySmallFilesDoNotWaitForDelayedAcks() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src/many"));
    for (int i = 0; i < 300; i++) {
      Files.writeString(src.resolve("f" + i), i + "\n");
    }
    Path dst = tmp.resolve("dst");
    try (FileReceiver r = FileReceiver.bind(ReceiveOptions.loopback(0, dst).withSync(false))) {
      var got = receiveInBackground(r);
      long start = System.nanoTime();
      FileSender.send(SendOptions.of(List.of(src), "127.0.0.1", r.port()), TransferProgress.NONE);
      assertThat(got.get(30, TimeUnit.SECONDS).files()).hasSize(300);
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(java.time.Duration.ofSeconds(6));
    }
    assertThat(Files.readString(dst.resolve("many/f299"))).isEqualTo("299\n");
  }

  /**
   * A folder sent again after an interruption: files that arrived whole are offered back by their
   * SHA-256 and kept, a partial one continues, a missing one is sent; a same-size file with other
   * content is still refused without --overwrite, and one of another size before anything moves.
   */
  @Test
  void aFolderSentAgainKeepsWhatArrivedWholeAndSendsTheRest() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src/album"));
    for (int i = 0; i < 3; i++) {
      Files.write(src.resolve("p" + i + ".jpg"), random(200_000, 10 + i));
    }
    Path dst = tmp.resolve("dst");
    Files.createDirectories(dst.resolve("album"));
    Files.write(dst.resolve("album/p0.jpg"), random(200_000, 10)); // arrived whole before
    Files.write(
        dst.resolve("album/.p1.jpg.sockit-part"),
        java.util.Arrays.copyOf(random(200_000, 11), 70_000)); // cut off
    try (FileReceiver r = FileReceiver.bind(ReceiveOptions.loopback(0, dst))) {
      var got = receiveInBackground(r);
      TransferSummary sent =
          FileSender.send(
              SendOptions.of(List.of(src), "127.0.0.1", r.port()), TransferProgress.NONE);
      got.get(30, TimeUnit.SECONDS);
      assertThat(sent.resumed()).isEqualTo(200_000 + 70_000);
      assertThat(sent.moved()).isEqualTo(130_000 + 200_000);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(Files.readAllBytes(dst.resolve("album/p" + i + ".jpg")))
          .isEqualTo(random(200_000, 10 + i));
    }
    // everything is there now: sending again moves nothing
    try (FileReceiver r = FileReceiver.bind(ReceiveOptions.loopback(0, dst))) {
      var got = receiveInBackground(r);
      TransferSummary again =
          FileSender.send(
              SendOptions.of(List.of(src), "127.0.0.1", r.port()), TransferProgress.NONE);
      got.get(30, TimeUnit.SECONDS);
      assertThat(again.moved()).isZero();
      assertThat(again.resumed()).isEqualTo(600_000);
    }
    Files.write(dst.resolve("album/p2.jpg"), random(200_000, 99)); // same size, other content
    try (FileReceiver r = FileReceiver.bind(ReceiveOptions.loopback(0, dst))) {
      var got = receiveInBackground(r);
      assertThatThrownBy(
              () ->
                  FileSender.send(
                      SendOptions.of(List.of(src), "127.0.0.1", r.port()), TransferProgress.NONE))
          .hasMessageContaining(
              "'album/p2.jpg' exists here with other content; receive with --overwrite to replace it");
      assertThatThrownBy(() -> got.get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(TransferException.class);
    }
    assertThat(Files.readAllBytes(dst.resolve("album/p2.jpg"))).isEqualTo(random(200_000, 99));
    try (var s = Files.walk(dst)) {
      assertThat(s.filter(p -> p.toString().endsWith(TargetFolder.PARTIAL_SUFFIX))).isEmpty();
    }
  }

  @Test
  void emptyFilesAlreadyThereAreKeptAndAPartialWinsOverAWholeFileOfTheSameSize() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src/pkg"));
    Files.write(src.resolve("__init__.py"), new byte[0]);
    byte[] image = random(300_000, 21);
    Files.write(src.resolve("disk.img"), image);
    Path dst = Files.createDirectories(tmp.resolve("dst/pkg"));
    Files.write(dst.resolve("__init__.py"), new byte[0]);
    // an interrupted overwrite: the old image (same size) and the new one's first 100,000 bytes
    Files.write(dst.resolve("disk.img"), random(300_000, 22));
    Files.write(dst.resolve(".disk.img.sockit-part"), java.util.Arrays.copyOf(image, 100_000));
    try (FileReceiver r =
        FileReceiver.bind(ReceiveOptions.loopback(0, tmp.resolve("dst")).withOverwrite(true))) {
      var got = receiveInBackground(r);
      TransferSummary sent =
          FileSender.send(
              SendOptions.of(List.of(src), "127.0.0.1", r.port()), TransferProgress.NONE);
      got.get(30, TimeUnit.SECONDS);
      assertThat(sent.resumed()).isEqualTo(100_000); // from the partial, not from the old image
      assertThat(sent.moved()).isEqualTo(200_000);
    }
    assertThat(Files.readAllBytes(dst.resolve("disk.img"))).isEqualTo(image);
    // without --overwrite, an empty file already there does not stop the folder from being sent
    // again
    try (FileReceiver r = FileReceiver.bind(ReceiveOptions.loopback(0, tmp.resolve("dst")))) {
      var got = receiveInBackground(r);
      TransferSummary again =
          FileSender.send(
              SendOptions.of(List.of(src), "127.0.0.1", r.port()), TransferProgress.NONE);
      got.get(30, TimeUnit.SECONDS);
      assertThat(again.moved()).isZero();
    }
    assertThat(Files.size(dst.resolve("__init__.py"))).isZero();
  }

  @Test
  void aSenderGivesUpOnAReceiverThatStopsReadingAndOnOneThatIsNotSockit() throws Exception {
    Path big = Files.write(tmp.resolve("big.bin"), random(64 << 20, 5));
    try (java.nio.channels.ServerSocketChannel frozen =
        java.nio.channels.ServerSocketChannel.open()) {
      frozen.bind(new InetSocketAddress("127.0.0.1", 0), 1);
      int port = ((InetSocketAddress) frozen.getLocalAddress()).getPort();
      // a receiver that accepts, answers like sockit and never reads again
      CompletableFuture<SocketChannel> accepted =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  SocketChannel ch = frozen.accept();
                  ch.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4096);
                  Wire w = new Wire(ch);
                  w.bytes(4); // magic
                  w.u16();
                  w.text();
                  w.u32();
                  w.u8();
                  w.text();
                  w.u16();
                  w.u64();
                  w.u64(); // modified
                  w.write(
                      new Wire.Frame()
                          .bytes(Wire.MAGIC)
                          .u8(Wire.ACCEPT)
                          .u64(0)
                          .bytes(new byte[Wire.HASH_BYTES])
                          .done());
                  return ch;
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      SendOptions quick =
          new SendOptions(
              List.of(big),
              "127.0.0.1",
              port,
              null,
              java.time.Duration.ofSeconds(5),
              0,
              java.time.Duration.ofMillis(800));
      long start = System.nanoTime();
      assertThatThrownBy(() -> FileSender.send(quick, TransferProgress.NONE))
          .isInstanceOf(TransferException.class)
          .hasMessageContaining("nothing moved to or from 127.0.0.1:" + port + " for 800 ms");
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(java.time.Duration.ofSeconds(20));
      accepted.get(5, TimeUnit.SECONDS).close();
    }
    try (java.nio.channels.ServerSocketChannel web = java.nio.channels.ServerSocketChannel.open()) {
      web.bind(new InetSocketAddress("127.0.0.1", 0), 1);
      int port = ((InetSocketAddress) web.getLocalAddress()).getPort();
      Thread.ofVirtual()
          .start(
              () -> {
                try (SocketChannel ch = web.accept()) {
                  ch.write(
                      ByteBuffer.wrap(
                          "HTTP/1.1 400 Bad Request\r\n\r\n"
                              .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                  Thread.sleep(2000);
                } catch (IOException | InterruptedException e) {
                  // the sender has gone
                }
              });
      assertThatThrownBy(
              () ->
                  FileSender.send(
                      SendOptions.of(List.of(big), "127.0.0.1", port), TransferProgress.NONE))
          .isInstanceOf(TransferException.class)
          .hasMessage(
              "127.0.0.1:"
                  + port
                  + " is not a sockit receiver (it answered 'HTTP'); is 'sockit receive' running on that port?");
    }
  }

  @Test
  void aVersionOneReceiversRefusalIsShownAsSuch() throws Exception {
    Path file = Files.writeString(tmp.resolve("a.txt"), "a");
    try (java.nio.channels.ServerSocketChannel old = java.nio.channels.ServerSocketChannel.open()) {
      old.bind(new InetSocketAddress("127.0.0.1", 0), 1);
      int port = ((InetSocketAddress) old.getLocalAddress()).getPort();
      String reason = "protocol version 2 is not supported (this receiver speaks 1)";
      Thread.ofVirtual()
          .start(
              () -> {
                try (SocketChannel ch =
                    old.accept()) { // what a version-1 receiver answers: u8 1, text
                  ch.read(ByteBuffer.allocate(4096));
                  new Wire(ch).write(new Wire.Frame().u8(Wire.REFUSE).text(reason).done());
                  Thread.sleep(500);
                } catch (IOException | InterruptedException e) {
                  // the sender has gone
                }
              });
      assertThatThrownBy(
              () ->
                  FileSender.send(
                      SendOptions.of(List.of(file), "127.0.0.1", port), TransferProgress.NONE))
          .isInstanceOf(TransferException.class)
          .hasMessage(
              "refused by 127.0.0.1:"
                  + port
                  + ": "
                  + reason
                  + " (that receiver is an older sockit; use the same version on both sides)");
    }
  }

  @Test
  void existingFilesAreKeptUnlessOverwriteAndTheCodeMustMatch() throws Exception {
    Path file = Files.writeString(tmp.resolve("note.txt"), "new");
    Path dst = Files.createDirectories(tmp.resolve("dst"));
    Files.writeString(dst.resolve("note.txt"), "old");
    try (FileReceiver r = FileReceiver.bind(ReceiveOptions.loopback(0, dst))) {
      var got = receiveInBackground(r);
      assertThatThrownBy(
              () ->
                  FileSender.send(
                      SendOptions.of(List.of(file), "127.0.0.1", r.port()), TransferProgress.NONE))
          .isInstanceOf(TransferException.class)
          .hasMessageContaining("exists here with other content; receive with --overwrite");
      assertThatThrownBy(() -> got.get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(TransferException.class);
    }
    assertThat(Files.readString(dst.resolve("note.txt"))).isEqualTo("old");
    try (FileReceiver r =
        FileReceiver.bind(
            ReceiveOptions.loopback(0, dst).withOverwrite(true).withCode("abcd-efgh"))) {
      var got = receiveInBackground(r);
      SendOptions wrong =
          new SendOptions(
              List.of(file),
              "127.0.0.1",
              r.port(),
              "abcd-efgx",
              java.time.Duration.ofSeconds(5),
              0);
      assertThatThrownBy(() -> FileSender.send(wrong, TransferProgress.NONE))
          .hasMessageContaining("wrong code");
      assertThatThrownBy(() -> got.get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(TransferException.class);
      var again = receiveInBackground(r);
      SendOptions right =
          new SendOptions(
              List.of(file),
              "127.0.0.1",
              r.port(),
              "abcd-efgh",
              java.time.Duration.ofSeconds(5),
              0);
      FileSender.send(right, TransferProgress.NONE);
      again.get(30, TimeUnit.SECONDS);
    }
    assertThat(Files.readString(dst.resolve("note.txt"))).isEqualTo("new");
  }

  /**
   * The sender does not wait for each file's verdict before sending the next one. When the receiver
   * rejects a file and stops, the files after it are already on their way: the sender must still
   * report the rejection (not the broken connection it may meet first) and must not hang, and
   * nothing after the rejected file is kept.
   */
  @Test
  void aRejectedFileIsReportedEvenWhenTheFilesAfterItAreAlreadyOnTheirWay() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    List<Path> files =
        new java.util.ArrayList<>(List.of(Files.writeString(src.resolve("a.txt"), "new")));
    for (String name : List.of("b.bin", "c.bin", "d.bin")) {
      files.add(Files.write(src.resolve(name), random(6 << 20, name.charAt(0))));
    }
    Path dst = Files.createDirectories(tmp.resolve("dst"));
    Files.writeString(dst.resolve("a.txt"), "old"); // same size, other content: rejected at its end
    try (FileReceiver r = FileReceiver.bind(ReceiveOptions.loopback(0, dst))) {
      var got = receiveInBackground(r);
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  FileSender.send(
                      SendOptions.of(files, "127.0.0.1", r.port()), TransferProgress.NONE))
          .isInstanceOf(TransferException.class)
          .hasMessageContaining("the receiver rejected 'a.txt'")
          .hasMessageContaining("exists here with other content");
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(java.time.Duration.ofSeconds(10));
      assertThatThrownBy(() -> got.get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(TransferException.class);
    }
    assertThat(Files.readString(dst.resolve("a.txt"))).isEqualTo("old");
    try (var s = Files.list(dst)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("a.txt");
    }
  }

  /**
   * A receiver that accepts and then goes away: the sender says the receiver closed the connection
   * (what its verdict reader learned), not the broken pipe its own write met.
   */
  @Test
  void aReceiverThatClosesAfterAcceptingIsNamedAsHavingClosed() throws Exception {
    Path big = Files.write(tmp.resolve("big.bin"), random(20 << 20, 9));
    try (java.nio.channels.ServerSocketChannel fake =
        java.nio.channels.ServerSocketChannel.open()) {
      fake.bind(new InetSocketAddress("127.0.0.1", 0));
      Thread.ofVirtual()
          .start(
              () -> {
                try (SocketChannel c = fake.accept()) {
                  Wire w = new Wire(c);
                  w.bytes(Wire.MAGIC.length); // the sender's hello, read only as far as needed
                  w.write(
                      new Wire.Frame()
                          .bytes(Wire.MAGIC)
                          .u8(Wire.ACCEPT)
                          .u64(0)
                          .bytes(new byte[Wire.HASH_BYTES])
                          .done());
                  Thread.sleep(200);
                } catch (IOException | InterruptedException e) {
                  // the test reads the sender's side
                }
              });
      int port = ((InetSocketAddress) fake.getLocalAddress()).getPort();
      assertThatThrownBy(
              () ->
                  FileSender.send(
                      SendOptions.of(List.of(big), "127.0.0.1", port), TransferProgress.NONE))
          .isInstanceOf(java.io.EOFException.class)
          .hasMessageContaining("closed the connection");
    }
  }

  // --- a hand-written sender speaking the protocol, to say what a real sender never would ---

  private static SocketChannel rawHello(int port, int kind, String name, long size)
      throws IOException {
    SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
    Wire.Frame f =
        new Wire.Frame()
            .bytes(Wire.MAGIC)
            .u16(Wire.VERSION)
            .text("")
            .u32(1)
            .u8(kind)
            .text(name)
            .u16(0644)
            .u64(size)
            .u64(0);
    new Wire(ch).write(f.done());
    return ch;
  }

  /** The hand-written sender's side after the receiver accepted and offered nothing held. */
  private static Wire accepted(SocketChannel ch) throws IOException {
    Wire w = new Wire(ch);
    assertThat(w.bytes(Wire.MAGIC.length)).isEqualTo(Wire.MAGIC);
    assertThat(w.u8()).isEqualTo(Wire.ACCEPT);
    assertThat(w.u64()).as("bytes already held").isZero();
    w.bytes(Wire.HASH_BYTES);
    return w;
  }

  private String refusalOf(Path dst, int kind, String name) throws Exception {
    try (FileReceiver r = FileReceiver.bind(ReceiveOptions.loopback(0, dst))) {
      var got = receiveInBackground(r);
      try (SocketChannel ch = rawHello(r.port(), kind, name, 3)) {
        Wire w = new Wire(ch);
        assertThat(w.bytes(Wire.MAGIC.length)).isEqualTo(Wire.MAGIC);
        assertThat(w.u8()).isEqualTo(Wire.REFUSE);
        String reason = w.text();
        assertThatThrownBy(() -> got.get(30, TimeUnit.SECONDS))
            .hasCauseInstanceOf(TransferException.class);
        return reason;
      }
    }
  }

  @Test
  void namesThatLeaveTheFolderAreRefusedBeforeAnythingIsWritten() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path dst = Files.createDirectories(tmp.resolve("dst"));
    Files.createSymbolicLink(dst.resolve("link"), outside);
    assertThat(refusalOf(dst, 0, "../x")).contains("escapes or confuses");
    assertThat(refusalOf(dst, 0, "/etc/x")).contains("absolute path");
    assertThat(refusalOf(dst, 0, "link/x")).contains("symbolic link");
    assertThat(refusalOf(dst, 0, "link")).contains("symbolic link");
    assertThat(refusalOf(dst, 2, "x")).contains("only files and folders");
    assertThat(outside).isEmptyDirectory();
    try (var s = Files.list(dst)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("link");
    }
  }

  @Test
  void aFlippedByteFailsTheChecksumAndLeavesNoFile() throws Exception {
    byte[] data = random(200_000, 4);
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(data);
    data[12345] ^= 0x40;
    Path dst = Files.createDirectories(tmp.resolve("dst"));
    try (FileReceiver r = FileReceiver.bind(ReceiveOptions.loopback(0, dst))) {
      var got = receiveInBackground(r);
      try (SocketChannel ch = rawHello(r.port(), 0, "x.bin", data.length)) {
        Wire w = accepted(ch);
        w.write(new Wire.Frame().u64(0).bytes(data).bytes(sha).done());
        assertThat(w.u8()).isEqualTo(Wire.FILE_BAD);
        assertThat(w.text()).contains("SHA-256 mismatch on 'x.bin'");
      }
      assertThatThrownBy(() -> got.get(30, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(TransferException.class)
          .hasMessageContaining("nothing was kept");
    }
    try (var s = Files.list(dst)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void aSenderThatStopsMidFileLeavesAPartialToResumeFrom() throws Exception {
    stopMidFile(
        300_000,
        tmp.resolve("large")); // larger than a buffer: read, hashed and written on three threads
    stopMidFile(150_000, tmp.resolve("small")); // within one buffer: all on the receiving thread
  }

  private void stopMidFile(int size, Path folder) throws Exception {
    byte[] data = random(size, 5);
    Path dst = Files.createDirectories(folder.resolve("dst"));
    try (FileReceiver r = FileReceiver.bind(ReceiveOptions.loopback(0, dst))) {
      var got = receiveInBackground(r);
      try (SocketChannel ch = rawHello(r.port(), 0, "x.bin", data.length)) {
        Wire w = accepted(ch);
        w.write(new Wire.Frame().u64(0).bytes(java.util.Arrays.copyOf(data, 100_000)).done());
      }
      assertThatThrownBy(() -> got.get(30, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(java.io.EOFException.class)
          .hasMessageContaining("send again to resume");
    }
    assertThat(dst.resolve("x.bin")).doesNotExist();
    assertThat(Files.readAllBytes(dst.resolve(".x.bin.sockit-part")))
        .isEqualTo(java.util.Arrays.copyOf(data, 100_000));
    TargetFolder.Resume resume =
        TargetFolder.resume(
            dst.resolve("x.bin"), data.length, new java.util.concurrent.atomic.AtomicLong());
    assertThat(resume.offset()).isEqualTo(100_000);
    assertThat(resume.prefixHash())
        .isEqualTo(
            MessageDigest.getInstance("SHA-256").digest(java.util.Arrays.copyOf(data, 100_000)));
  }

  @Test
  void aSenderThatFallsSilentIsGivenUpAfterTheIdleTimeout() throws Exception {
    Path dst = Files.createDirectories(tmp.resolve("dst"));
    ReceiveOptions options =
        ReceiveOptions.loopback(0, dst).withIdleTimeout(java.time.Duration.ofMillis(500));
    try (FileReceiver r = FileReceiver.bind(options)) {
      var got = receiveInBackground(r);
      try (SocketChannel ch = rawHello(r.port(), 0, "x.bin", 1000)) {
        Wire w = accepted(ch);
        w.write(
            new Wire.Frame().u64(0).bytes(new byte[100]).done()); // then silence, connection open
        assertThatThrownBy(() -> got.get(30, TimeUnit.SECONDS))
            .cause()
            .isInstanceOf(TransferException.class)
            .hasMessageContaining("nothing from sender")
            .hasMessageContaining("for 0 s; gave up");
      }
    }
    assertThat(Files.size(dst.resolve(".x.bin.sockit-part"))).isEqualTo(100);
  }

  // --- large files: written with O_DIRECT where the file system allows it ---

  private void assumeDirectIo() throws IOException {
    try (var ch = FileReceiver.openDirect(tmp.resolve("direct-probe"), 0)) {
      org.junit.jupiter.api.Assumptions.assumeTrue(
          ch != null,
          "the file system of "
              + tmp
              + " refuses O_DIRECT (tmpfs?): the buffered path is what runs here");
    }
  }

  @Test
  void aLargeFileWithAnUnalignedLengthArrivesExactlyThroughDirectWrites() throws Exception {
    assumeDirectIo();
    int size = (int) FileReceiver.DIRECT_MIN * 2 + 4097;
    byte[] data = random(size, 7);
    Path file = Files.write(tmp.resolve("big.bin"), data);
    Path dst = Files.createDirectories(tmp.resolve("dst"));
    try (FileReceiver r = FileReceiver.bind(ReceiveOptions.loopback(0, dst))) {
      var got = receiveInBackground(r);
      TransferSummary sent =
          FileSender.send(
              SendOptions.of(List.of(file), "127.0.0.1", r.port()), TransferProgress.NONE);
      TransferSummary received = got.get(30, TimeUnit.SECONDS);
      assertThat(received.files()).isEqualTo(sent.files());
      assertThat(received.files().get(0).sha256())
          .isEqualTo(
              java.util.HexFormat.of()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    }
    assertThat(Files.size(dst.resolve("big.bin"))).isEqualTo(size);
    assertThat(Files.readAllBytes(dst.resolve("big.bin"))).isEqualTo(data);
  }

  @Test
  void aLargeFileCutOffMidBlockKeepsExactlyWhatArrivedAndResumesFromThere() throws Exception {
    assumeDirectIo();
    int size = (int) FileReceiver.DIRECT_MIN + 1_000_003;
    int cut = 9_000_001; // not a multiple of the block size: the padded last write must be cut back
    byte[] data = random(size, 8);
    Path dst = Files.createDirectories(tmp.resolve("dst"));
    try (FileReceiver r = FileReceiver.bind(ReceiveOptions.loopback(0, dst))) {
      var got = receiveInBackground(r);
      try (SocketChannel ch = rawHello(r.port(), 0, "cut.bin", size)) {
        Wire w = accepted(ch);
        w.write(new Wire.Frame().u64(0).bytes(java.util.Arrays.copyOf(data, cut)).done());
      }
      assertThatThrownBy(() -> got.get(30, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(java.io.EOFException.class);
    }
    Path part = dst.resolve(".cut.bin.sockit-part");
    assertThat(Files.readAllBytes(part)).isEqualTo(java.util.Arrays.copyOf(data, cut));

    // The resumed rest starts at an unaligned offset: it goes through the page cache, and the file
    // is whole.
    Path file = Files.write(tmp.resolve("cut.bin"), data);
    try (FileReceiver r = FileReceiver.bind(ReceiveOptions.loopback(0, dst))) {
      var got = receiveInBackground(r);
      TransferSummary sent =
          FileSender.send(
              SendOptions.of(List.of(file), "127.0.0.1", r.port()), TransferProgress.NONE);
      got.get(30, TimeUnit.SECONDS);
      assertThat(sent.resumed()).isEqualTo(cut);
    }
    assertThat(Files.readAllBytes(dst.resolve("cut.bin"))).isEqualTo(data);
    assertThat(part).doesNotExist();
  }

  @Test
  void withoutSyncFilesStillArriveWholeUnderTheirNames() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("many"));
    for (int i = 0; i < 50; i++) {
      Files.write(src.resolve("f" + i), random(100 + i, i));
    }
    Path dst = tmp.resolve("dst");
    try (FileReceiver r = FileReceiver.bind(ReceiveOptions.loopback(0, dst).withSync(false))) {
      assertThat(ReceiveOptions.loopback(0, dst).sync()).isTrue();
      var got = receiveInBackground(r);
      FileSender.send(SendOptions.of(List.of(src), "127.0.0.1", r.port()), TransferProgress.NONE);
      assertThat(got.get(30, TimeUnit.SECONDS).files()).hasSize(50);
    }
    for (int i = 0; i < 50; i++) {
      assertThat(Files.readAllBytes(dst.resolve("many/f" + i))).isEqualTo(random(100 + i, i));
    }
  }
}
