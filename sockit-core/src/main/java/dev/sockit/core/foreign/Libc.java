package dev.sockit.core.foreign;

/**
 * Calls into the C library through the foreign-function API: the real class is in the jar's Java 22
 * layer ({@code META-INF/versions/22}). This Java 21 stand-in says only that no calls are possible.
 * It exists because the JVM's class-data sharing (the AOT cache the launcher makes) archives a
 * class from a multi-release jar only when the jar's base layer has a class of that name too; the
 * Java 22 class, not this one, is what gets archived and loaded on Java 22 and later.
 */
public final class Libc {
  private Libc() {}

  // Names of the Java 22 class's nested classes, for the same reason as this class: the AOT cache
  // archives a Java 22 class only if the base layer has a class of that name.
  @SuppressWarnings("unused")
  private static final class Descriptors {}

  @SuppressWarnings("unused")
  private static final class Strerror {}

  @SuppressWarnings("unused")
  private static final class Sys {}

  @SuppressWarnings("unused")
  private static final class Errno {}

  /**
   * Whether libc calls are possible here: never on Java 21.
   *
   * @return false
   */
  public static boolean supported() {
    return false;
  }
}
