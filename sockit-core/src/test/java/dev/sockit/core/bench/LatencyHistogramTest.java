package dev.sockit.core.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Property
  void everyValueFallsInABucketThatContainsIt(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long v) {
    int i = LatencyHistogram.index(v);
    assertThat(LatencyHistogram.lowest(i)).isLessThanOrEqualTo(v);
    assertThat(LatencyHistogram.lowest(i + 1)).isGreaterThan(v);
  }

  @Test
  void percentilesAreWithinOnePercentOfTheExactOnes() {
    Random r = new Random(7);
    long[] samples = new long[100_000];
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < samples.length; i++) {
      samples[i] = 1_000 + (long) (Math.abs(r.nextGaussian()) * 50_000);
      h.record(samples[i]);
    }
    Arrays.sort(samples);
    for (double p : new double[] {0.5, 0.9, 0.99, 0.999}) {
      long exact = samples[(int) Math.ceil(p * samples.length) - 1];
      assertThat((double) h.percentile(p)).as("p" + p).isCloseTo(exact, within(exact * 0.01));
    }
    assertThat(h.max()).isEqualTo(samples[samples.length - 1]);
    assertThat(h.count()).isEqualTo(samples.length);
  }

  @Test
  void anEmptyHistogramSaysZero() {
    assertThat(new LatencyHistogram().summary()).isEqualTo(new Latency(0, 0, 0, 0, 0, 0, 0));
  }

  @Test
  void udpAccountingCountsReorderingDuplicatesAndLoss() {
    UdpAccount a = new UdpAccount();
    long[] arrivals = {0, 1, 3, 2, 2, 5};
    for (long seq : arrivals) {
      a.record(seq, 1_000, 2_000 + seq * 10);
    }
    UdpReport r = a.report(7);
    assertThat(r.received()).isEqualTo(5);
    assertThat(r.duplicates()).isEqualTo(1);
    assertThat(r.reordered()).isEqualTo(1);
    assertThat(r.lost()).isEqualTo(2);
    assertThat(r.jitterMillis()).isPositive();
  }
}
