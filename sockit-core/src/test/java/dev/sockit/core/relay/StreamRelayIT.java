package dev.sockit.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockit.core.stream.Pump;
import dev.sockit.core.testing.Libc22;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every stream relay test again, run against the multi-release jar: on Java 22+ Linux both sides of
 * each connection are relayed inside the kernel by the splice loops.
 */
class StreamRelayIT extends StreamRelayTest {
  @BeforeAll
  static void spliceLoopsAreTheOnesUnderTest() {
    Libc22.assumeLibcCalls("the two-thread path is tested by StreamRelayTest");
    assertThat(Pump.prepare()).as("the jar's Java 22 ZeroCopy is on the class path").isTrue();
  }

  @org.junit.jupiter.api.Test
  void theBytesMoveOnASpliceLoop() throws Exception {
    try (var target =
            dev.sockit.core.tcp.TcpServer.bind(
                dev.sockit.core.tcp.TcpServerOptions.of(v4(), 0),
                dev.sockit.core.stream.ConnectionIo.echo());
        Relay relay = start("tcp:127.0.0.1:0", "tcp:127.0.0.1:" + target.port(), null);
        var client = connect("127.0.0.1", relay)) {
      assertThat(echo(client, "x".getBytes(), false)).isEqualTo("x".getBytes());
      assertThat(Thread.getAllStackTraces().keySet())
          .anyMatch(t -> t.getName().startsWith("sockit-splice-"));
    }
  }
}
