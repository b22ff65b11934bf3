package dev.sockit.core.stream;

import dev.sockit.core.foreign.Libc;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Event loops that relay pairs of connections both ways inside the kernel ({@link KernelRelay}):
 * each loop is one platform thread waiting on all its sockets at once in a {@link Selector}
 * (epoll), and moving bytes with non-blocking {@code splice(2)} calls through a pipe, socket → pipe
 * → socket. A wake-up goes straight to the thread that moves the bytes, as in socat's or haproxy's
 * loops: relaying on virtual threads instead cost a wake-up of the JDK's poller thread and then of
 * a carrier thread on every message (about 2.5x socat's added round-trip time, measured).
 *
 * <p>A pipe is needed only while bytes are in it: a direction takes one from the loop's small pool
 * when it reads, and gives it back once it has written everything out, so an idle relayed
 * connection holds no pipe. A direction whose output is full keeps its pipe (with the bytes in it),
 * stops reading, and waits for its output to be writable: a slow reader slows only its own
 * connection. Each turn moves at most {@link #TURN_CHUNKS} chunks per direction before the other
 * sockets of the loop get theirs.
 *
 * <p>The loops are shared by the process (like the JDK's own pollers), started on first use, one
 * per two cores (at most four), daemon threads that sleep in {@code epoll_wait} when idle.
 */
final class SpliceLoop {
  private static final int CHUNK = 1 << 20;
  static final int TURN_CHUNKS = 4;
  private static final int POOLED_PIPES = 8;
  private static final int LOOP_COUNT =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
  private static final Loop[] LOOPS = new Loop[LOOP_COUNT];
  private static final AtomicInteger NEXT = new AtomicInteger();

  private SpliceLoop() {}

  /**
   * Starts relaying {@code a} and {@code b} both ways; {@code null} when it cannot be done here.
   */
  static KernelRelay start(Connection a, Connection b) throws IOException {
    if (!ZeroCopy.available()) {
      return null;
    }
    int fa = ZeroCopy.fd(a.channel());
    int fb = ZeroCopy.fd(b.channel());
    if (fa < 0 || fb < 0) {
      return null;
    }
    Loop loop = loop(Math.floorMod(NEXT.getAndIncrement(), LOOP_COUNT));
    a.channel().configureBlocking(false);
    b.channel().configureBlocking(false);
    KernelRelay handle = new KernelRelay(a, b);
    Pair pair = new Pair(loop, handle, new Side(a, fa), new Side(b, fb));
    handle.cancelWith(() -> loop.submit(() -> pair.stop(new AsynchronousCloseException())));
    Runnable closed = () -> loop.submit(() -> pair.stop(new AsynchronousCloseException()));
    a.onClose(closed);
    b.onClose(closed);
    loop.submit(pair::register);
    return handle;
  }

  private static Loop loop(int i) throws IOException {
    synchronized (LOOPS) {
      if (LOOPS[i] == null) {
        LOOPS[i] = new Loop(i);
      }
      return LOOPS[i];
    }
  }

  /** One thread, its selector, its tasks and its pipe pool. */
  private static final class Loop {
    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<int[]> pipes = new ArrayDeque<>();
    private MemorySegment state;

    Loop(int index) throws IOException {
      selector = Selector.open();
      Thread.ofPlatform().daemon().name("sockit-splice-" + index).start(this::run);
    }

    void submit(Runnable task) {
      tasks.add(task);
      selector.wakeup();
    }

    private void run() {
      try (Arena arena = Arena.ofConfined()) {
        state = arena.allocate(Libc.CAPTURE);
        while (true) {
          try {
            selector.select(this::ready);
          } catch (IOException | RuntimeException e) {
            System.getLogger(SpliceLoop.class.getName())
                .log(System.Logger.Level.ERROR, "the splice loop's select failed", e);
          }
          for (Runnable task; (task = tasks.poll()) != null; ) {
            task.run();
          }
        }
      }
    }

    private void ready(SelectionKey key) {
      Side side = (Side) key.attachment();
      Pair pair = side.pair;
      if (!key.isValid()) {
        return;
      }
      int ops = key.readyOps();
      if ((ops & SelectionKey.OP_WRITE) != 0 && side.writer != null) {
        side.writer.run();
      }
      if ((ops & SelectionKey.OP_READ) != 0 && side.reader != null) {
        side.reader.run();
      }
      pair.interests();
    }

    int[] takePipe() throws IOException {
      int[] pipe = pipes.poll();
      return pipe != null ? pipe : ZeroCopy.newPipe(state);
    }

    void givePipe(int[] pipe, boolean empty) {
      if (empty && pipes.size() < POOLED_PIPES) {
        pipes.add(pipe);
      } else {
        ZeroCopy.closeFd(pipe[0]);
        ZeroCopy.closeFd(pipe[1]);
      }
    }
  }

  /** One connection of a pair: its channel, descriptor, key, and the two flows that use it. */
  private static final class Side {
    final Connection conn;
    final SocketChannel channel;
    final int fd;
    Pair pair;
    SelectionKey key;
    Flow reader;
    Flow writer;

    Side(Connection conn, int fd) {
      this.conn = conn;
      this.channel = conn.channel();
      this.fd = fd;
    }
  }

  /** Two connections and the two flows between them. */
  private static final class Pair {
    final Loop loop;
    final KernelRelay handle;
    final Side a;
    final Side b;
    final Flow ab;
    final Flow ba;
    boolean released;

    Pair(Loop loop, KernelRelay handle, Side a, Side b) {
      this.loop = loop;
      this.handle = handle;
      this.a = a;
      this.b = b;
      a.pair = this;
      b.pair = this;
      this.ab = new Flow(this, a, b);
      this.ba = new Flow(this, b, a);
    }

    void register() {
      try {
        a.key = a.channel.register(loop.selector, 0, a);
        b.key = b.channel.register(loop.selector, 0, b);
      } catch (ClosedChannelException e) {
        stop(new AsynchronousCloseException());
        return;
      } catch (IOException | RuntimeException e) {
        stop(e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        return;
      }
      interests();
    }

    /** Sets each key's interest from the state of the flows that use its socket. */
    void interests() {
      if (released) {
        return;
      }
      interest(a);
      interest(b);
    }

    private static void interest(Side side) {
      if (side.key == null || !side.key.isValid()) {
        return;
      }
      int ops = 0;
      if (side.reader.wantsRead()) {
        ops |= SelectionKey.OP_READ;
      }
      if (side.writer.wantsWrite()) {
        ops |= SelectionKey.OP_WRITE;
      }
      side.key.interestOps(ops);
    }

    /** Ends every flow still running with {@code why} and lets go of both sockets. */
    void stop(IOException why) {
      if (released) {
        return;
      }
      ab.end(why);
      ba.end(why);
    }

    /** Called as each flow ends: once both have, the keys go and the owner is told. */
    void flowEnded() {
      if (ab.done && ba.done && !released) {
        released = true;
        if (a.key != null) {
          a.key.cancel();
        }
        if (b.key != null) {
          b.key.cancel();
        }
        handle.released();
      }
    }
  }

  /** One direction: reads {@code in}, writes {@code out}, through a pipe while bytes are in it. */
  private static final class Flow {
    final Pair pair;
    final Side in;
    final Side out;
    int[] pipe;
    long pending;
    boolean eof;
    boolean done;

    Flow(Pair pair, Side in, Side out) {
      this.pair = pair;
      this.in = in;
      this.out = out;
      in.reader = this;
      out.writer = this;
    }

    boolean wantsRead() {
      return !done && !eof && pending == 0;
    }

    boolean wantsWrite() {
      return !done && pending > 0;
    }

    void run() {
      if (done) {
        return;
      }
      MemorySegment state = pair.loop.state;
      try {
        int chunks = 0;
        while (true) {
          if (pending > 0) {
            long m = ZeroCopy.spliceOnce(state, pipe[0], out.fd, pending);
            if (m == ZeroCopy.AGAIN) {
              return; // the output is full: wait until it is writable
            }
            if (m <= 0) {
              throw new WriteFailedException(
                  m == 0
                      ? new IOException("splice: the relay pipe ended early")
                      : ZeroCopy.failure(ZeroCopy.errno(state)));
            }
            pending -= m;
            out.conn.recordWrite(null, 0, (int) m);
            if (pending > 0) {
              continue;
            }
          }
          if (eof) {
            givePipeBack();
            try {
              out.conn.shutdownOutput();
            } catch (IOException e) {
              throw new WriteFailedException(e);
            }
            end(null);
            return;
          }
          if (chunks++ == TURN_CHUNKS) {
            return; // other sockets' turn; the input is still readable, so epoll comes back here
          }
          if (pipe == null) {
            pipe = pair.loop.takePipe();
          }
          long n = ZeroCopy.spliceOnce(state, in.fd, pipe[1], CHUNK);
          if (n == ZeroCopy.AGAIN) {
            givePipeBack(); // nothing to read: the pipe is empty, another flow may use it
            return;
          }
          if (n == 0) {
            eof = true;
            in.conn.recordRead(null, 0, -1);
            continue;
          }
          if (n < 0) {
            throw ZeroCopy.failure(ZeroCopy.errno(state));
          }
          pending = n;
          in.conn.recordRead(null, 0, (int) n);
        }
      } catch (IOException e) {
        end(e);
      }
    }

    private void givePipeBack() {
      if (pipe != null) {
        pair.loop.givePipe(pipe, pending == 0);
        pipe = null;
      }
    }

    /** Ends this flow ({@code failure} null: its FIN was carried) and reports it, once. */
    void end(IOException failure) {
      if (done) {
        return;
      }
      done = true;
      if (pipe != null) {
        pair.loop.givePipe(pipe, pending == 0 && failure == null);
        pipe = null;
      }
      pair.handle.report(new KernelRelay.Ended(in.conn, failure));
      pair.flowEnded();
    }
  }
}
