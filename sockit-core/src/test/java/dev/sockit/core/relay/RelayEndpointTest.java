package dev.sockit.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How relay ends are written, and what a mistyped one says. */
class RelayEndpointTest {
  @Test
  void sourcesMayLeaveOutTheAddress() {
    assertThat(RelayEndpoint.source("tcp:8080")).isEqualTo(new RelayEndpoint.Tcp(null, 8080));
    assertThat(RelayEndpoint.source("tcp:127.0.0.1:0"))
        .isEqualTo(new RelayEndpoint.Tcp("127.0.0.1", 0));
    assertThat(RelayEndpoint.source("udp:[::1]:53")).isEqualTo(new RelayEndpoint.Udp("::1", 53));
    assertThat(RelayEndpoint.source("UDP:5353")).isEqualTo(new RelayEndpoint.Udp(null, 5353));
    assertThat(RelayEndpoint.source("unix:/tmp/a.sock"))
        .isEqualTo(new RelayEndpoint.Unix(Path.of("/tmp/a.sock")));
  }

  @Test
  void targetsNeedAHostAndARealPort() {
    assertThat(RelayEndpoint.target("tcp:example.org:80"))
        .isEqualTo(new RelayEndpoint.Tcp("example.org", 80));
    assertThat(RelayEndpoint.target("tcp:[::1]:9000").toString()).isEqualTo("tcp:[::1]:9000");
    assertThatThrownBy(() -> RelayEndpoint.target("tcp:80"))
        .hasMessageContaining("relay target 'tcp:80'")
        .hasMessageContaining("tcp:HOST:PORT");
    assertThatThrownBy(() -> RelayEndpoint.target("tcp:localhost:0"))
        .hasMessageContaining("port 0");
  }

  @Test
  void mistakesSayWhatIsWrongAndHowToWriteIt() {
    assertThatThrownBy(() -> RelayEndpoint.source("8080"))
        .hasMessageContaining("'8080' names no transport")
        .hasMessageContaining("tcp:[ADDR:]PORT");
    assertThatThrownBy(() -> RelayEndpoint.source("tcp:70000")).hasMessageContaining("70000");
    assertThatThrownBy(() -> RelayEndpoint.target("tcp:::1:80")).hasMessageContaining("brackets");
    assertThatThrownBy(() -> RelayEndpoint.target("unix:")).hasMessageContaining("empty");
    assertThatThrownBy(() -> RelayEndpoint.target("sctp:h:1")).hasMessageContaining("transport");
  }

  @Test
  void aDatagramSourceNeedsADatagramTarget() {
    assertThatThrownBy(
            () ->
                RelayOptions.of(
                    RelayEndpoint.source("udp:53"), RelayEndpoint.target("tcp:127.0.0.1:53")))
        .hasMessageContaining("cannot relay udp:53 to tcp:127.0.0.1:53");
    assertThat(
            RelayOptions.of(
                    RelayEndpoint.source("unix:/tmp/x"), RelayEndpoint.target("tcp:127.0.0.1:1"))
                .maxSessions())
        .isEqualTo(RelayOptions.DEFAULT_MAX_SESSIONS);
  }
}
