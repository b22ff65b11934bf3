package dev.sockit.bench;

import dev.sockit.core.address.IpAddress;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many addresses {@link IpAddress#parse(String)} handles a second on one thread. The inputs
 * are 4096 random addresses (fixed seed) cycled through, so neither the branch predictor nor the
 * JIT sees a constant; the canonical IPv6 text mixes full, compressed and IPv4-mapped forms.
 * Target from issue 3: at least 10 million IPv4 and 3 million IPv6 addresses a second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class IpParseBenchmark {
  private static final int COUNT = 4096;
  private final String[] ipv4 = new String[COUNT];
  private final String[] ipv6 = new String[COUNT];
  private int i;

  @Setup
  public void setUp() {
    Random r = new Random(3);
    for (int k = 0; k < COUNT; k++) {
      ipv4[k] = IpAddress.ipv4(r.nextInt()).toString();
      IpAddress v6 = switch (k % 4) {
        case 0 -> IpAddress.ipv6(r.nextLong(), r.nextLong());
        case 1 -> IpAddress.ipv6(0x2001_0db8_0000_0000L | (r.nextLong() & 0xffff), r.nextInt(1 << 16));
        case 2 -> IpAddress.ipv6(0xfe80_0000_0000_0000L, r.nextLong());
        default -> IpAddress.ipv6(0, 0xffff_0000_0000L | (r.nextInt() & 0xffff_ffffL));
      };
      ipv6[k] = k % 8 == 1 ? v6.expanded() : v6.toString();
    }
  }

  @Benchmark
  public IpAddress parseIpv4() {
    return IpAddress.parse(ipv4[i++ & (COUNT - 1)]);
  }

  @Benchmark
  public IpAddress parseIpv6() {
    return IpAddress.parse(ipv6[i++ & (COUNT - 1)]);
  }
}
