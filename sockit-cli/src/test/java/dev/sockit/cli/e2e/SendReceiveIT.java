package dev.sockit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sockit send} and {@code sockit receive} as processes, and a hand-written sender that
 * misbehaves.
 */
@Timeout(180)
class SendReceiveIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  private static Path randomFile(Path p, int size, long seed) throws IOException {
    Files.createDirectories(p.getParent());
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return Files.write(p, b);
  }

  private static String sha256(Path p) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(p)) {
      byte[] buf = new byte[1 << 20];
      int n;
      while ((n = in.read(buf)) > 0) {
        d.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private Proc receiver(Path dir, String... extra) throws IOException {
    String[] args =
        Stream.concat(
                Stream.of("receive", "--bind", "127.0.0.1", "--dir", dir.toString()),
                Stream.of(extra))
            .toArray(String[]::new);
    return Proc.sockit(Stream.concat(Stream.of(args), Stream.of("0")).toArray(String[]::new));
  }

  @Test
  void aTreeWithEmptyFilesALargeFileAndUnusualNamesArrivesIntact() throws Exception {
    Path src = tmp.resolve("src/My Tree");
    Path big = randomFile(src.resolve("big.bin"), 50 * 1024 * 1024, 1);
    Path odd = randomFile(src.resolve("网络 编程/naïve file (1).txt"), 12_345, 2);
    Files.write(src.resolve("empty.txt"), new byte[0]);
    Files.createDirectories(src.resolve("empty folder/nested"));
    Path dst = tmp.resolve("dst");
    try (Proc rx = receiver(dst, "--json")) {
      int port = rx.awaitListening();
      try (Proc tx = Proc.sockit("send", "--json", src.toString(), "127.0.0.1:" + port)) {
        assertThat(tx.waitFor(WAIT)).as(tx.stderr()).isZero();
        assertThat(tx.stdout())
            .contains(
                "\"direction\": \"sent\"",
                "\"files\": 3",
                "\"folders\": 4",
                "\"sha256\": \"" + sha256(big) + "\"");
      }
      assertThat(rx.waitFor(WAIT)).as(rx.stderr()).isZero();
      assertThat(rx.stdout())
          .contains(
              "\"direction\": \"received\"",
              "\"bytes\": " + (50 * 1024 * 1024 + 12_345),
              "\"resumed_bytes\": 0",
              "\"name\": \"My Tree/网络 编程/naïve file (1).txt\"");
    }
    Path out = dst.resolve("My Tree");
    assertThat(sha256(out.resolve("big.bin"))).isEqualTo(sha256(big));
    assertThat(sha256(out.resolve("网络 编程/naïve file (1).txt"))).isEqualTo(sha256(odd));
    assertThat(Files.size(out.resolve("empty.txt"))).isZero();
    assertThat(out.resolve("empty folder/nested")).isEmptyDirectory();
  }

  @Test
  void aSenderKilledMidWayIsResumedFromWhereItStopped() throws Exception {
    Path file = randomFile(tmp.resolve("src/movie.bin"), 50 * 1024 * 1024, 3);
    Path dst = tmp.resolve("dst");
    Path partial = dst.resolve(".movie.bin.sockit-part");
    try (Proc rx = receiver(dst)) {
      int port = rx.awaitListening();
      try (Proc tx = Proc.sockit("send", "--limit", "8M", file.toString(), "127.0.0.1:" + port)) {
        long end = System.nanoTime() + WAIT.toNanos();
        while ((!Files.exists(partial) || Files.size(partial) < 8 * 1024 * 1024)
            && System.nanoTime() < end) {
          Thread.sleep(20);
        }
        assertThat(tx.isAlive()).as("the sender was still sending").isTrue();
      } // closing kills the sender process
      assertThat(rx.waitFor(WAIT)).isEqualTo(1);
      assertThat(rx.stderr()).contains("stopped mid-transfer", "send again to resume");
    }
    assertThat(dst.resolve("movie.bin")).doesNotExist();
    long held = Files.size(partial);
    assertThat(held).isBetween(8L * 1024 * 1024, 50L * 1024 * 1024 - 1);
    try (Proc rx = receiver(dst, "--json")) {
      int port = rx.awaitListening();
      try (Proc tx = Proc.sockit("send", file.toString(), "127.0.0.1:" + port)) {
        assertThat(tx.waitFor(WAIT)).as(tx.stderr()).isZero();
        assertThat(tx.stdout()).contains("resumed:");
      }
      assertThat(rx.waitFor(WAIT)).as(rx.stderr()).isZero();
      assertThat(rx.stdout())
          .contains("\"resumed_bytes\": " + held, "\"moved_bytes\": " + (50L * 1024 * 1024 - held));
    }
    assertThat(sha256(dst.resolve("movie.bin"))).isEqualTo(sha256(file));
    assertThat(partial).doesNotExist();
  }

  // --- a sender written by hand from docs/transfer-protocol.md ---

  private static void hello(DataOutputStream out, String code, String name, int kind, long size)
      throws IOException {
    out.write(new byte[] {'S', 'K', 'T', 'X'});
    out.writeShort(2);
    byte[] c = code.getBytes(StandardCharsets.UTF_8);
    out.writeShort(c.length);
    out.write(c);
    out.writeInt(1);
    out.writeByte(kind);
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    out.writeShort(n.length);
    out.write(n);
    out.writeShort(0644);
    out.writeLong(size);
    out.writeLong(0); // modified: not known
    out.flush();
  }

  /** The receiver's answer starts with the same four bytes (version 2). */
  private static DataInputStream answer(Socket s) throws IOException {
    DataInputStream in = new DataInputStream(s.getInputStream());
    assertThat(new String(in.readNBytes(4), StandardCharsets.US_ASCII))
        .as("the receiver's magic")
        .isEqualTo("SKTX");
    return in;
  }

  private static String text(DataInputStream in) throws IOException {
    return new String(in.readNBytes(in.readUnsignedShort()), StandardCharsets.UTF_8);
  }

  private static Socket connect(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    s.setSoTimeout(30_000);
    return s;
  }

  private String refusal(Path dst, String name, int kind) throws Exception {
    try (Proc rx = receiver(dst)) {
      int port = rx.awaitListening();
      String reason;
      try (Socket s = connect(port)) {
        hello(new DataOutputStream(s.getOutputStream()), "", name, kind, 5);
        DataInputStream in = answer(s);
        assertThat(in.readUnsignedByte()).as("refused").isEqualTo(1);
        reason = text(in);
      }
      assertThat(rx.waitFor(WAIT)).isEqualTo(1);
      assertThat(rx.stderr()).contains(reason);
      return reason;
    }
  }

  @Test
  void namesThatEscapeTheFolderAreRefused() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path dst = Files.createDirectories(tmp.resolve("dst"));
    Files.createSymbolicLink(dst.resolve("link"), outside);
    assertThat(refusal(dst, "../x", 0)).contains("'..' component");
    assertThat(refusal(dst, "a/../../x", 0)).contains("'..' component");
    assertThat(refusal(dst, "/etc/x", 0)).contains("absolute path");
    assertThat(refusal(dst, "link/x", 0)).contains("symbolic link");
    assertThat(refusal(dst, "x", 7)).contains("only files and folders");
    assertThat(outside).isEmptyDirectory();
    try (Stream<Path> s = Files.list(dst)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("link");
    }
  }

  @Test
  void aCorruptedByteFailsTheTransferAndLeavesNoFile() throws Exception {
    byte[] data = new byte[300_000];
    new Random(4).nextBytes(data);
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(data);
    data[100_000] ^= 1;
    Path dst = tmp.resolve("dst");
    try (Proc rx = receiver(dst)) {
      int port = rx.awaitListening();
      try (Socket s = connect(port)) {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        hello(out, "", "report.pdf", 0, data.length);
        DataInputStream in = answer(s);
        assertThat(in.readUnsignedByte()).as("accepted").isZero();
        assertThat(in.readLong()).as("nothing held").isZero();
        in.readNBytes(32);
        out.writeLong(0);
        out.write(data);
        out.write(sha);
        out.flush();
        assertThat(in.readUnsignedByte()).as("file rejected").isEqualTo(1);
        assertThat(text(in)).contains("SHA-256 mismatch on 'report.pdf'");
      }
      assertThat(rx.waitFor(WAIT)).isEqualTo(1);
      assertThat(rx.stderr()).contains("SHA-256 mismatch", "nothing was kept");
    }
    try (Stream<Path> s = Files.list(dst)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void aWrongOrMissingCodeIsRefusedAndTheRightOneAccepted() throws Exception {
    Path file = Files.writeString(tmp.resolve("secret.txt"), "for your eyes only\n");
    Path dst = tmp.resolve("dst");
    Pattern codeLine = Pattern.compile("code: (\\S+)");
    try (Proc rx = receiver(dst, "--code")) {
      String code = rx.awaitStderr(codeLine, WAIT).group(1);
      int port = rx.awaitListening();
      try (Proc tx =
          Proc.sockit("send", "--code", code + "x", file.toString(), "127.0.0.1:" + port)) {
        assertThat(tx.waitFor(WAIT)).isEqualTo(1);
        assertThat(tx.stderr()).contains("wrong code");
      }
      assertThat(rx.waitFor(WAIT)).isEqualTo(1);
    }
    assertThat(dst.resolve("secret.txt")).doesNotExist();
    try (Proc rx = receiver(dst, "--code", "--keep")) {
      String code = rx.awaitStderr(codeLine, WAIT).group(1);
      int port = rx.awaitListening();
      try (Proc tx = Proc.sockit("send", file.toString(), "127.0.0.1:" + port)) {
        assertThat(tx.waitFor(WAIT)).isEqualTo(1);
        assertThat(tx.stderr()).contains("a code is required");
      }
      try (Proc tx = Proc.sockit("send", "--code", code, file.toString(), "127.0.0.1:" + port)) {
        assertThat(tx.waitFor(WAIT)).as(tx.stderr()).isZero();
      }
      rx.awaitStdout("received 1 file", WAIT);
      assertThat(rx.isAlive()).as("--keep stays").isTrue();
    }
    assertThat(Files.readString(dst.resolve("secret.txt"))).isEqualTo("for your eyes only\n");
  }

  /**
   * receive --keep --json: a failed transfer is an object in the stream too, between the summaries.
   */
  @Test
  void aKeptReceiverTellsOfAFailedTransferInItsJson() throws Exception {
    Path file =
        Files.writeString(
            Files.createDirectories(tmp.resolve("src")).resolve("notes.txt"), "new\n");
    Path dst = Files.createDirectories(tmp.resolve("dst"));
    Files.writeString(dst.resolve("notes.txt"), "old\n");
    try (Proc rx = receiver(dst, "--keep", "--json")) {
      int port = rx.awaitListening();
      try (Proc tx = Proc.sockit("send", file.toString(), "127.0.0.1:" + port)) {
        assertThat(tx.waitFor(WAIT)).isEqualTo(1);
      }
      rx.awaitStdout("\"ok\": false", WAIT);
      Files.delete(dst.resolve("notes.txt"));
      try (Proc tx = Proc.sockit("send", file.toString(), "127.0.0.1:" + port)) {
        assertThat(tx.waitFor(WAIT)).as(tx.stderr()).isZero();
      }
      rx.awaitStdout("\"ok\": true", WAIT);
      String out = rx.stdout();
      assertThat(out.indexOf("\"ok\": false")).isLessThan(out.indexOf("\"ok\": true"));
      assertThat(out)
          .contains("\"exit\": 1")
          .contains("exists here with other content")
          .contains("\"direction\": \"received\"");
      assertThat(rx.isAlive()).as("--keep stays").isTrue();
    }
  }

  @Test
  void anExistingFileIsReplacedOnlyWithOverwrite() throws Exception {
    Path file =
        Files.writeString(
            Files.createDirectories(tmp.resolve("src")).resolve("notes.txt"), "new\n");
    Path dst = Files.createDirectories(tmp.resolve("dst"));
    Files.writeString(dst.resolve("notes.txt"), "old\n");
    try (Proc rx = receiver(dst)) {
      int port = rx.awaitListening();
      try (Proc tx = Proc.sockit("send", file.toString(), "127.0.0.1:" + port)) {
        assertThat(tx.waitFor(WAIT)).isEqualTo(1);
        assertThat(tx.stderr())
            .contains("exists here with other content; receive with --overwrite");
      }
      assertThat(rx.waitFor(WAIT)).isEqualTo(1);
    }
    assertThat(Files.readString(dst.resolve("notes.txt"))).isEqualTo("old\n");
    try (Proc rx = receiver(dst, "--overwrite")) {
      int port = rx.awaitListening();
      try (Proc tx = Proc.sockit("send", file.toString(), "127.0.0.1:" + port)) {
        assertThat(tx.waitFor(WAIT)).as(tx.stderr()).isZero();
        assertThat(tx.stdout()).startsWith("sent 1 file, 0 folders, 4 B in ");
      }
      assertThat(rx.waitFor(WAIT)).isZero();
    }
    assertThat(Files.readString(dst.resolve("notes.txt"))).isEqualTo("new\n");
  }

  @Test
  void badInputExitsTwo() throws Exception {
    try (Proc tx = Proc.sockit("send", "--limit", "fast", "x", "127.0.0.1:1")) {
      assertThat(tx.waitFor(WAIT)).isEqualTo(2);
      assertThat(tx.stderr()).contains("'fast' is not a rate");
    }
    try (Proc tx = Proc.sockit("send", tmp.resolve("missing").toString(), "127.0.0.1:1")) {
      assertThat(tx.waitFor(WAIT)).isEqualTo(2);
      assertThat(tx.stderr().strip())
          .isEqualTo("sockit: '" + tmp.resolve("missing") + "': no such file or folder");
    }
    Path file = Files.writeString(tmp.resolve("f.txt"), "x");
    try (Proc tx = Proc.sockit("send", file.toString(), "[::1")) {
      assertThat(tx.waitFor(WAIT)).isEqualTo(2);
      assertThat(tx.stderr().strip())
          .isEqualTo("sockit: '[::1' is not [IPV6] or [IPV6]:PORT; write e.g. [::1] or [::1]:9919");
    }
  }
}
