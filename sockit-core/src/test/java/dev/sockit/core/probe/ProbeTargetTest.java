package dev.sockit.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProbeTargetTest {
  @Test
  void urlsCarrySchemePortAndPath() {
    ProbeTarget https = ProbeTarget.parse("https://example.org/a/b?c=d", false);
    assertThat(https).isEqualTo(new ProbeTarget("example.org", 443, true, "/a/b?c=d"));
    assertThat(https.http()).isTrue();
    ProbeTarget http = ProbeTarget.parse("http://[::1]:8080", false);
    assertThat(http).isEqualTo(new ProbeTarget("::1", 8080, false, "/"));
    assertThat(http).hasToString("http://[::1]:8080/");
    assertThat(ProbeTarget.parse("HTTP://localhost/", true).tls()).isTrue();
  }

  @Test
  void hostPortProbesStopAfterConnectOrTls() {
    ProbeTarget t = ProbeTarget.parse("db.example:5432", false);
    assertThat(t.http()).isFalse();
    assertThat(t.tls()).isFalse();
    assertThat(ProbeTarget.parse("[::1]:443", true))
        .isEqualTo(new ProbeTarget("::1", 443, true, null));
  }

  @Test
  void badTargetsSayWhatToWrite() {
    assertThatThrownBy(() -> ProbeTarget.parse("example.org", false))
        .hasMessageContaining("has no port")
        .hasMessageContaining("https://example.org/");
    assertThatThrownBy(() -> ProbeTarget.parse("ftp://example.org/", false))
        .hasMessageContaining("not ftp://");
    assertThatThrownBy(() -> ProbeTarget.parse("http:///x", false)).hasMessageContaining("no host");
    assertThatThrownBy(() -> ProbeTarget.parse("http://exa mple.org/", false))
        .hasMessageContaining("not a valid URL");
    assertThatThrownBy(() -> ProbeTarget.parse("example.org:99999", false))
        .hasMessageContaining("99999");
    assertThatThrownBy(() -> ProbeTarget.parse("http://example.org:0/", false))
        .hasMessageContaining("outside 1-65535");
    assertThatThrownBy(() -> ProbeTarget.parse("example.org:70000", false))
        .hasMessage("port 70000 is outside 1-65535");
    assertThatThrownBy(() -> ProbeTarget.parse("example.org:0", false))
        .hasMessageStartingWith("port 0 is outside 1-65535");
    // IPv6 without brackets: say where the brackets go
    assertThatThrownBy(() -> ProbeTarget.parse("::1:42024", false))
        .hasMessage("'::1:42024' is ambiguous; put the IPv6 address in brackets: [::1]:42024");
    assertThatThrownBy(() -> ProbeTarget.parse("::1", false))
        .hasMessageContaining("write [::1]:PORT")
        .hasMessageContaining("https://[::1]/");
  }
}
