package dev.sockit.core.foreign;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Calls into Linux's libc for sockit's Java 22+ classes (splice, the connect scan, batched
 * datagrams): the linker, {@code errno} capture, {@code strerror} and the descriptor numbers of
 * channels. Not part of sockit's API; it exists only in the jar's Java 22 layer.
 */
public final class Libc {
  /** The layout of the call state that captured downcalls fill in ({@code errno}). */
  public static final StructLayout CAPTURE = Linker.Option.captureStateLayout();

  /** Where errno is in a {@link #CAPTURE} segment, for callers that read it without a VarHandle. */
  public static final long ERRNO_OFFSET =
      CAPTURE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));

  // Linux on x86-64 or AArch64. Whether native access is allowed shows when a handle is made
  // (IllegalCallerException if it is denied), which each caller catches; handles are made when
  // first needed, as each costs a few milliseconds of start-up (a generated stub class).
  private static final boolean SUPPORTED =
      "Linux".equals(System.getProperty("os.name"))
          && ("amd64".equals(System.getProperty("os.arch"))
              || "aarch64".equals(System.getProperty("os.arch")));

  /** strerror, on any Linux (ZeroCopy runs on every architecture); null without native access. */
  private static final class Strerror {
    static final MethodHandle HANDLE = link();

    private static MethodHandle link() {
      if (!"Linux".equals(System.getProperty("os.name"))) {
        return null;
      }
      try {
        return downcall("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT), false);
      } catch (RuntimeException | LinkageError e) {
        return null; // no native access
      }
    }
  }

  private Libc() {}

  /** The VarHandle for errno, made on first use: making it generates method-handle classes. */
  private static final class Errno {
    static final VarHandle HANDLE =
        CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  }

  /**
   * System call numbers for {@link #syscall}, which differ by architecture: {@code socket}, {@code
   * connect}, {@code close}, {@code setsockopt}, {@code getsockopt}, {@code getsockname}, {@code
   * ppoll} (AArch64 has no {@code poll}), {@code sendmsg}, {@code recvmsg} and {@code shutdown}, on
   * x86-64 and AArch64.
   */
  public static final class Sys {
    private static final boolean X86 = "amd64".equals(System.getProperty("os.arch"));
    public static final long SOCKET = X86 ? 41 : 198;
    public static final long CONNECT = X86 ? 42 : 203;
    public static final long CLOSE = X86 ? 3 : 57;
    public static final long SETSOCKOPT = X86 ? 54 : 208;
    public static final long GETSOCKOPT = X86 ? 55 : 209;
    public static final long GETSOCKNAME = X86 ? 51 : 204;
    public static final long PPOLL = X86 ? 271 : 73;
    public static final long SENDMSG = X86 ? 46 : 211;
    public static final long RECVMSG = X86 ? 47 : 212;
    public static final long SHUTDOWN = X86 ? 48 : 210;

    private Sys() {}
  }

  /**
   * libc's {@code long syscall(long number, ...)} with five arguments after the number (the unused
   * ones are ignored by the kernel), taking a {@link #CAPTURE} segment first for errno.
   *
   * <p>One handle for every system call a hot loop makes: the JDK generates and compiles call stubs
   * and method-handle forms per function signature, about 4 ms of start-up each, so calls of one
   * shape cost that once. Pointers are passed as {@link MemorySegment#address()}; the caller keeps
   * those segments alive for the call.
   *
   * @return the handle, of type {@code (MemorySegment, long, long, long, long, long, long)long}
   * @throws IllegalCallerException if native access is not allowed
   * @throws UnsupportedOperationException if this is not Linux on x86-64 or AArch64
   */
  public static MethodHandle syscall() {
    if (!SUPPORTED) {
      throw new UnsupportedOperationException(
          "system call numbers are known for Linux on x86-64 and AArch64 only");
    }
    return downcall(
        "syscall",
        FunctionDescriptor.of(
            JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
        true,
        Linker.Option.firstVariadicArg(1));
  }

  /**
   * Whether this is Linux on x86-64 or AArch64 (whose constants and struct layouts sockit's classes
   * use); {@link #downcall} still fails if native access is denied.
   *
   * @return true when the downcalls may be made
   */
  public static boolean supported() {
    return SUPPORTED;
  }

  /**
   * A handle on a libc function.
   *
   * @param name the function
   * @param descriptor its signature
   * @param errno whether the handle takes a {@link #CAPTURE} segment first and fills in errno
   * @param more further linker options (e.g. where a variadic function's variable arguments start)
   * @return the handle
   * @throws java.util.NoSuchElementException if libc has no such function
   * @throws IllegalCallerException if native access is not allowed
   */
  public static MethodHandle downcall(
      String name, FunctionDescriptor descriptor, boolean errno, Linker.Option... more) {
    Linker linker = Linker.nativeLinker();
    MemorySegment function = linker.defaultLookup().find(name).orElseThrow();
    Linker.Option[] options = more;
    if (errno) {
      options = java.util.Arrays.copyOf(more, more.length + 1);
      options[more.length] = Linker.Option.captureCallState("errno");
    }
    return linker.downcallHandle(function, descriptor, options);
  }

  /**
   * The errno a captured call left in {@code state}.
   *
   * @param state a segment of {@link #CAPTURE}'s layout
   * @return the errno
   */
  public static int errno(MemorySegment state) {
    return (int) Errno.HANDLE.get(state, 0L);
  }

  /**
   * The C library's text for an errno.
   *
   * @param errno the number
   * @return e.g. {@code Connection refused}, or {@code errno N} when there is none
   */
  public static String strerror(int errno) {
    try {
      MemorySegment text = (MemorySegment) Strerror.HANDLE.invokeExact(errno);
      return text.reinterpret(256).getString(0);
    } catch (Throwable t) {
      return "errno " + errno;
    }
  }

  /**
   * Whether {@link #fd} can read descriptor numbers: it needs {@code --add-opens
   * java.base/sun.nio.ch} and {@code java.base/java.io}.
   *
   * @return true when it can
   */
  public static boolean descriptorsReadable() {
    return Descriptors.SOCKET_FD != null
        && Descriptors.FILE_CHANNEL_FD != null
        && Descriptors.DESCRIPTOR_FD != null;
  }

  /**
   * Whether {@link #fd} can read the descriptor numbers of socket channels (needs only {@code
   * --add-opens java.base/sun.nio.ch}).
   *
   * @return true when it can
   */
  public static boolean socketDescriptorsReadable() {
    return Descriptors.SOCKET_FD != null;
  }

  /**
   * The descriptor number of a socket channel or a file channel.
   *
   * @param channel the channel
   * @return the number, or -1 when it cannot be read
   */
  public static int fd(java.nio.channels.Channel channel) {
    try {
      if (channel instanceof java.nio.channels.FileChannel && Descriptors.FILE_CHANNEL_FD != null) {
        return Descriptors.DESCRIPTOR_FD.getInt(
            (java.io.FileDescriptor) Descriptors.FILE_CHANNEL_FD.get(channel));
      }
      if (Descriptors.SOCKET_FD != null
          && Descriptors.SOCKET_FD.getDeclaringClass().isInstance(channel)) {
        return (int) Descriptors.SOCKET_FD.invoke(channel);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** The JDK internals that hold descriptor numbers, looked up on first use only. */
  private static final class Descriptors {
    static final java.lang.reflect.Method SOCKET_FD = method("sun.nio.ch.SelChImpl", "getFDVal");
    static final java.lang.reflect.Field FILE_CHANNEL_FD =
        field("sun.nio.ch.FileChannelImpl", "fd");
    static final java.lang.reflect.Field DESCRIPTOR_FD = field("java.io.FileDescriptor", "fd");

    private static java.lang.reflect.Method method(String type, String name) {
      try {
        java.lang.reflect.Method m = Class.forName(type).getMethod(name);
        m.setAccessible(true);
        return m;
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }

    private static java.lang.reflect.Field field(String type, String name) {
      try {
        java.lang.reflect.Field f = Class.forName(type).getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }
  }
}
