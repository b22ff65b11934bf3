package dev.sockit.cli.options;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Times as ncat writes them: {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 3m}, {@code 1h}; a
 * bare number is seconds.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  public static Duration parse(String value) {
    String v = value.strip().toLowerCase(java.util.Locale.ROOT);
    long unitNanos;
    String number;
    if (v.endsWith("ms")) {
      unitNanos = 1_000_000L;
      number = v.substring(0, v.length() - 2);
    } else if (v.endsWith("s")) {
      unitNanos = 1_000_000_000L;
      number = v.substring(0, v.length() - 1);
    } else if (v.endsWith("m")) {
      unitNanos = 60_000_000_000L;
      number = v.substring(0, v.length() - 1);
    } else if (v.endsWith("h")) {
      unitNanos = 3_600_000_000_000L;
      number = v.substring(0, v.length() - 1);
    } else {
      unitNanos = 1_000_000_000L;
      number = v;
    }
    try {
      double n = Double.parseDouble(number);
      if (!(n >= 0)
          || Double.isInfinite(n)
          || n * unitNanos > Long.MAX_VALUE / 2.0
          || number.isEmpty()
          || !number.matches("[0-9]*\\.?[0-9]+")) {
        throw new NumberFormatException();
      }
      return Duration.ofNanos(Math.round(n * unitNanos));
    } catch (NumberFormatException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a time; write e.g. 500ms, 2s, 1.5s, 3m or 1h");
    }
  }
}
