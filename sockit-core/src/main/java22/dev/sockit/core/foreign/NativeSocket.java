package dev.sockit.core.foreign;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.net.SocketException;
import java.nio.channels.Channel;

/**
 * Socket calls the JDK does not offer, on a channel's descriptor: {@code setsockopt} of options
 * such as {@code IPV6_V6ONLY}, and the raw {@code syscall} for the message calls ({@code sendmsg},
 * {@code recvmsg}) that carry control data. Not part of sockit's API; this is the jar's Java 22
 * layer, and the Java 21 class of this name says that nothing here is available.
 */
public final class NativeSocket {
  /** {@code SOL_IP}, the level of the IPv4 options. */
  public static final int SOL_IP = 0;

  /** {@code SOL_IPV6}, the level of the IPv6 options. */
  public static final int SOL_IPV6 = 41;

  /** {@code IPV6_V6ONLY}: an {@code AF_INET6} socket that does not speak IPv4 as well. */
  public static final int IPV6_V6ONLY = 26;

  private NativeSocket() {}

  /** The syscall handle, linked on first use (a generated stub: a few milliseconds). */
  private static final class Calls {
    static final MethodHandle SYSCALL = link();

    private static MethodHandle link() {
      if (!Libc.supported() || !Libc.socketDescriptorsReadable()) {
        return null;
      }
      try {
        return Libc.syscall();
      } catch (RuntimeException | LinkageError e) {
        return null; // no native access: callers use the JDK's calls only
      }
    }
  }

  /**
   * Whether these calls can be made here: Linux on x86-64 or AArch64, native access allowed, and
   * the channels' descriptors readable.
   *
   * @return true when they can
   */
  public static boolean available() {
    return Libc.supported() && Calls.SYSCALL != null;
  }

  /**
   * Sets an integer socket option ({@code setsockopt(fd, level, option, &value, 4)}).
   *
   * @param channel an open socket channel
   * @param level e.g. {@link #SOL_IPV6}
   * @param option e.g. {@link #IPV6_V6ONLY}
   * @param value the value
   * @param name the option's name, for the message when it fails
   * @throws SocketException if the call fails; the message names the option and the reason
   * @throws UnsupportedOperationException if {@link #available()} is false
   */
  public static void setInt(Channel channel, int level, int option, int value, String name)
      throws IOException {
    if (!available()) {
      throw new UnsupportedOperationException("setsockopt(" + name + ") needs native access");
    }
    int fd = Libc.fd(channel);
    if (fd < 0) {
      throw new SocketException("cannot set " + name + ": the socket's descriptor is not readable");
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.CAPTURE);
      MemorySegment v = arena.allocate(JAVA_INT);
      v.set(JAVA_INT, 0, value);
      if (syscall(state, Libc.Sys.SETSOCKOPT, fd, level, option, v.address(), 4) != 0) {
        throw new SocketException("cannot set " + name + ": " + Libc.strerror(Libc.errno(state)));
      }
    }
  }

  /**
   * Makes an {@code AF_INET6} channel IPv6-only ({@code IPV6_V6ONLY}) before it is bound: the JDK
   * has no option for it (its IPv6 sockets take IPv4 too).
   *
   * @param channel the unbound channel
   * @param where the address it will bind, for the message when this fails
   * @throws SocketException if it cannot be set; the message names the address and what to do
   */
  public static void ipv6Only(Channel channel, String where) throws IOException {
    if (!available()) {
      throw new SocketException(unavailable(where));
    }
    setInt(channel, SOL_IPV6, IPV6_V6ONLY, 1, "IPV6_V6ONLY on " + where);
  }

  static String unavailable(String where) {
    return "cannot make "
        + where
        + " IPv6-only: IPV6_V6ONLY is set through the foreign-function API of Java 22 or later on"
        + " Linux (with native access); run sockit so, or listen on an IPv6 address instead of"
        + " every address";
  }

  /**
   * A raw system call through {@link Libc#syscall()}'s one shared handle.
   *
   * @param state a {@link Libc#CAPTURE} segment that receives errno
   * @param number a {@link Libc.Sys} number
   * @param a first argument
   * @param b second argument
   * @param c third argument
   * @param d fourth argument
   * @param e fifth argument
   * @return the call's result (-1 with errno in {@code state} on failure)
   */
  public static long syscall(
      MemorySegment state, long number, long a, long b, long c, long d, long e) {
    try {
      return (long) Calls.SYSCALL.invokeExact(state, number, a, b, c, d, e);
    } catch (RuntimeException | Error t) {
      throw t;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
