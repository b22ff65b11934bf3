package dev.sockit.core.stream;

import java.io.IOException;

/**
 * The splice loops that relay pairs of connections inside the kernel ({@link KernelRelay}). This is
 * the Java 21 version: there are none, and relays copy on two threads through buffers. On Java 22
 * and later the multi-release jar holds the real loops.
 */
final class SpliceLoop {
  private SpliceLoop() {}

  /**
   * Starts relaying {@code a} and {@code b} both ways; {@code null} when it cannot be done here.
   */
  static KernelRelay start(Connection a, Connection b) throws IOException {
    return null;
  }

  // Names of the Java 22 class's nested classes: the AOT cache archives a Java 22 class only if the
  // base layer has a class of that name too (see foreign.Libc).
  @SuppressWarnings("unused")
  private static final class Loop {}

  @SuppressWarnings("unused")
  private static final class Pair {}

  @SuppressWarnings("unused")
  private static final class Side {}

  @SuppressWarnings("unused")
  private static final class Flow {}
}
