package dev.sockit.core.scan;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The connect scan through libc directly (Java 22+, Linux; see the multi-release class). On Java 21
 * it is not available and {@link TcpConnectScan} does the work.
 */
final class NativeConnectScan {
  private NativeConnectScan() {}

  static boolean available() {
    return false;
  }

  static long socketsOpened() {
    return 0;
  }

  static boolean blocking(InetAddress target) {
    return false;
  }

  static List<PortResult> run(
      InetAddress target, int[] ports, ScanOptions options, IntConsumer progress)
      throws IOException {
    throw new UnsupportedOperationException("needs Java 22 or newer");
  }

  static List<PortResult> run(
      InetAddress target,
      int[] ports,
      ScanOptions options,
      IntConsumer progress,
      java.util.concurrent.atomic.AtomicBoolean dropped)
      throws IOException {
    throw new UnsupportedOperationException("needs Java 22 or newer");
  }
}
