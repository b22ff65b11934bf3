package dev.sockit.core.transfer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hashes buffers and writes them to a file, each on its own virtual thread, so that the receiving
 * thread only reads the socket: reading, hashing and writing the next chunks overlap, which on two
 * or more cores takes the time of the slowest of the three instead of their sum. A fixed set of
 * buffers circulates between the threads (free, to hash, to write, free again), which bounds
 * memory; the order of the bytes is kept because each stage is one thread.
 *
 * <p>For a file opened with {@code O_DIRECT} ({@code alignment > 0}), the buffers must start on
 * that alignment and every write must be a whole number of blocks: whole buffers queued together go
 * out in one gathering write, and the last, partial buffer is padded to a block and the file cut
 * back to its real length when the writer closes.
 */
final class BackgroundWriter implements AutoCloseable {
  private static final ByteBuffer END = ByteBuffer.allocate(0);

  private final BlockingQueue<ByteBuffer> free;
  private final BlockingQueue<ByteBuffer> toHash;
  private final BlockingQueue<ByteBuffer> full;
  private final FileChannel out;
  private final MessageDigest digest;
  private final int alignment;
  private final Thread hasher;
  private final Thread thread;
  private volatile IOException failure;
  private long end;
  private boolean padded;
  private boolean closed;

  /**
   * Hashes into {@code digest} and writes to {@code out}, from its current position, with {@code
   * buffers}, which the caller may reuse after {@link #close}; the digest is complete after it.
   *
   * @param alignment the block size of an {@code O_DIRECT} file, or 0 for an ordinary one
   */
  BackgroundWriter(FileChannel out, MessageDigest digest, List<ByteBuffer> buffers, int alignment)
      throws IOException {
    this.out = out;
    this.digest = digest;
    this.alignment = alignment;
    this.end = out.position();
    this.free = new ArrayBlockingQueue<>(buffers.size(), false, buffers);
    this.toHash = new ArrayBlockingQueue<>(buffers.size() + 1);
    this.full = new ArrayBlockingQueue<>(buffers.size() + 1);
    this.hasher = Thread.ofVirtual().name("sockit-file-hasher").start(this::hash);
    this.thread = Thread.ofVirtual().name("sockit-file-writer").start(this::run);
  }

  private void hash() {
    try {
      for (ByteBuffer b = toHash.take(); ; b = toHash.take()) {
        if (b != END && failure == null) {
          try {
            digest.update(b.duplicate());
          } catch (RuntimeException | Error e) {
            fail(new IOException("hashing failed: " + e, e));
          }
        }
        full.put(b); // passed on even after a failure: the buffers must keep circulating
        if (b == END) {
          return;
        }
      }
    } catch (InterruptedException e) {
      fail(new InterruptedIOException("interrupted while hashing"));
    }
  }

  private void fail(IOException e) {
    if (failure == null) {
      failure = e;
    }
  }

  private void run() {
    List<ByteBuffer> batch = new ArrayList<>();
    try {
      boolean ended = false;
      while (!ended) {
        batch.add(full.take());
        full.drainTo(batch);
        int n = batch.size();
        if (batch.get(n - 1) == END) {
          batch.remove(--n);
          ended = true;
        }
        if (n > 0 && failure == null) {
          try {
            write(batch.toArray(new ByteBuffer[0]));
          } catch (IOException e) {
            fail(e);
          } catch (RuntimeException | Error e) {
            fail(new IOException("writing failed: " + e, e));
          }
        }
        for (ByteBuffer b : batch) {
          free.put(b);
        }
        batch.clear();
      }
    } catch (InterruptedException e) {
      fail(new InterruptedIOException("interrupted while writing"));
    }
  }

  private void write(ByteBuffer[] buffers) throws IOException {
    long bytes = 0;
    for (ByteBuffer b : buffers) {
      bytes += b.remaining();
    }
    end += bytes;
    if (alignment > 0) {
      ByteBuffer last = buffers[buffers.length - 1];
      int tail = last.remaining() % alignment;
      if (tail != 0) {
        // Only the last buffer of a file is partial: pad it to a whole block, cut back at close.
        last.limit(last.limit() + alignment - tail);
        padded = true;
      }
    }
    long left = 0;
    for (ByteBuffer b : buffers) {
      left += b.remaining();
    }
    while (left > 0) {
      left -= out.write(buffers);
    }
  }

  /** An empty buffer to fill; fails if an earlier write failed. */
  ByteBuffer take() throws IOException {
    check();
    try {
      return free.take().clear();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while receiving");
    }
  }

  /** Queues a flipped buffer for hashing and writing. */
  void submit(ByteBuffer b) throws IOException {
    try {
      toHash.put(b);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while receiving");
    }
  }

  private void check() throws IOException {
    IOException f = failure;
    if (f != null) {
      throw new IOException("cannot write the received data: " + f.getMessage(), f);
    }
  }

  /**
   * Waits until every queued buffer is written and cuts off any block padding; throws the first
   * write failure.
   */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      submit(END);
      try {
        hasher.join();
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while finishing the file");
      }
      if (padded) {
        out.truncate(end);
      }
    }
    check();
  }
}
