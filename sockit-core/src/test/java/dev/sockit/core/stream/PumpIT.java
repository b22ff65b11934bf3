package dev.sockit.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockit.core.testing.Libc22;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every pump test again, run against the multi-release jar: on Java 22+ Linux files, pipes and
 * sockets move with splice(2) (ZeroCopy), and a transfer that began during the linking switches to
 * it.
 */
class PumpIT extends PumpTest {
  @BeforeAll
  static void spliceIsTheOneUnderTest() {
    Libc22.assumeLibcCalls("the buffered path is tested by PumpTest");
    assertThat(Pump.zeroCopy()).as("the jar's Java 22 ZeroCopy is on the class path").isTrue();
    Pump.linkAfterForTest(0);
    Pump.prepare(); // linked before the first transfer: splice from the first byte, however short
    // the test's stream
  }

  @Override
  long linkAfterOfThisClass() {
    return 0;
  }

  @org.junit.jupiter.api.AfterAll
  static void linkAfterAsUsual() {
    Pump.linkAfterForTest(Pump.LINK_AFTER);
  }
}
