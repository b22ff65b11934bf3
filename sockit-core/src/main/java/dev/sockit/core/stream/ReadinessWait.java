package dev.sockit.core.stream;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.BooleanSupplier;

/**
 * Waits for a socket descriptor to become readable or writable without holding a carrier thread:
 * the JDK's own poller ({@code sun.nio.ch.Poller}, the one its channels use on virtual threads)
 * parks the calling virtual thread until the descriptor is ready. Zero-copy relays between two
 * sockets need this: their {@code splice} calls are non-blocking, and a native {@code poll} on a
 * virtual thread would pin its carrier (two waiting relays would stall every other connection on a
 * two-core machine).
 *
 * <p>Needs {@code --add-opens java.base/sun.nio.ch}; without it {@link #available()} is false and
 * relays on virtual threads copy through a buffer instead.
 */
final class ReadinessWait {
  private static final MethodHandle POLL;
  private static final MethodHandle STOP;

  /** The JDK's value for "readable" (Linux {@code POLLIN}). */
  static final int READABLE;

  /** The JDK's value for "writable" (Linux {@code POLLOUT}). */
  static final int WRITABLE;

  static {
    MethodHandle poll = null;
    MethodHandle stop = null;
    int readable = 1;
    int writable = 4;
    try {
      Class<?> poller = Class.forName("sun.nio.ch.Poller");
      Class<?> net = Class.forName("sun.nio.ch.Net");
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(poller, MethodHandles.lookup());
      poll =
          lookup.findStatic(
              poller,
              "poll",
              MethodType.methodType(
                  void.class, int.class, int.class, long.class, BooleanSupplier.class));
      stop = lookup.findStatic(poller, "stopPoll", MethodType.methodType(void.class, int.class));
      MethodHandles.Lookup netLookup = MethodHandles.privateLookupIn(net, MethodHandles.lookup());
      readable = (short) netLookup.findStaticGetter(net, "POLLIN", short.class).invokeExact();
      writable = (short) netLookup.findStaticGetter(net, "POLLOUT", short.class).invokeExact();
    } catch (Throwable e) {
      // Not opened to us, or another JDK's internals: relays on virtual threads use buffers.
      System.getLogger(ReadinessWait.class.getName())
          .log(System.Logger.Level.DEBUG, "the JDK's poller is not reachable", e);
      poll = null;
      stop = null;
    }
    POLL = poll;
    STOP = stop;
    READABLE = readable;
    WRITABLE = writable;
  }

  private ReadinessWait() {}

  /** Whether virtual threads can wait on descriptors here. */
  static boolean available() {
    return POLL != null;
  }

  /**
   * Parks the calling virtual thread until {@code fd} is ready for {@code event}, {@code nanos}
   * pass, or {@link #wake} is called for {@code fd}; returns at once if {@code stillWanted} is
   * false once the thread is registered (so that a {@link #wake} just before cannot be missed).
   */
  static void await(int fd, int event, long nanos, BooleanSupplier stillWanted) throws IOException {
    try {
      POLL.invokeExact(fd, event, nanos, stillWanted);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("waiting for descriptor " + fd + " failed", t);
    }
  }

  /** Wakes every thread waiting in {@link #await} on {@code fd}. */
  static void wake(int fd) {
    try {
      STOP.invokeExact(fd);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("waking waiters on descriptor " + fd + " failed", t);
    }
  }
}
