package dev.sockit.core.portnumber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortFactsTest {

  @ParameterizedTest
  @CsvSource({
    "0,SYSTEM",
    "1023,SYSTEM",
    "1024,USER",
    "49151,USER",
    "49152,DYNAMIC",
    "65535,DYNAMIC"
  })
  void ianaRanges(int port, IanaPortRange range) {
    assertThat(IanaPortRange.of(port)).isEqualTo(range);
  }

  @Test
  void ianaRangeRejectsNonPorts() {
    assertThatThrownBy(() -> IanaPortRange.of(65536)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IanaPortRange.of(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsTheEphemeralRange(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("ip_local_port_range");
    Files.writeString(f, "32768\t60999\n");
    EphemeralRange r = EphemeralRange.read(f).orElseThrow();
    assertThat(r).isEqualTo(new EphemeralRange(32768, 60999));
    assertThat(r.contains(32768)).isTrue();
    assertThat(r.contains(61000)).isFalse();
    assertThat(EphemeralRange.read(dir.resolve("missing"))).isEmpty();
    Files.writeString(f, "garbage\n");
    assertThatThrownBy(() -> EphemeralRange.read(f)).hasMessageContaining("two port numbers");
  }

  @Test
  void readsThisHostsRangeIfLinux() throws IOException {
    if (Files.exists(EphemeralRange.LINUX_FILE)) {
      EphemeralRange r = EphemeralRange.read(EphemeralRange.LINUX_FILE).orElseThrow();
      assertThat(r.first()).isLessThanOrEqualTo(r.last());
    }
  }

  @Test
  @Timeout(20)
  void freeTcpPortsAreDistinctAndBindable() throws IOException {
    List<Integer> ports = FreePorts.find(false, 5);
    assertThat(ports).hasSize(5).doesNotHaveDuplicates().allMatch(p -> p > 0 && p <= 65535);
    for (int p : ports) {
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(p));
        assertThat(s.getLocalPort()).isEqualTo(p);
      }
    }
  }

  @Test
  @Timeout(20)
  void freeUdpPortsAreBindable() throws IOException {
    List<Integer> ports = FreePorts.find(true, 3);
    assertThat(ports).hasSize(3).doesNotHaveDuplicates();
    for (int p : ports) {
      try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(p))) {
        assertThat(s.getLocalPort()).isEqualTo(p);
      }
    }
    assertThatThrownBy(() -> FreePorts.find(true, 0)).hasMessageContaining("--count 0");
  }
}
