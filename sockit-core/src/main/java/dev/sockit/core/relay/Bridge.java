package dev.sockit.core.relay;

import dev.sockit.core.stream.Connection;
import dev.sockit.core.stream.KernelRelay;
import dev.sockit.core.stream.Pump;
import dev.sockit.core.stream.WriteFailedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Joins two connections: what one side sends, the other receives, both ways at once, until both
 * have finished. The bytes move with {@code splice(2)} between the two sockets where the platform
 * allows ({@link Pump#between}), through a buffer otherwise (and always when a view asked for
 * payload copies, or a rate limit is set).
 *
 * <p>States: both open → one side's FIN arrived and was carried to the other side ({@code
 * shutdown(SHUT_WR)}), while the other direction goes on: a client that half-closes still gets the
 * whole answer → both FINs carried → both closed ({@link Ending#CLOSED}). A failure on either side
 * (a reset, a write to a side that went away) resets both sides at once ({@code SO_LINGER} 0), as
 * does the idle timeout; a connection closed from outside (the relay stopping) ends as {@link
 * Ending#STOPPED}. The first of these to happen names the ending.
 */
public final class Bridge {
  private final Connection client;
  private final Connection upstream;
  private final BridgeOptions options;
  private final long startNanos = System.nanoTime();
  private final AtomicReference<Outcome> outcome = new AtomicReference<>();
  private final AtomicReference<String> firstFin = new AtomicReference<>();

  private record Outcome(Ending ending, String detail) {}

  private Bridge(Connection client, Connection upstream, BridgeOptions options) {
    this.client = client;
    this.upstream = upstream;
    this.options = options;
  }

  /**
   * Relays between {@code client} and {@code upstream} until both directions have ended, then
   * closes both. The calling thread carries client → upstream; a virtual thread of its own carries
   * upstream → client.
   *
   * @param client the side that came to the relay
   * @param upstream the side the relay connected to for it
   * @param options rate limit and idle timeout
   * @return what was carried and how it ended
   * @throws NullPointerException if an argument is null
   */
  public static RelaySummary join(Connection client, Connection upstream, BridgeOptions options) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(options, "options");
    return new Bridge(client, upstream, options).run();
  }

  private RelaySummary run() {
    KernelRelay kernel = null;
    if (options.bytesPerSecond() == 0) {
      try {
        kernel = Pump.relayInKernel(client, upstream);
      } catch (IOException e) {
        failed(Ending.CLIENT_FAILED, e);
      }
    }
    boolean interrupted = kernel != null ? inKernel(kernel) : onThreads();
    closeQuietly(client);
    closeQuietly(upstream);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Outcome o = outcome.get();
    if (o == null) {
      String first = firstFin.get();
      o = new Outcome(Ending.CLOSED, first == null ? "" : first + " closed first");
    }
    return new RelaySummary(
        client.bytesReceived(),
        upstream.bytesReceived(),
        0,
        0,
        Duration.ofNanos(System.nanoTime() - startNanos),
        o.ending(),
        o.detail());
  }

  /**
   * Both directions on a splice loop: this thread only waits for them to end, and watches the idle
   * timeout. Returns whether it was interrupted.
   */
  private boolean inKernel(KernelRelay kernel) {
    long idle = options.idleTimeout().toNanos();
    Duration tick = Duration.ofNanos(idle == 0 ? TimeUnit.SECONDS.toNanos(1) : tick(idle));
    boolean interrupted = false;
    while (!kernel.finished()) {
      KernelRelay.Ended ended;
      try {
        ended = kernel.next(tick);
      } catch (InterruptedException e) {
        interrupted = true;
        end(Ending.STOPPED, "interrupted");
        continue;
      }
      if (ended == null) {
        if (idle > 0 && idleFor() >= idle) {
          end(Ending.IDLE, "no traffic for " + options.idleTimeout().toMillis() + " ms");
        }
        continue;
      }
      boolean fromClient = ended.from() == client;
      IOException failure = ended.failure();
      if (failure == null) {
        firstFin.compareAndSet(null, fromClient ? "client" : "upstream");
      } else if (failure instanceof WriteFailedException w) {
        failed(fromClient ? Ending.UPSTREAM_FAILED : Ending.CLIENT_FAILED, w.getCause());
      } else {
        failed(fromClient ? Ending.CLIENT_FAILED : Ending.UPSTREAM_FAILED, failure);
      }
    }
    try {
      kernel.cancel();
    } catch (InterruptedException e) {
      interrupted = true;
    }
    return interrupted;
  }

  /**
   * Each direction on a thread of its own: this one carries client to upstream, a virtual thread
   * the other way, another watches the idle timeout. Returns whether it was interrupted.
   */
  private boolean onThreads() {
    Thread down =
        Thread.ofVirtual()
            .name("sockit-bridge-" + client.id() + "-down")
            .start(() -> carry(upstream, client, false));
    Thread idle =
        options.idleTimeout().isZero()
            ? null
            : Thread.ofVirtual().name("sockit-bridge-" + client.id() + "-idle").start(this::watch);
    carry(client, upstream, true);
    boolean interrupted = false;
    while (true) {
      try {
        down.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
        end(Ending.STOPPED, "interrupted");
      }
    }
    if (idle != null) {
      idle.interrupt();
    }
    return interrupted;
  }

  private long idleFor() {
    return System.nanoTime() - Math.max(client.lastActivityNanos(), upstream.lastActivityNanos());
  }

  private static long tick(long idle) {
    return Math.max(
        TimeUnit.MILLISECONDS.toNanos(10), Math.min(idle / 4, TimeUnit.SECONDS.toNanos(1)));
  }

  /** One direction: copy until {@code in}'s FIN, then carry the FIN to {@code out}. */
  private void carry(Connection in, Connection out, boolean fromClient) {
    Ending inFailed = fromClient ? Ending.CLIENT_FAILED : Ending.UPSTREAM_FAILED;
    Ending outFailed = fromClient ? Ending.UPSTREAM_FAILED : Ending.CLIENT_FAILED;
    try {
      if (options.bytesPerSecond() > 0) {
        throttled(in, out, new Throttle(options.bytesPerSecond()));
      } else {
        Pump.between(in, out);
      }
    } catch (WriteFailedException e) {
      failed(outFailed, e.getCause());
      return;
    } catch (IOException e) {
      failed(inFailed, e);
      return;
    } catch (InterruptedException e) {
      end(Ending.STOPPED, "interrupted");
      return;
    }
    firstFin.compareAndSet(null, fromClient ? "client" : "upstream");
    try {
      out.shutdownOutput();
    } catch (IOException e) {
      failed(outFailed, e);
    }
  }

  private static void throttled(Connection in, Connection out, Throttle throttle)
      throws IOException, InterruptedException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(throttle.chunk());
    while (in.read(buffer.clear()) >= 0) {
      buffer.flip();
      int n = buffer.remaining();
      try {
        out.write(buffer);
      } catch (IOException e) {
        throw new WriteFailedException(e);
      }
      throttle.sent(n);
    }
  }

  private void failed(Ending ending, Throwable e) {
    if (e instanceof ClosedChannelException && outcome.get() == null) {
      // Neither side failed: someone closed a connection under us (the relay stopping).
      end(Ending.STOPPED, "closed while relaying");
      return;
    }
    String message = e.getMessage();
    end(ending, message == null ? e.getClass().getSimpleName() : message);
  }

  /** Records the first ending and resets both sides; later endings are consequences of it. */
  private void end(Ending ending, String detail) {
    if (outcome.compareAndSet(null, new Outcome(ending, detail))) {
      abortQuietly(client);
      abortQuietly(upstream);
    }
  }

  private void watch() {
    long idle = options.idleTimeout().toNanos();
    long tick = tick(idle);
    try {
      while (outcome.get() == null && (client.isOpen() || upstream.isOpen())) {
        TimeUnit.NANOSECONDS.sleep(tick);
        if (idleFor() >= idle) {
          end(Ending.IDLE, "no traffic for " + options.idleTimeout().toMillis() + " ms");
          return;
        }
      }
    } catch (InterruptedException e) {
      // The bridge ended.
    }
  }

  private static void abortQuietly(Connection c) {
    try {
      c.abort();
    } catch (IOException e) {
      System.getLogger(Bridge.class.getName())
          .log(System.Logger.Level.DEBUG, "resetting " + c + " failed", e);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (IOException e) {
      System.getLogger(Bridge.class.getName())
          .log(System.Logger.Level.DEBUG, "closing " + c + " failed", e);
    }
  }
}
