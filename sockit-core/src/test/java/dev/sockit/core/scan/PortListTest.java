package dev.sockit.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockit.core.servicename.CommonPorts;
import dev.sockit.core.servicename.ServiceNames;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortListTest {
  private final ServiceNames none = ServiceNames.none();

  @Test
  void rangesAndListsMergeSortedWithoutDuplicates() {
    PortList list = PortList.parse("8000-8002,22, 80,21-23,8001", none);
    assertThat(list.toArray()).containsExactly(21, 22, 23, 80, 8000, 8001, 8002);
    assertThat(list.size()).isEqualTo(7);
    assertThat(list).hasToString("21-23,80,8000-8002");
  }

  @Test
  void openEndedRanges() {
    assertThat(PortList.parse("-", none).size()).isEqualTo(65535);
    assertThat(PortList.parse("65530-", none).toArray())
        .containsExactly(65530, 65531, 65532, 65533, 65534, 65535);
    assertThat(PortList.parse("-3", none).toArray()).containsExactly(1, 2, 3);
    assertThat(PortList.parse("1-65535", none)).isEqualTo(PortList.parse("-", none));
  }

  @Test
  void serviceNamesResolveThroughTheLookup() {
    assertThat(PortList.parse("ssh,https,3306", CommonPorts.load()).toArray())
        .containsExactly(22, 443, 3306);
    assertThatThrownBy(() -> PortList.parse("ssh", none))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ssh'")
        .hasMessageContaining("service name");
  }

  @Test
  void namesWithDashesAreNamesNotRanges() {
    // the names sockit prints in its SERVICE column must be accepted back (nmap's -p takes them
    // too)
    assertThat(PortList.parse("http-alt,ms-wbt-server,22-23", CommonPorts.load()).toArray())
        .containsExactly(22, 23, 3389, 8080);
  }

  @Test
  void badListsNameTheBadPart() {
    assertThatThrownBy(() -> PortList.parse("", none)).hasMessageContaining("empty");
    assertThatThrownBy(() -> PortList.parse("80,,81", none)).hasMessageContaining("empty entry");
    assertThatThrownBy(() -> PortList.parse("100-1", none))
        .hasMessageContaining("backwards")
        .hasMessageContaining("1-100");
    assertThatThrownBy(() -> PortList.parse("0", none)).hasMessageContaining("outside 1-65535");
    assertThatThrownBy(() -> PortList.parse("65536", none)).hasMessageContaining("outside 1-65535");
    assertThatThrownBy(() -> PortList.parse("1-2-3", none)).hasMessageContaining("'1-2-3'");
    assertThatThrownBy(() -> PortList.parse("a-b", none))
        .hasMessageContaining("'a-b'")
        .hasMessageContaining("service name");
    assertThatThrownBy(() -> PortList.parse("99999999", none)).hasMessageContaining("'99999999'");
    assertThatThrownBy(() -> PortList.of(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void commonPortsAreOrderedAndComplete() {
    CommonPorts common = CommonPorts.load();
    assertThat(common.top(5, dev.sockit.core.net.Transport.TCP))
        .containsExactly(80, 23, 443, 21, 22);
    List<Integer> top1000 = common.top(1000, dev.sockit.core.net.Transport.TCP);
    assertThat(top1000).doesNotHaveDuplicates().hasSize(1000).allMatch(p -> p >= 1 && p <= 65535);
    assertThat(common.top(200, dev.sockit.core.net.Transport.UDP))
        .doesNotHaveDuplicates()
        .startsWith(53, 123);
    assertThat(common.name(22, dev.sockit.core.net.Transport.TCP)).contains("ssh");
    assertThat(common.name(6379, dev.sockit.core.net.Transport.TCP)).contains("redis");
    assertThat(common.port("HTTPS", dev.sockit.core.net.Transport.TCP)).hasValue(443);
    assertThatThrownBy(() -> common.top(1001, dev.sockit.core.net.Transport.TCP))
        .hasMessageContaining("1-1000");
    assertThatThrownBy(() -> common.top(0, dev.sockit.core.net.Transport.TCP))
        .hasMessageContaining("1-1000");
  }
}
