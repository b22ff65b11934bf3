package dev.sockit.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockit.core.event.TrafficEvent.Transport;
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
  void noneKnowsNothingAndOrElseFallsBack() {
    assertThat(ServiceNames.none().name(22, Transport.TCP)).isEmpty();
    assertThat(ServiceNames.none().orElse(CommonPorts.load()).name(22, Transport.TCP)).contains("ssh");
  }
}
