package dev.sockit.core.transfer;

import dev.sockit.core.address.SocketAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Sends files and folders to a {@link FileReceiver}.
 *
 * <p>The file bytes go with {@link FileChannel#transferTo} (sendfile(2) on Linux), while a virtual
 * thread reads the same file to compute its SHA-256, sent after the bytes. When the receiver
 * already holds a prefix of a file, the sender hashes its own prefix and skips those bytes only if
 * the hashes agree; otherwise it sends the whole file again.
 */
public final class FileSender {
  /**
   * Bytes per sendfile call, at most: the idle watchdog sees progress between calls, so each call
   * must end well within it. Calls start at {@link #FIRST_CHUNK} and grow while they are quick,
   * shrink while they are slow (a slow link).
   */
  private static final long SEND_CHUNK = 16L << 20;

  private static final long FIRST_CHUNK = 1L << 20;
  private static final long MIN_CHUNK = 64L << 10;

  /**
   * Files up to this size go out in one write, hashed on the sending thread (see {@code
   * Run.small}).
   */
  static final int SMALL = 64 << 10;

  /** Bytes of the file mapped at a time for hashing. */
  private static final long MAP_WINDOW = 64L << 20;

  /** Bytes copied from the mapping and hashed at a time (stays in the CPU cache). */
  private static final int HASH_CHUNK = 64 << 10;

  private FileSender() {}

  /**
   * Connects, offers the manifest and sends every file.
   *
   * @param options what to send and where
   * @param progress told as bytes leave
   * @return what was sent
   * @throws TransferException if the receiver refused, or found a checksum mismatch
   * @throws IOException if a file cannot be read or the connection fails
   * @throws IllegalArgumentException if two sources share a name
   */
  public static TransferSummary send(SendOptions options, TransferProgress progress)
      throws IOException {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(progress, "progress");
    SourceTree tree = SourceTree.scan(options.paths());
    long started = System.nanoTime();
    try (SocketChannel ch = connect(options)) {
      String peer = SocketAddresses.format(ch.getRemoteAddress());
      Wire wire = new Wire(ch);
      java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
      // A receiver that stops reading (frozen, gone without a FIN) would hold a write for ever.
      Watchdog watchdog =
          Watchdog.watch(ch, options.idleTimeout(), () -> wire.received() + written.get());
      try {
        return transfer(options, progress, tree, wire, peer, written, started);
      } catch (IOException e) {
        if (watchdog != null && watchdog.fired()) {
          long ms = options.idleTimeout().toMillis();
          throw new TransferException(
              "nothing moved to or from "
                  + peer
                  + " for "
                  + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms")
                  + "; gave up (send again to resume)");
        }
        throw e;
      } finally {
        if (watchdog != null) {
          watchdog.close();
        }
      }
    }
  }

  /** The hello, the receiver's answer, then every file in manifest order. */
  private static TransferSummary transfer(
      SendOptions options,
      TransferProgress progress,
      SourceTree tree,
      Wire wire,
      String peer,
      java.util.concurrent.atomic.AtomicLong written,
      long started)
      throws IOException {
    Wire.Frame hello =
        new Wire.Frame()
            .bytes(Wire.MAGIC)
            .u16(Wire.VERSION)
            .text(options.code() == null ? "" : options.code());
    Wire.putManifest(hello, tree.entries());
    wire.write(hello.done());
    // The receiver hashes the files it already holds before it answers: give it the time that
    // takes before the idle watchdog may count the silence.
    long held = tree.entries().stream().mapToLong(TransferEntry::size).sum();
    byte[] magic;
    try (Watchdog.Grace g = Watchdog.whileHashing(written, held)) {
      magic = wire.bytes(Wire.MAGIC.length);
    }
    if (!MessageDigest.isEqual(magic, Wire.MAGIC)) {
      if (magic[0]
          == Wire.REFUSE) { // a version-1 receiver's refusal: u8 1, then its reason as text
        int length = ((magic[1] & 0xff) << 8) | (magic[2] & 0xff);
        if (length > 0 && length < 4096) {
          byte[] rest = wire.bytes(length - 1);
          String reason =
              new String(new byte[] {magic[3]}, java.nio.charset.StandardCharsets.UTF_8)
                  + new String(rest, java.nio.charset.StandardCharsets.UTF_8);
          throw new TransferException(
              "refused by "
                  + peer
                  + ": "
                  + reason
                  + " (that receiver is an older sockit; use the same version on both sides)");
        }
      }
      throw new TransferException(
          peer
              + " is not a sockit receiver (it answered '"
              + dev.sockit.core.codec.HexDump.printable(magic, magic.length)
              + "'); is 'sockit receive' running on that port?");
    }
    if (wire.u8() != Wire.ACCEPT) {
      throw new TransferException("refused by " + peer + ": " + wire.text());
    }
    long total = 0;
    List<Long> offers = new ArrayList<>();
    List<byte[]> prefixes = new ArrayList<>();
    for (SourceTree.Item item : tree.items) {
      if (!item.entry().folder()) {
        total += item.entry().size();
        offers.add(wire.u64());
        prefixes.add(wire.bytes(Wire.HASH_BYTES));
      }
    }
    Run run = new Run(wire, options.limit(), progress, total, written);
    List<TransferSummary.FileResult> results = new ArrayList<>();
    int folders = 0;
    int f = 0;
    List<String> files =
        tree.items.stream().filter(i -> !i.entry().folder()).map(i -> i.entry().name()).toList();
    try (Verdicts verdicts = new Verdicts(wire, files)) {
      try {
        for (SourceTree.Item item : tree.items) {
          if (item.entry().folder()) {
            folders++;
          } else {
            results.add(run.file(item, offers.get(f), prefixes.get(f)));
            f++;
            verdicts.check();
          }
        }
      } catch (IOException e) {
        verdicts.throwFailureInsteadOf(e);
      }
      verdicts.awaitAll();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    return new TransferSummary(
        peer, results, folders, total, run.moved, run.resumed, elapsed, tree.skipped);
  }

  private static SocketChannel connect(SendOptions o) throws IOException {
    IOException last = null;
    for (InetAddress a : InetAddress.getAllByName(o.host())) {
      SocketChannel ch = SocketChannel.open();
      try {
        ch.socket().setSendBufferSize(4 << 20);
        // Each file ends with a small frame (its SHA-256) that waits for an answer: with Nagle's
        // algorithm and the peer's delayed ACK, that cost ~40 ms a file (2,000 small files: 88 s).
        ch.socket().setTcpNoDelay(true);
        ch.socket()
            .connect(
                new InetSocketAddress(a, o.port()),
                (int) Math.min(Integer.MAX_VALUE, o.connectTimeout().toMillis()));
        return ch;
      } catch (IOException e) {
        ch.close();
        IOException named =
            new IOException(
                "cannot connect to "
                    + a.getHostAddress()
                    + " port "
                    + o.port()
                    + ": "
                    + e.getMessage()
                    + " (is 'sockit receive' running there?)",
                e);
        if (last != null) {
          named.addSuppressed(last);
        }
        last = named;
      }
    }
    throw last == null ? new IOException("no address for " + o.host()) : last;
  }

  /**
   * The receiver's verdicts (one per file, in order), read on a thread of their own, so that the
   * next file goes out while the receiver checks, writes and renames the one before: waiting for
   * each verdict cost a round trip and the receiver's work per file (2,000 small files: ~0.7 ms
   * each). The receiver stops at the first file it rejects; its reason is what the sender reports,
   * even when the send fails first because the receiver has closed the connection.
   */
  private static final class Verdicts implements AutoCloseable {
    private final CompletableFuture<Void> all = new CompletableFuture<>();
    private final Thread reader;
    private volatile IOException failure;

    /**
     * Reads the verdicts on {@code files} (their names, in the order they are sent), on a platform
     * thread: a virtual thread's blocking read goes through the JDK's poller (epoll and a wake-up
     * per verdict), which cost a folder of small files ~10 futex calls a file.
     */
    Verdicts(Wire wire, List<String> files) {
      reader =
          Thread.ofPlatform()
              .daemon()
              .name("sockit-verdicts")
              .start(
                  () -> {
                    try {
                      for (String name : files) {
                        int verdict = wire.u8();
                        String why = wire.text();
                        if (verdict != Wire.FILE_OK) {
                          throw new TransferException(
                              "the receiver rejected '" + name + "': " + why);
                        }
                      }
                      all.complete(null);
                    } catch (IOException e) {
                      IOException said = e;
                      if (e instanceof java.net.SocketException
                          && String.valueOf(e.getMessage()).contains("reset")) {
                        // a receiver that closes with our data unread resets the connection:
                        // whether this read
                        // or the sending thread's write learns it first is chance; either way the
                        // receiver closed
                        said =
                            new java.io.EOFException(
                                "the peer closed the connection mid-transfer (it reset it)");
                        said.initCause(e);
                      }
                      failure = said;
                      all.completeExceptionally(said);
                    }
                  });
    }

    /** Stops sending once the receiver has rejected a file (it has stopped reading). */
    void check() throws IOException {
      IOException f = failure;
      if (f != null) {
        throw f;
      }
    }

    /**
     * A send that failed because the receiver gave up: what the verdict reader learned (the
     * receiver's refusal, already in this side's socket buffer, or that it closed), else {@code e}.
     */
    void throwFailureInsteadOf(IOException e) throws IOException {
      if (failure == null) {
        try {
          all.get(250, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException ignored) {
          // a failure is read below, or there is none to tell
        }
      }
      IOException f = failure;
      if (f != null
          && f != e) { // the receiver's reason (a refusal, or its close) says more than our failed
        // write
        f.addSuppressed(e);
        throw f;
      }
      throw e;
    }

    /** Waits for every verdict; throws the first rejection or the connection's failure. */
    void awaitAll() throws IOException {
      try {
        all.get();
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException(
            "interrupted while waiting for the receiver's verdicts");
      } catch (ExecutionException ex) {
        throw ex.getCause() instanceof IOException io ? io : new IOException(ex.getCause());
      }
    }

    /**
     * Ends the reader if the send stopped early (it would wait for the next verdict for ever):
     * interrupting a read on the socket closes it, which ends a transfer that has failed anyway.
     */
    @Override
    public void close() {
      if (!all.isDone()) {
        reader.interrupt();
      }
    }
  }

  /** The state of one sending run. */
  private static final class Run {
    private final Wire wire;
    private final long limit;
    private final TransferProgress progress;
    private final long total;
    private final long started = System.nanoTime();
    private long done;
    private long moved;
    private long resumed;

    /** Bytes handed to the socket so far, for the idle watchdog. */
    private final java.util.concurrent.atomic.AtomicLong written;

    Run(
        Wire wire,
        long limit,
        TransferProgress progress,
        long total,
        java.util.concurrent.atomic.AtomicLong written) {
      this.written = written;
      this.wire = wire;
      this.limit = limit;
      this.progress = progress;
      this.total = total;
    }

    TransferSummary.FileResult file(SourceTree.Item item, long offered, byte[] offeredPrefix)
        throws IOException {
      TransferEntry e = item.entry();
      try (FileChannel in = FileChannel.open(item.source(), StandardOpenOption.READ)) {
        MessageDigest digest = Wire.sha256();
        long start = 0;
        if (offered > 0 && offered <= e.size()) {
          hash(in, digest, 0, offered);
          written.addAndGet(offered); // local work: the watchdog counts it as progress
          if (MessageDigest.isEqual(TargetFolder.clone(digest).digest(), offeredPrefix)) {
            start = offered;
          } else {
            digest.reset();
          }
        }
        done += start;
        resumed += start;
        if (limit <= 0 && e.size() - start <= SMALL) {
          return small(in, digest, start, e);
        }
        wire.write(new Wire.Frame().u64(start).done());
        final long from = start;
        CompletableFuture<byte[]> hashing = new CompletableFuture<>();
        Thread.ofVirtual()
            .name("sockit-hash")
            .start(
                () -> {
                  try (FileChannel again =
                      FileChannel.open(item.source(), StandardOpenOption.READ)) {
                    hash(again, digest, from, e.size());
                    hashing.complete(digest.digest());
                  } catch (Throwable t) {
                    hashing.completeExceptionally(t);
                  }
                });
        send(in, start, e);
        byte[] sha = await(hashing, e);
        wire.write(ByteBuffer.wrap(sha));
        // The receiver's verdict on this file is read by Verdicts while the next file goes out.
        return new TransferSummary.FileResult(e.name(), e.size(), Wire.hex(sha), start);
      }
    }

    /**
     * A file that fits {@link #SMALL}: read once, hashed and sent in one write with its start and
     * its SHA-256, on this thread. A hashing thread, a mapping and sendfile per file cost more than
     * the file (a folder of 2,000 one-line files).
     */
    private TransferSummary.FileResult small(
        FileChannel in, MessageDigest digest, long start, TransferEntry e) throws IOException {
      int size = (int) (e.size() - start);
      ByteBuffer data = ByteBuffer.allocate(size);
      while (data.hasRemaining()) {
        if (in.read(data, start + data.position()) < 0) {
          throw new IOException(
              "'"
                  + e.name()
                  + "' shrank to "
                  + in.size()
                  + " bytes while being sent ("
                  + e.size()
                  + " were announced)");
        }
      }
      digest.update(data.array());
      byte[] sha = digest.digest();
      wire.write(
          new Wire.Frame(8 + size + sha.length).u64(start).bytes(data.array()).bytes(sha).done());
      moved += size;
      done += size;
      written.addAndGet(size);
      progress.update(done, total);
      return new TransferSummary.FileResult(e.name(), e.size(), Wire.hex(sha), start);
    }

    private void send(FileChannel in, long pos, TransferEntry e) throws IOException {
      SocketChannel out = wire.channel();
      long end = e.size();
      long chunk = limit > 0 ? Math.max(16 * 1024, limit / 20) : FIRST_CHUNK;
      while (pos < end) {
        long t0 = System.nanoTime();
        long n = in.transferTo(pos, Math.min(chunk, end - pos), out);
        long took = System.nanoTime() - t0;
        if (limit <= 0) {
          chunk =
              took < 100_000_000L
                  ? Math.min(chunk * 2, SEND_CHUNK)
                  : took > 1_000_000_000L ? Math.max(chunk / 2, MIN_CHUNK) : chunk;
        }
        if (n <= 0 && pos >= in.size()) {
          throw new IOException(
              "'"
                  + e.name()
                  + "' shrank to "
                  + in.size()
                  + " bytes while being sent ("
                  + end
                  + " were announced)");
        }
        pos += n;
        moved += n;
        done += n;
        written.addAndGet(n);
        progress.update(done, total);
        pace();
      }
    }

    private void pace() throws IOException {
      if (limit <= 0) {
        return;
      }
      long due = started + (long) (moved * 1e9 / limit);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        try {
          Thread.sleep(Duration.ofNanos(wait));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while pacing the transfer");
        }
      }
    }

    private static byte[] await(CompletableFuture<byte[]> hashing, TransferEntry e)
        throws IOException {
      try {
        return hashing.get();
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while hashing '" + e.name() + "'");
      } catch (ExecutionException ex) {
        throw ex.getCause() instanceof IOException io
            ? io
            : new IOException("cannot hash '" + e.name() + "': " + ex.getCause(), ex.getCause());
      }
    }
  }

  /**
   * Feeds bytes [from, to) of {@code in} into {@code digest}, read through a memory mapping: the
   * digest copies straight from the page cache, one copy fewer than read(2) into a buffer.
   */
  static void hash(FileChannel in, MessageDigest digest, long from, long to) throws IOException {
    byte[] chunk = new byte[HASH_CHUNK];
    long pos = from;
    try {
      while (pos < to) {
        if (in.size() < to) {
          throw new IOException("file shrank while being read");
        }
        long window = Math.min(MAP_WINDOW, to - pos);
        MappedByteBuffer m;
        try {
          m = in.map(FileChannel.MapMode.READ_ONLY, pos, window);
        } catch (IOException | UnsupportedOperationException e) {
          hashByReading(
              in, digest, pos, to, chunk); // a file system that cannot map (some FUSE ones)
          return;
        }
        while (m.hasRemaining()) {
          int n = Math.min(chunk.length, m.remaining());
          m.get(chunk, 0, n);
          digest.update(chunk, 0, n);
        }
        pos += window;
      }
    } catch (InternalError e) {
      // SIGBUS: the file was truncated under the mapping
      throw new IOException("file shrank while being read", e);
    }
  }

  private static void hashByReading(
      FileChannel in, MessageDigest digest, long from, long to, byte[] chunk) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(chunk);
    long pos = from;
    while (pos < to) {
      int n = in.read(buf.clear().limit((int) Math.min(buf.capacity(), to - pos)), pos);
      if (n < 0) {
        throw new IOException("file shrank while being read");
      }
      digest.update(chunk, 0, n);
      pos += n;
    }
  }
}
