package dev.sockit.core.transfer;

import dev.sockit.core.address.SocketAddresses;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Listens for senders and writes what they send into one folder.
 *
 * <p>Per connection: read the hello (magic, version, code, manifest); refuse with a reason on a
 * wrong code or any unsafe entry, before anything is written; otherwise answer with what is already
 * held of each file (length and SHA-256 of the partial file, or of the file itself when one of the
 * same size is there and no partial: kept if the sender's SHA-256 matches, refused at its end
 * without {@code --overwrite} if not). Then each file arrives as its start offset, its bytes and
 * the SHA-256 of the whole file; the partial file is renamed to its final name only when the
 * SHA-256 matches, and deleted when it does not.
 *
 * <p>Large files are written with {@code O_DIRECT} where the file system allows it: the bytes go
 * from the receive buffers to the disk without a copy into the page cache (and without evicting
 * what is cached there), and every file is flushed to the disk before it is renamed, so a crash
 * never leaves a file under its final name whose data is not all there.
 */
public final class FileReceiver implements AutoCloseable {
  /** Block alignment of O_DIRECT writes (Linux file systems ask for at most the page size). */
  static final int ALIGNMENT = 4096;

  /** Files smaller than this go through the page cache: O_DIRECT pays off on bulk data only. */
  static final long DIRECT_MIN = 8L << 20;

  /** Receive buffers per session (of {@link Wire#RECEIVE_CHUNK} each). */
  private static final int RECEIVE_BUFFERS = 16;

  private final ServerSocketChannel server;
  private final ReceiveOptions options;
  private final TargetFolder folder;

  private FileReceiver(ServerSocketChannel server, ReceiveOptions options, TargetFolder folder) {
    this.server = server;
    this.options = options;
    this.folder = folder;
  }

