package dev.sockit.core.stream;

import java.io.IOException;
import java.nio.channels.Channel;

/**
 * Zero-copy transfers with Linux {@code splice(2)}. This is the Java 21 version: it is never
 * available, and {@link Pump} uses its buffered path. On Java 22 and later the multi-release jar
 * holds a version that calls {@code splice} through the foreign-function API.
 */
final class ZeroCopy {
  /** Returned when splice cannot be used for these descriptors and no byte has moved. */
  static final long UNSUPPORTED = -1;

  private ZeroCopy() {}

  /** Whether zero-copy transfers can be used in this runtime. */
  static boolean available() {
    return false;
  }

  /** The file descriptor number behind {@code channel}, or -1 if it cannot be found. */
  static int fd(Channel channel) {
    return -1;
  }

  /** Copies from {@code in} to the connection; never called when {@link #available()} is false. */
  static long toConnection(int in, Connection out) throws IOException {
    throw new UnsupportedOperationException("splice needs Java 22 or later on Linux");
  }

  /** Copies between two connections; never called when {@link #available()} is false. */
  static long between(Connection in, Connection out) throws IOException {
    return UNSUPPORTED;
  }

  /** Copies from the connection to {@code out}; never called when {@link #available()} is false. */
  static long fromConnection(Connection in, int out) throws IOException {
    throw new UnsupportedOperationException("splice needs Java 22 or later on Linux");
  }
}
