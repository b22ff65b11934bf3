package dev.sockit.core.transfer;

import java.util.Objects;

/**
 * One entry of a transfer manifest: a folder or a regular file, named relative to the folder the
 * receiver writes into, with {@code /} between components.
 *
 * @param folder {@code true} for a folder (size 0), {@code false} for a regular file
 * @param name the relative name; never absolute, never with {@code .} or {@code ..} components
 * @param mode permission bits (0 to 0777)
 * @param size the file's length in bytes (0 for a folder)
 * @param modified last modification, milliseconds since 1970 (UTC), kept by the receiver as {@code
 *     scp -p} and {@code rsync -a} keep it; 0 when not known
 */
public record TransferEntry(boolean folder, String name, int mode, long size, long modified) {
  /**
   * Validates the entry.
   *
   * @throws IllegalArgumentException if the name is unsafe, the mode is outside 0-0777 or the size
   *     negative
   * @throws NullPointerException if {@code name} is null
   */
  public TransferEntry {
    Objects.requireNonNull(name, "name");
    String problem = TransferNames.problem(name);
    if (problem != null) {
      throw new IllegalArgumentException("unsafe name '" + name + "': " + problem);
    }
    if (mode < 0 || mode > 0777) {
      throw new IllegalArgumentException(
          "mode " + Integer.toOctalString(mode) + " of '" + name + "' is outside 0-0777");
    }
    if (size < 0 || (folder && size != 0)) {
      throw new IllegalArgumentException("size " + size + " of '" + name + "' is impossible");
    }
  }

  /**
   * An entry without a modification time.
   *
   * @param folder whether it is a folder
   * @param name the relative name
   * @param mode permission bits
   * @param size the length
   */
  public TransferEntry(boolean folder, String name, int mode, long size) {
    this(folder, name, mode, size, 0);
  }
}
