package dev.sockit.cli.text;

import java.time.Duration;

/**
 * Fixed-point text for times, with integer arithmetic: {@code String.format("%.2f")} builds a
 * Formatter, parses its pattern with a regular expression and formats a double, which costs a
 * command that prints one time 5-14 ms of start-up (measured on {@code sockit scan}: most of its
 * report's time). Rounds half up, as {@code %f} does.
 */
public final class Decimals {
  private Decimals() {}

  /** {@code d} in seconds with {@code digits} decimals, e.g. {@code 0.14}. */
  public static String seconds(Duration d, int digits) {
    return fixed(d.toNanos(), 1_000_000_000L, digits);
  }

  /** {@code nanos} in milliseconds with {@code digits} decimals, e.g. {@code 1.250}. */
  public static String millis(long nanos, int digits) {
    return fixed(nanos, 1_000_000L, digits);
  }

  /**
   * {@code value / unit} with {@code digits} decimals (0 to 9), rounded half up (away from zero).
   * {@code unit} is a power of ten that {@code 10^digits} divides.
   */
  public static String fixed(long value, long unit, int digits) {
    if (digits < 0 || digits > 9) {
      throw new IllegalArgumentException("digits " + digits + " is outside 0-9");
    }
    long step = unit;
    for (int i = 0; i < digits; i++) {
      step /= 10;
    }
    if (step == 0) {
      throw new IllegalArgumentException(digits + " decimals are finer than a unit of 1/" + unit);
    }
    boolean negative = value < 0;
    // in steps of 10^-digits, rounded half up: the magnitude fits, as |Long.MIN_VALUE| / step does
    // for step >= 2
    long steps =
        step == 1
            ? Math.abs(value)
            : Math.abs(value / step) + (Math.abs(value % step) * 2 >= step ? 1 : 0);
    long pow = 1;
    for (int i = 0; i < digits; i++) {
      pow *= 10;
    }
    StringBuilder sb = new StringBuilder(24);
    if (negative && steps != 0) {
      sb.append('-');
    }
    sb.append(steps / pow);
    if (digits > 0) {
      String frac = Long.toString(steps % pow);
      sb.append('.').repeat('0', digits - frac.length()).append(frac);
    }
    return sb.toString();
  }
}
