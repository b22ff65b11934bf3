package dev.sockit.cli.text;

import java.util.Locale;

/** Byte counts as people read them: binary units, one decimal. */
public final class Sizes {
  private Sizes() {}

  /**
   * {@code 50.0 MiB}: binary units, one decimal; bytes as a whole number.
   *
   * @param bytes a count of bytes (a rate's per-second count too)
   * @return the count with its unit
   */
  public static String of(double bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (bytes >= 1024 && u < units.length - 1) {
      bytes /= 1024;
      u++;
    }
    return u == 0
        ? String.format(Locale.ROOT, "%.0f B", bytes)
        : String.format(Locale.ROOT, "%.1f %s", bytes, units[u]);
  }
}
