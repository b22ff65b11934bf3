package dev.sockit.cli.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalsTest {

  @Test
  void writesWhatFormatWritesForWholeNanoseconds() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      // up to ~3 hours: where nanos / 1e9 as a double is still the exact decimal
      long nanos = random.nextLong(-10_000_000_000_000L, 10_000_000_000_000L) >> random.nextInt(40);
      for (int digits = 0; digits <= 3; digits++) {
        assertThat(Decimals.seconds(Duration.ofNanos(nanos), digits))
            .as("%d ns, %d digits", nanos, digits)
            .isEqualTo(format(digits, nanos / 1e9));
        assertThat(Decimals.millis(nanos, digits))
            .as("%d ns, %d digits", nanos, digits)
            .isEqualTo(format(digits, nanos / 1e6));
      }
    }
  }

  /** What %f writes, except that a value that rounds to zero has no sign ("-0.00" is "0.00"). */
  private static String format(int digits, double value) {
    String f = String.format(Locale.ROOT, "%." + digits + "f", value);
    return f.matches("-0(\\.0*)?") ? f.substring(1) : f;
  }

  @Test
  void roundsHalfUpExactlyAtTheEdges() {
    assertThat(Decimals.seconds(Duration.ofMillis(145), 2)).isEqualTo("0.15");
    assertThat(Decimals.seconds(Duration.ofNanos(144_999_999), 2)).isEqualTo("0.14");
    assertThat(Decimals.seconds(Duration.ofMillis(995), 2)).isEqualTo("1.00");
    assertThat(Decimals.seconds(Duration.ZERO, 2)).isEqualTo("0.00");
    assertThat(Decimals.millis(1_250, 3)).isEqualTo("0.001");
    assertThat(Decimals.millis(1_500, 3)).isEqualTo("0.002");
    assertThat(Decimals.millis(-1_500, 3)).isEqualTo("-0.002");
    assertThat(Decimals.millis(-400, 3)).isEqualTo("0.000");
    assertThat(Decimals.millis(123_456_789, 1)).isEqualTo("123.5");
    assertThat(Decimals.fixed(Long.MAX_VALUE, 1_000_000_000L, 9)).isEqualTo("9223372036.854775807");
    assertThat(Decimals.fixed(Long.MIN_VALUE, 1_000_000_000L, 2)).isEqualTo("-9223372036.85");
    assertThat(Decimals.fixed(Long.MAX_VALUE, 1_000_000_000L, 0))
        .isEqualTo(
            new BigDecimal(Long.MAX_VALUE)
                .movePointLeft(9)
                .setScale(0, RoundingMode.HALF_UP)
                .toPlainString());
  }

  @Test
  void refusesDigitsItCannotWrite() {
    assertThatThrownBy(() -> Decimals.fixed(1, 1000, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finer");
    assertThatThrownBy(() -> Decimals.fixed(1, 1000, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }
}
