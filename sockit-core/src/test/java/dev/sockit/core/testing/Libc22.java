package dev.sockit.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** For the tests of the jar's Java 22 layer (libc through the foreign-function API). */
public final class Libc22 {
  private Libc22() {}

  /**
   * Skips the test, saying why, unless this is Java 22+ on Linux x86-64 or AArch64, where the Java
   * 22 classes call libc.
   *
   * @param fallback what tests the other path instead
   */
  public static void assumeLibcCalls(String fallback) {
    String arch = System.getProperty("os.arch");
    assumeTrue(
        Runtime.version().feature() >= 22
            && "Linux".equals(System.getProperty("os.name"))
            && ("amd64".equals(arch) || "aarch64".equals(arch)),
        "libc calls need Java 22+ on Linux x86-64/AArch64; " + fallback);
  }
}
