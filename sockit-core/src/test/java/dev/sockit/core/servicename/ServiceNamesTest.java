package dev.sockit.core.servicename;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockit.core.net.Transport;
import org.junit.jupiter.api.Test;

class ServiceNamesTest {
  private final ServiceNames names = ServiceNames.standard();

  @Test
  void commonTableFirstThenTheIanaRegistry() {
    assertThat(names.name(22, Transport.TCP)).contains("ssh");
    assertThat(names.name(6379, Transport.TCP)).contains("redis");
    assertThat(names.name(53, Transport.UDP)).contains("domain");
    // 3260 (iSCSI) is not in sockit's common table: the registry names it
    assertThat(CommonPorts.load().name(3260, Transport.TCP)).isEmpty();
    assertThat(names.name(3260, Transport.TCP)).contains("iscsi-target");
    assertThat(names.port("iscsi-target", Transport.TCP)).hasValue(3260);
    assertThat(names.name(0, Transport.UNIX)).isEmpty();
  }

  @Test
  void commonTableReadsOrderNamesAndCommentsFromItsRows() {
    CommonPorts common = CommonPorts.load();
    assertThat(common.top(3, Transport.TCP)).containsExactly(80, 23, 443);
    assertThat(common.top(1000, Transport.TCP)).hasSize(1000).doesNotHaveDuplicates();
    assertThat(common.top(200, Transport.UDP)).hasSize(200).doesNotHaveDuplicates();
    assertThat(common.port("SSH", Transport.TCP)).hasValue(22);
    assertThat(common.port("ssh", Transport.UNIX)).isEmpty();
    assertThat(common.name(22, Transport.UNIX)).isEmpty();

    CommonPorts parsed =
        CommonPorts.parse(
            java.util.List.of(
                "# comment",
                "",
                "  8080/tcp   http-alt  extra words",
                "9/udp -",
                "80/tcp www",
                "8000/tcp www"));
    assertThat(parsed.top(3, Transport.TCP)).containsExactly(8080, 80, 8000);
    assertThat(parsed.top(1, Transport.UDP)).containsExactly(9);
    assertThat(parsed.name(8080, Transport.TCP)).contains("http-alt");
    assertThat(parsed.name(9, Transport.UDP)).isEmpty();
    assertThat(parsed.name(8080, Transport.UDP)).isEmpty();
    assertThat(parsed.port("WWW", Transport.TCP))
        .hasValue(80); // the first row of a shared name, not the lowest port
    assertThat(parsed.port("www", Transport.TCP)).hasValue(80);
    assertThat(
            CommonPorts.parse(java.util.List.of("8000/tcp www", "80/tcp www"))
                .port("www", Transport.TCP))
        .hasValue(8000);
    assertThat(common.port("http-alt", Transport.TCP))
        .hasValue(8080); // as /etc/services and ss have it (IANA also lists 591)
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> CommonPorts.parse(java.util.List.of("80 http")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("80 http");
  }

  @Test
  void noneKnowsNothingAndOrElseFallsBack() {
    assertThat(ServiceNames.none().name(22, Transport.TCP)).isEmpty();
    assertThat(ServiceNames.none().orElse(CommonPorts.load()).name(22, Transport.TCP))
        .contains("ssh");
  }
}
