package dev.sockit.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every native scan test again with non-blocking sockets on loopback too: loopback targets get
 * blocking connects by default, so without this the path that every other target takes (polling up
 * to {@code concurrency} probes in flight) would go untested, as only loopback may be scanned.
 */
class NativeNonblockingScanIT extends NativeConnectScanIT {
  @BeforeAll
  static void nonblocking() {
    System.setProperty("sockit.nonblockingScan", "true");
    assertThat(NativeConnectScan.blocking(InetAddress.getLoopbackAddress())).isFalse();
  }

  @AfterAll
  static void blockingAgain() {
    System.clearProperty("sockit.nonblockingScan");
  }
}
