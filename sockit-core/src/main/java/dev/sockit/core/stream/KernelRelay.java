package dev.sockit.core.stream;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Two connections relayed both ways inside the kernel by one of the process's splice loops ({@link
 * Pump#relayInKernel}): event-loop threads that wait on every relayed socket at once and move the
 * bytes with {@code splice(2)}, the way socat or haproxy wait in one {@code select}/{@code epoll}
 * call. The connections are in non-blocking mode while relayed: use them for nothing else until
 * {@link #next} has reported both directions, or {@link #cancel()} has returned.
 *
 * <p>Each direction ends once: with its FIN carried to the other side ({@code shutdown(SHUT_WR)}),
 * or with a failure (a {@link WriteFailedException} when writing to the other side failed). A
 * failed direction does not stop the other one; the owner decides (usually by resetting both and
 * calling {@link #cancel()}). Closing either connection ends its directions at once.
 */
public final class KernelRelay {
  /**
   * One direction ended.
   *
   * @param from the connection that direction reads
   * @param failure why it failed, or {@code null} when its FIN was carried to the other side
   */
  public record Ended(Connection from, IOException failure) {
    /** Validates the record. */
    public Ended {
      Objects.requireNonNull(from, "from");
    }
  }

  private final Connection a;
  private final Connection b;
  private final LinkedBlockingQueue<Ended> ended = new LinkedBlockingQueue<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile Runnable canceller = () -> {};
  private int reported;

  KernelRelay(Connection a, Connection b) {
    this.a = a;
    this.b = b;
  }

  /** Set by the loop: asks it to stop relaying and release the connections. */
  void cancelWith(Runnable value) {
    canceller = value;
  }

  /** The loop: one direction ended. */
  void report(Ended e) {
    ended.add(e);
  }

  /** The loop: it has let go of both connections. */
  void released() {
    released.countDown();
  }

  /**
   * The next direction to end, waiting up to {@code timeout}.
   *
   * @param timeout how long to wait at most
   * @return the direction that ended, or {@code null} if none did in time, or once both have been
   *     reported
   * @throws InterruptedException if interrupted while waiting
   */
  public Ended next(Duration timeout) throws InterruptedException {
    if (reported >= 2) {
      return null;
    }
    Ended e = ended.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (e != null) {
      reported++;
    }
    return e;
  }

  /** Whether both directions have been reported by {@link #next}. */
  public boolean finished() {
    return reported >= 2;
  }

  /**
   * Stops relaying; directions still running end with an {@link AsynchronousCloseException} (they
   * are reported by {@link #next}). Waits (up to 5 s) until the loop has let go of both sockets.
   * The connections stay open. Idempotent.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void cancel() throws InterruptedException {
    canceller.run();
    released.await(5, TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return "KernelRelay[" + a + " <-> " + b + "]";
  }
}
