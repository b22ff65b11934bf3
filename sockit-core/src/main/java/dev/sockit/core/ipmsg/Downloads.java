package dev.sockit.core.ipmsg;

import dev.sockit.core.net.Transport;
import dev.sockit.core.transfer.SafeFolder;
import dev.sockit.core.transfer.TransferException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches offered files and folders over TCP ({@code GETFILEDATA}, {@code GETDIRFILES}) with the
 * receiving rules of {@code sockit receive}: every name is checked ({@link SafeFolder}: no {@code
 * ..}, no absolute path, no link on the way), data goes to a hidden temporary name and gets its
 * final name only when complete, and nothing existing is replaced ({@code name (2)} instead).
 *
 * <p>A file resumes from its temporary file: the request asks for the rest from that offset. The
 * temporary name is tagged with a hash of who offered it and its name, size and time, so two
 * different files of one name never resume into each other. iptux ignores the offset and sends the
 * whole file, so from iptux (and from any peer that once did so) files start over; a peer that
 * sends more than the rest is detected and the file fetched again from the start.
 */
final class Downloads implements AutoCloseable {
  private static final int BUFFER = 256 * 1024;
  private static final int CONNECT_TIMEOUT_MS = 10_000;

  private final LanEngine engine;
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
  private final Set<String> ignoresOffsets = ConcurrentHashMap.newKeySet();

  Downloads(LanEngine engine) {
    this.engine = engine;
  }

  CompletableFuture<LanEvent.TransferFinished> start(Offer offer, Attachment a, Path folder) {
    CompletableFuture<LanEvent.TransferFinished> f = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("sockit-lan-download")
        .start(
            () -> {
              try {
                f.complete(
                    a.isFolder()
                        ? new FolderReceiver(this, offer, a, SafeFolder.open(folder)).run()
                        : file(offer, a, SafeFolder.open(folder), false));
              } catch (Throwable e) {
                f.completeExceptionally(e);
              }
            });
    return f;
  }

  LanEngine engine() {
    return engine;
  }