  /**
   * Binds the listening socket and prepares the target folder.
   *
   * @param options where to listen and write
   * @return a receiver, listening
   * @throws IOException if the port cannot be bound or the folder created
   * @throws NullPointerException if {@code options} is null
   */
  public static FileReceiver bind(ReceiveOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    ServerSocketChannel server = ServerSocketChannel.open();
    try {
      // the port first: a receiver that cannot listen leaves no folder behind
      server.bind(new InetSocketAddress(options.bindAddress(), options.port()));
      return new FileReceiver(
          server, options, new TargetFolder(options.dir(), options.overwrite()));
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /**
   * The address actually bound (with the real port when 0 was asked).
   *
   * @return the local address
   * @throws IOException if the socket is closed
   */
  public InetSocketAddress localAddress() throws IOException {
    return (InetSocketAddress) server.getLocalAddress();
  }

  /**
   * The port actually bound.
   *
   * @return the port
   * @throws IOException if the socket is closed
   */
  public int port() throws IOException {
    return localAddress().getPort();
  }

  /**
   * The folder files go to, as a real path.
   *
   * @return the folder
   */
  public Path folder() {
    return folder.root();
  }

  /**
   * Accepts one sender and receives its whole transfer.
   *
   * @param progress told as bytes arrive
   * @return what was received
   * @throws TransferException if the transfer was refused or a checksum did not match
   * @throws IOException if the connection failed (partial files are kept for resuming)
   */
  public TransferSummary receiveOne(TransferProgress progress) throws IOException {
    Objects.requireNonNull(progress, "progress");
    try (SocketChannel ch = server.accept()) {
      ch.socket().setReceiveBufferSize(4 << 20);
      ch.socket().setTcpNoDelay(true); // its small answers (file OK) must not wait for Nagle either
      String peer = SocketAddresses.format(ch.getRemoteAddress());
      Wire wire = new Wire(ch);
      java.util.concurrent.atomic.AtomicLong local = new java.util.concurrent.atomic.AtomicLong();
      // Progress is bytes received, bytes this side hashed, and time granted while the sender
      // checks a long prefix.
      Watchdog watchdog =
          Watchdog.watch(ch, options.idleTimeout(), () -> wire.received() + local.get());
      try {
        return new Session(wire, peer, progress, local).run();
      } catch (EOFException e) {
        throw new EOFException(
            "sender "
                + peer
                + " stopped mid-transfer; partial data is kept in "
                + folder.root()
                + ", send again to resume");
      } catch (IOException e) {
        if (watchdog != null && watchdog.fired()) {
          throw new TransferException(
              "nothing from sender "
                  + peer
                  + " for "
                  + options.idleTimeout().toSeconds()
                  + " s; gave up; partial data is kept in "
                  + folder.root()
                  + ", send again to resume");
        }
        throw e;
      } finally {
        if (watchdog != null) {
          watchdog.close();
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  /** One sender's transfer. */
  private final class Session {
    private final Wire wire;
    private final String peer;
    private final TransferProgress progress;
    private final long started = System.nanoTime();
    private List<ByteBuffer> buffers;

    /** The final path of each entry, as the check before the transfer resolved it. */
    private List<Path> targets;

    private long done;
    private long total;
    private long moved;
    private long resumed;

    /**
     * Work on this side the idle watchdog counts as progress (hashing held files, waiting out a
     * sender's check).
     */
    private final java.util.concurrent.atomic.AtomicLong local;

    Session(
        Wire wire,
        String peer,
        TransferProgress progress,
        java.util.concurrent.atomic.AtomicLong local) {
      this.local = local;
      this.wire = wire;
      this.peer = peer;
      this.progress = progress;
    }

    TransferSummary run() throws IOException {
      List<TransferEntry> entries = hello();
      List<TargetFolder.Resume> states = new ArrayList<>();
      Wire.Frame answer = new Wire.Frame().bytes(Wire.MAGIC).u8(Wire.ACCEPT);
      int folders = 0;
      for (int i = 0; i < entries.size(); i++) {
        TransferEntry e = entries.get(i);
        if (e.folder()) {
          folders++;
          continue;
        }
        total += e.size();
        TargetFolder.Resume r = TargetFolder.resume(targets.get(i), e.size(), local);
        states.add(r);
        answer.u64(r.offset()).bytes(r.offset() == 0 ? new byte[Wire.HASH_BYTES] : r.prefixHash());
      }
      wire.write(answer.done());
      List<TransferSummary.FileResult> results = new ArrayList<>();
      java.util.Set<Path> folderMade = new java.util.HashSet<>();
      int file = 0;
      for (TransferEntry e : entries) {
        Path target =
            folder.resolve(
                e.name()); // again, just before writing: no link has appeared on the way since
        if (e.folder()) {
          folder.createFolder(target);
          folderMade.add(target);
        } else {
          if (folderMade.add(target.getParent())) { // once per folder, not once per file in it
            folder.createFolder(target.getParent());
          }
          results.add(receiveFile(e, target, states.get(file++)));
        }
      }
      for (int i = entries.size() - 1; i >= 0; i--) {
        if (entries.get(i).folder()) {
          Path dir = folder.resolve(entries.get(i).name());
          TargetFolder.applyTime(
              dir, entries.get(i).modified()); // last: writing into a folder changes its time
          TargetFolder.applyMode(dir, entries.get(i).mode());
        }
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      return new TransferSummary(peer, results, folders, total, moved, resumed, elapsed, List.of());
    }

    private List<TransferEntry> hello() throws IOException {
      byte[] magic = wire.bytes(Wire.MAGIC.length);
      if (!MessageDigest.isEqual(magic, Wire.MAGIC)) {
        throw new TransferException(peer + " is not a sockit sender (no SKTX greeting); closed");
      }
      int version = wire.u16();
      if (version != Wire.VERSION) {
        throw refuse(
            "protocol version "
                + version
                + " is not supported (this receiver speaks "
                + Wire.VERSION
                + ")");
      }
      String code = wire.text();
      List<TransferEntry> entries;
      try {
        entries = wire.manifest();
      } catch (TransferException e) {
        throw refuse(e.getMessage());
      }
      String wanted = options.code();
      if (wanted != null
          && !MessageDigest.isEqual(
              code.getBytes(StandardCharsets.UTF_8), wanted.getBytes(StandardCharsets.UTF_8))) {
        throw refuse(code.isEmpty() ? "a code is required; send with --code CODE" : "wrong code");
      }
      try {
        targets = folder.check(entries);
      } catch (TransferException e) {
        throw refuse(e.getMessage());
      }
      return entries;
    }

    private TransferException refuse(String reason) throws IOException {
      wire.write(new Wire.Frame().bytes(Wire.MAGIC).u8(Wire.REFUSE).text(reason).done());
      return new TransferException("refused " + peer + ": " + reason);
    }

    private TransferSummary.FileResult receiveFile(
        TransferEntry e, Path target, TargetFolder.Resume r) throws IOException {
      long start = awaitStart(r.offset());
      if (start != 0 && start != r.offset()) {
        throw new TransferException(
            peer
                + " wants to resume '"
                + e.name()
                + "' at "
                + start
                + " but "
                + r.offset()
                + " bytes are held");
      }
      if (r.whole() && start == e.size()) {
        return keepWhole(e, target, r);
      }
      MessageDigest digest = start == 0 ? Wire.sha256() : r.digest();
      Path part = TargetFolder.partial(target);
      done += start;
      resumed += start;
      long size = e.size() - start;
      FileChannel direct =
          size >= DIRECT_MIN && start % ALIGNMENT == 0 ? openDirect(part, start) : null;
      try (FileChannel out =
          direct != null
              ? direct
              : FileChannel.open(
                  part,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  LinkOption.NOFOLLOW_LINKS)) {
        out.truncate(start);
        out.position(start);
        copy(out, size, digest, direct != null ? ALIGNMENT : 0);
        if (options.sync()) {
          out.force(true); // on the disk before it gets its final name
        }
      }
      byte[] claimed = wire.bytes(Wire.HASH_BYTES);
      byte[] actual = digest.digest();
      if (!MessageDigest.isEqual(claimed, actual)) {
        Files.deleteIfExists(part);
        String why =
            "SHA-256 mismatch on '"
                + e.name()
                + "': the sender said "
                + Wire.hex(claimed)
                + ", the data is "
                + Wire.hex(actual)
                + "; nothing was kept";
        answerBad(why);
        throw new TransferException(why);
      }
      if (!options.overwrite() && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        // a file of the same size was here and the sender's SHA-256 differs from it
        Files.deleteIfExists(part);
        String why =
            "'"
                + e.name()
                + "' exists here with other content; receive with --overwrite to replace it";
        answerBad(why);
        throw new TransferException("refused " + why);
      }
      TargetFolder.applyTime(part, e.modified());
      TargetFolder.applyMode(part, e.mode());
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      answerOk();
      return new TransferSummary.FileResult(e.name(), e.size(), Wire.hex(actual), start);
    }

    /**
     * The file's start offset. When bytes were offered, the sender first hashes as many of its own
     * (at disk speed, which may be slow): meanwhile a ticker keeps the idle watchdog quiet, for as
     * long as hashing the offer at 20 MB/s would take.
     */
    private long awaitStart(long offered) throws IOException {
      if (offered == 0) {
        return wire.u64();
      }
      try (Watchdog.Grace g = Watchdog.whileHashing(local, offered)) {
        return wire.u64();
      }
    }

    /** Tells the sender its file is here under its final name. */
    private void answerOk() throws IOException {
      wire.write(new Wire.Frame().u8(Wire.FILE_OK).text("").done());
    }

    /** Tells the sender its file was not kept, and why; the transfer ends after it. */
    private void answerBad(String why) throws IOException {
      wire.write(new Wire.Frame().u8(Wire.FILE_BAD).text(why).done());
    }

    /** A file already here whole, whose SHA-256 the sender matched: kept as it is, its mode set. */
    private TransferSummary.FileResult keepWhole(
        TransferEntry e, Path target, TargetFolder.Resume r) throws IOException {
      byte[] claimed = wire.bytes(Wire.HASH_BYTES);
      if (!MessageDigest.isEqual(
          claimed, r.prefixHash())) { // the sender changed between its check and its hash
        String why = "'" + e.name() + "' changed on the sender during the transfer; send again";
        answerBad(why);
        throw new TransferException(why);
      }
      try {
        TargetFolder.keepTime(target, e.modified());
        TargetFolder.applyMode(target, e.mode());
      } catch (IOException notOurs) {
        // the same bytes are here; a file this user may not chmod or touch (another owner) is kept
        // as it is
      }
      done += e.size();
      resumed += e.size();
      progress.update(done, total);
      answerOk();
      return new TransferSummary.FileResult(e.name(), e.size(), Wire.hex(claimed), e.size());
    }

    /**
     * Four buffers of {@link Wire#RECEIVE_CHUNK}, made on the first file that needs them and kept
     * for the session.
     */
    private List<ByteBuffer> buffers() {
      if (buffers == null) {
        List<ByteBuffer> list = new ArrayList<>();
        for (int i = 0; i < RECEIVE_BUFFERS; i++) {
          // Aligned for O_DIRECT; the writer sends out as many full ones as are queued in one go.
          list.add(
              ByteBuffer.allocateDirect(Wire.RECEIVE_CHUNK + ALIGNMENT).alignedSlice(ALIGNMENT));
        }
        buffers = List.copyOf(list);
      }
      return buffers;
    }

    private void copy(FileChannel out, long remaining, MessageDigest digest, int alignment)
        throws IOException {
      if (remaining == 0) {
        return;
      }
      if (alignment == 0 && remaining <= Wire.RECEIVE_CHUNK) {
        copySmall(out, (int) remaining, digest);
        return;
      }
      try (BackgroundWriter writer = new BackgroundWriter(out, digest, buffers(), alignment)) {
        while (remaining > 0) {
          ByteBuffer buf = writer.take();
          buf.limit((int) Math.min(buf.capacity(), remaining));
          IOException stopped = fill(buf);
          int n = buf.flip().remaining();
          writer.submit(buf);
          remaining -= n;
          count(n);
          if (stopped != null) {
            throw stopped; // closing the writer (try-with-resources) first writes every byte that
            // arrived
          }
        }
      }
    }

    /**
     * A file that fits one buffer: read, hashed and written on this thread. Handing it to the
     * hashing and writing threads would cost more than the work (two threads started per file,
     * which showed in folders of many small files).
     */
    private void copySmall(FileChannel out, int remaining, MessageDigest digest)
        throws IOException {
      ByteBuffer buf = buffers().get(0).clear().limit(remaining);
      IOException stopped = fill(buf);
      int n = buf.flip().remaining();
      digest.update(buf.duplicate());
      while (buf.hasRemaining()) {
        out.write(buf);
      }
      count(n);
      if (stopped != null) {
        throw stopped; // after writing every byte that arrived
      }
    }

    /**
     * Reads into {@code buf} until it is full; what stopped it short: the sender's close, a failure
     * (a reset, the idle watchdog's close), or null. What arrived before either is in {@code buf}.
     */
    private IOException fill(ByteBuffer buf) {
      while (buf.hasRemaining()) {
        try {
          if (wire.read(buf) < 0) {
            return new EOFException("the sender closed the connection mid-file");
          }
        } catch (IOException e) {
          return e;
        }
      }
      return null;
    }

    private void count(int n) {
      moved += n;
      done += n;
      progress.update(done, total);
    }
  }

  /**
   * The partial file opened for O_DIRECT writes from {@code start} (a multiple of {@link
   * #ALIGNMENT}), or {@code null} where the file system refuses them (tmpfs, some network and FUSE
   * file systems, a block size that does not divide {@link #ALIGNMENT}): one aligned block is
   * written and cut off again, so a file system that opens with O_DIRECT but rejects the writes
   * falls back too.
   */
  static FileChannel openDirect(Path part, long start) {
    FileChannel ch = null;
    try {
      if (ALIGNMENT % Files.getFileStore(part.toAbsolutePath().getParent()).getBlockSize() != 0) {
        return null;
      }
      ch =
          FileChannel.open(
              part,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS,
              com.sun.nio.file.ExtendedOpenOption.DIRECT);
      ByteBuffer probe = ByteBuffer.allocateDirect(2 * ALIGNMENT).alignedSlice(ALIGNMENT);
      probe.limit(ALIGNMENT);
      ch.truncate(start);
      while (probe.hasRemaining()) {
        ch.write(probe, start + probe.position());
      }
      ch.truncate(start);
      return ch;
    } catch (IOException | UnsupportedOperationException e) {
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // the buffered path opens the file again
        }
      }
      return null;
    }
  }
}
