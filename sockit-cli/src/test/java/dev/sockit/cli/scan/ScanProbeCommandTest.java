package dev.sockit.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockit.cli.Cli;
import dev.sockit.core.net.Transport;
import dev.sockit.core.scan.PortResult;
import dev.sockit.core.scan.PortStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** scan and probe run in-process, output captured: bad input, JSON shape, display rules. */
@Timeout(60)
class ScanProbeCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Cli.create(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
  }

  @Test
  void badInputExits2WithOneLine() {
    assertThat(run("scan", "127.0.0.1", "0-10")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("sockit: port 0 is outside 1-65535 (port 0 cannot be connected to)\n");
    err.getBuffer().setLength(0);
    assertThat(run("scan", "127.0.0.1", "80", "--top", "10")).isEqualTo(2);
    assertThat(err.toString()).contains("not both");
    err.getBuffer().setLength(0);
    assertThat(run("scan", "127.0.0.1", "--top", "5000")).isEqualTo(2);
    assertThat(err.toString()).contains("1-1000");
    err.getBuffer().setLength(0);
    assertThat(run("scan", "bad_host..x", "80")).isEqualTo(2);
    err.getBuffer().setLength(0);
    assertThat(run("probe", "ftp://example.org/")).isEqualTo(2);
    assertThat(err.toString()).contains("not ftp://");
    err.getBuffer().setLength(0);
    assertThat(run("probe", "https://localhost:1/", "--cacert", "/nonexistent.pem")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("sockit: --cacert /nonexistent.pem: no such file\n");
  }

  @Test
  void probeJsonOkMeansExitZero() {
    dev.sockit.core.probe.ProbeTarget t =
        new dev.sockit.core.probe.ProbeTarget("localhost", 8443, true, null);
    dev.sockit.core.probe.Phase.Tls untrusted =
        new dev.sockit.core.probe.Phase.Tls(
            Duration.ZERO,
            Duration.ofMillis(3),
            "TLSv1.3",
            "TLS_AES_128_GCM_SHA256",
            "",
            "localhost",
            List.of(),
            false,
            "self-signed");
    dev.sockit.core.probe.ProbeReport r =
        new dev.sockit.core.probe.ProbeReport(t, List.of(untrusted), Duration.ofMillis(5));
    assertThat(ProbeJson.of(r, false))
        .containsEntry("ok", false); // the command exits 1: not trusted
    assertThat(ProbeJson.of(r, true)).containsEntry("ok", true); // -k: exits 0
    dev.sockit.core.probe.ProbeReport plain =
        new dev.sockit.core.probe.ProbeReport(
            new dev.sockit.core.probe.ProbeTarget("localhost", 22, false, null),
            List.of(),
            Duration.ofMillis(1));
    assertThat(ProbeJson.of(plain, false)).containsEntry("ok", true);
  }

  @Test
  void scanTextHidesTheCrowdedStateOnly() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      int p = s.getLocalPort();
      int from = Math.max(1, p - 20);
      assertThat(run("scan", "127.0.0.1", from + "-" + (from + 40))).isZero();
      assertThat(out.toString())
          .contains(p + "/tcp")
          .contains("open")
          .contains("closed ports (--all lists them)")
          .containsPattern("Summary: \\d+ open, \\d+ closed");
    }
  }

  @Test
  void hiddenStatusFollowsNmapsRule() {
    List<PortResult> few = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      few.add(result(i, PortStatus.CLOSED));
    }
    assertThat(ScanCommand.hiddenStatus(few)).isNull();
    few.add(result(26, PortStatus.CLOSED));
    assertThat(ScanCommand.hiddenStatus(few)).isEqualTo(PortStatus.CLOSED);
    List<PortResult> allOpen = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      allOpen.add(result(i, PortStatus.OPEN));
    }
    assertThat(ScanCommand.hiddenStatus(allOpen)).isNull(); // open ports are always listed
  }

  private static PortResult result(int port, PortStatus s) {
    return new PortResult(port, Transport.TCP, s, "x", Duration.ZERO, new byte[0]);
  }
}