  private LanEvent.TransferFinished file(Offer offer, Attachment a, SafeFolder dir, boolean again)
      throws IOException {
    LanPeer from = offer.from();
    checkName(a, from);
    if (!a.isFile()) {
      throw new LanException(
          "cannot download '" + a.name() + "' from " + from.nick() + ": not a file or folder");
    }
    Path part = SafeFolder.partial(dir.resolve(a.name()), key(from, a));
    BasicFileAttributes held = attributes(part);
    if (held != null && !held.isRegularFile()) {
      throw new TransferException("refused: " + part + " exists and is not a regular file");
    }
    boolean resumable =
        !again && from.kind() != ClientKind.IPTUX && !ignoresOffsets.contains(from.id());
    long offset = held != null && resumable && held.size() <= a.size() ? held.size() : 0;
    LanTransfer t = transfer(offer, a, offset);
    engine.publish(new LanEvent.TransferStarted(Instant.now(), t));
    MessageDigest md = sha256();
    long moved = 0;
    boolean overrun = false;
    try (SocketChannel ch = connect(from.address());
        FileChannel out =
            FileChannel.open(
                part,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        Stall stall = new Stall(engine.timer(), engine.options().limits().idleTimeout(), ch)) {
      try {
        hashPrefix(out, offset, md);
        out.truncate(offset);
        out.position(offset);
        long command =
            IpmsgCommand.GETFILEDATA
                | (from.kind() == ClientKind.IPTUX ? IpmsgCommand.FILEATTACHOPT : 0);
        request(
            ch,
            command,
            hex(offer.packetNo()) + ":" + hex(a.fileId()) + ":" + hex(offset) + ":",
            from);
        moved = copy(ch, out, a.size() - offset, md, stall);
        overrun = offset > 0 && moreComes(ch);
        if (!overrun) {
          out.force(true);
        }
      } catch (IOException e) {
        String why =
            stall.fired()
                ? "nothing came from "
                    + from.nick()
                    + " for "
                    + engine.options().limits().idleTimeout().toSeconds()
                    + " s"
                : e.getMessage();
        String msg =
            "download of '"
                + a.name()
                + "' from "
                + from.nick()
                + " failed: "
                + why
                + "; "
                + kept(out, offset)
                + " of "
                + a.size()
                + " bytes kept, download again to resume";
        engine.publish(new LanEvent.TransferFailed(Instant.now(), t, msg));
        throw new LanException(msg, e);
      }
    }
    if (overrun) {
      ignoresOffsets.add(from.id());
      Files.deleteIfExists(part);
      engine.notice(
          from.nick()
              + " ignored the resume offset of '"
              + a.name()
              + "' and sent the whole file: fetching it again from the start");
      return file(offer, a, dir, true);
    }
    Path target = publish(dir, part, a.name(), a.mtime());
    String sha = HexFormat.of().formatHex(md.digest());
    engine.publish(new LanEvent.FileSaved(Instant.now(), t, target, a.size(), sha, offset));
    LanEvent.TransferFinished done =
        new LanEvent.TransferFinished(Instant.now(), t, moved, 1, target);
    engine.publish(done);
    return done;
  }

  /** How much of the file is in its temporary file now. */
  private static long kept(FileChannel out, long offset) {
    try {
      return out.position();
    } catch (IOException e) {
      return offset;
    }
  }

  /** Reads exactly {@code remaining} bytes into {@code out}, hashing them. */
  static long copy(SocketChannel ch, FileChannel out, long remaining, MessageDigest md, Stall stall)
      throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(BUFFER, Math.max(1, remaining)));
    long moved = 0;
    while (moved < remaining) {
      buf.clear().limit((int) Math.min(buf.capacity(), remaining - moved));
      int n = ch.read(buf);
      if (n < 0) {
        throw new IOException("the sender closed the connection early");
      }
      buf.flip();
      md.update(buf.array(), 0, n);
      while (buf.hasRemaining()) {
        out.write(buf);
      }
      moved += n;
      stall.moved();
    }
    return moved;
  }

  /** Whether the sender goes on sending after the bytes asked for (it ignored the offset). */
  private static boolean moreComes(SocketChannel ch) throws IOException {
    ch.socket().setSoTimeout(1000);
    InputStream in = ch.socket().getInputStream();
    try {
      return in.read() >= 0;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  private static void hashPrefix(FileChannel in, long length, MessageDigest md) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(BUFFER, Math.max(1, length)));
    long pos = 0;
    while (pos < length) {
      buf.clear().limit((int) Math.min(buf.capacity(), length - pos));
      int n = in.read(buf, pos);
      if (n < 0) {
        throw new IOException("the partial file became shorter while it was read");
      }
      md.update(buf.array(), 0, n);
      pos += n;
    }
  }

  /** Moves a finished temporary file or folder to the first free name; sets its time. */
  static Path publish(SafeFolder dir, Path part, String name, long mtime) throws IOException {
    for (int attempt = 0; attempt < 5; attempt++) {
      String free = SafeFolder.freeName(dir.root(), name, n -> false);
      if (free == null) {
        throw new TransferException("refused '" + name + "': 999 files of that name exist here");
      }
      Path target = dir.resolve(free);
      try {
        SafeFolder.publish(part, target);
        if (mtime > 0) {
          Files.setLastModifiedTime(target, FileTime.fromMillis(mtime * 1000));
        }
        return target;
      } catch (FileAlreadyExistsException e) {
        // taken meanwhile: the next free name
      }
    }
    throw new TransferException("could not find a free name for '" + name + "'");
  }

  void checkName(Attachment a, LanPeer from) throws TransferException {
    String problem = SafeFolder.componentProblem(a.name());
    if (problem != null) {
      String msg =
          "refused '" + IpmsgText.printable(a.name()) + "' from " + from.nick() + ": " + problem;
      engine.notice(msg);
      throw new TransferException(msg);
    }
  }

  LanTransfer transfer(Offer offer, Attachment a, long offset) {
    return new LanTransfer(
        FileServer.nextTransferId(),
        LanEvent.Direction.IN,
        offer.from().address(),
        offer.from().nick(),
        a.name(),
        a.isFolder(),
        a.size(),
        offset);
  }

  SocketChannel connect(InetSocketAddress to) throws IOException {
    open.removeIf(c -> !c.isOpen());
    SocketChannel ch = SocketChannel.open();
    open.add(ch);
    try {
      ch.socket().connect(to, CONNECT_TIMEOUT_MS);
      return ch;
    } catch (IOException e) {
      open.remove(ch);
      ch.close();
      throw new IOException(
          "cannot connect to "
              + to.getAddress().getHostAddress()
              + ":"
              + to.getPort()
              + " for the file: "
              + e.getMessage(),
          e);
    }
  }

  /** Sends a request packet over the connection and publishes it. */
  void request(SocketChannel ch, long command, String extra, LanPeer to) throws IOException {
    Charset cs = to.sendCharset(engine.options().legacy());
    IpmsgPacket p =
        engine.outbox().packet(command, (extra + "\0").getBytes(StandardCharsets.US_ASCII), cs);
    byte[] raw = p.encode();
    ByteBuffer buf = ByteBuffer.wrap(raw);
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
    engine.publish(
        new LanEvent.Packet(
            Instant.now(),
            LanEvent.Direction.OUT,
            Transport.TCP,
            to.address(),
            raw,
            p,
            IpmsgBody.of(p, null, engine.options().legacy()),
            null));
  }

  static String hex(long n) {
    return Long.toHexString(n);
  }

  /** The tag of a file's temporary name: who offered it, its name, size and time. */
  static String key(LanPeer from, Attachment a) {
    MessageDigest md = sha256();
    String id =
        from.user()
            + "@"
            + from.host()
            + "\0"
            + a.name()
            + "\0"
            + a.size()
            + "\0"
            + a.mtime()
            + "\0"
            + a.type();
    byte[] h = md.digest(id.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(h, 0, 5);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }

  static BasicFileAttributes attributes(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    for (SocketChannel ch : open) {
      try {
        ch.close();
      } catch (IOException e) {
        System.getLogger(Downloads.class.getName())
            .log(System.Logger.Level.DEBUG, "closing a download failed", e);
      }
    }
    open.clear();
  }
}
