package dev.sockit.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockit.core.testing.Libc22;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every {@link Pump#between} test again against the multi-release jar: splice from the first byte,
 * the waits parked in the JDK's poller.
 */
class PumpBetweenIT extends PumpBetweenTest {
  @BeforeAll
  static void spliceIsTheOneUnderTest() {
    Libc22.assumeLibcCalls("the buffered path is tested by PumpBetweenTest");
    Pump.linkAfterForTest(0);
    assertThat(Pump.prepare()).isTrue();
    assertThat(ReadinessWait.available()).as("the JDK's poller is reachable").isTrue();
  }

  @AfterAll
  static void linkAfterAsUsual() {
    Pump.linkAfterForTest(Pump.LINK_AFTER);
  }
}
