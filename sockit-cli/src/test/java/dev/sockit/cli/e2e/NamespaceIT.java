package dev.sockit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Broadcast and multicast between two network namespaces this test creates, joined by a veth pair
 * (10.77.0.1/24 and 10.77.0.2/24). Nothing is sent on the machine's real interfaces. Needs root and
 * iproute2; otherwise skipped with the reason printed.
 */
@Timeout(90)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamespaceIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
  private final String nsA = "sockit-a-" + suffix;
  private final String nsB = "sockit-b-" + suffix;
  private final String vethA = "skta" + suffix;
  private final String vethB = "sktb" + suffix;
  private boolean created;

  @BeforeAll
  void createNamespaces() throws Exception {
    if (!Peers.isRoot()) {
      System.out.println("SKIP: NamespaceIT needs root to create network namespaces");
    }
    assumeTrue(Peers.isRoot(), "needs root to create network namespaces");
    Peers.require("ip");
    created = true;
    ip("netns", "add", nsA);
    ip("netns", "add", nsB);
    ip("link", "add", vethA, "type", "veth", "peer", "name", vethB);
    ip("link", "set", vethA, "netns", nsA);
    ip("link", "set", vethB, "netns", nsB);
    ip("-n", nsA, "addr", "add", "10.77.0.1/24", "brd", "+", "dev", vethA);
    ip("-n", nsB, "addr", "add", "10.77.0.2/24", "brd", "+", "dev", vethB);
    for (String[] nsDev : new String[][] {{nsA, vethA}, {nsB, vethB}}) {
      ip("-n", nsDev[0], "link", "set", "lo", "up");
      ip("-n", nsDev[0], "link", "set", nsDev[1], "up");
      ip("-n", nsDev[0], "route", "add", "224.0.0.0/4", "dev", nsDev[1]);
    }
  }

  @AfterAll
  void deleteNamespaces() throws Exception {
    if (created) {
      runQuietly("ip", "netns", "del", nsA);
      runQuietly("ip", "netns", "del", nsB);
    }
  }

  private static void ip(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ip"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
    }
  }

  private static void runQuietly(String... cmd) throws IOException, InterruptedException {
    new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor(20, TimeUnit.SECONDS);
  }

  private static Proc inNamespace(String ns, String... sockitArgs) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    cmd.addAll(Proc.sockitCommand(sockitArgs));
    return Proc.start(cmd, null);
  }

  @Test
  void broadcastReachesTheOtherNamespace() throws Exception {
    try (Proc listener =
        inNamespace(nsB, "udp", "listen", "--from", "--count", "1", "-4", "0.0.0.0", "9999")) {
      listener.awaitListening();
      try (Proc sender =
          inNamespace(
              nsA,
              "udp",
              "send",
              "--broadcast",
              "--wait",
              "0",
              "10.77.0.255",
              "9999",
              "hello, everyone")) {
        assertThat(sender.waitFor(WAIT)).as(sender.stderr()).isZero();
      }
      assertThat(listener.waitFor(WAIT)).isZero();
      assertThat(listener.stdout()).matches("10\\.77\\.0\\.1:\\d+: hello, everyone\n");
    }
  }

  @Test
  void broadcastWithoutTheFlagIsRefusedWithAHint() throws Exception {
    try (Proc sender = inNamespace(nsA, "udp", "send", "--wait", "0", "10.77.0.255", "9999", "x")) {
      assertThat(sender.waitFor(WAIT)).isEqualTo(1);
      assertThat(sender.stderr().strip())
          .startsWith("sockit: ")
          .contains("--broadcast")
          .doesNotContain("\n");
    }
  }

  @Test
  void multicastGroupMemberReceives() throws Exception {
    try (Proc listener =
        inNamespace(
            nsB,
            "udp",
            "listen",
            "--multicast",
            "239.77.0.9",
            "--iface",
            vethB,
            "--from",
            "--count",
            "1",
            "9998")) {
      listener.awaitListening();
      assertThat(listener.stderr()).contains("joined 239.77.0.9");
      try (Proc sender =
          inNamespace(
              nsA,
              "udp",
              "send",
              "--wait",
              "0",
              "--ttl",
              "1",
              "239.77.0.9",
              "9998",
              "to the group")) {
        assertThat(sender.waitFor(WAIT)).as(sender.stderr()).isZero();
      }
      assertThat(listener.waitFor(WAIT)).isZero();
      assertThat(listener.stdout()).matches("10\\.77\\.0\\.1:\\d+: to the group\n");
    }
  }

  @Test
  void connectTimeoutExitsOneNamingTheAddress() throws Exception {
    // 10.77.0.9 is on the veth subnet but nobody has it: ARP gets no answer, the SYN never leaves.
    try (Proc client = inNamespace(nsA, "tcp", "connect", "-w", "300ms", "10.77.0.9", "80")) {
      assertThat(client.waitFor(WAIT)).isEqualTo(1);
      assertThat(client.stderr().strip())
          .startsWith("sockit: ")
          .contains("10.77.0.9:80")
          .contains("timed out")
          .doesNotContain("\n");
    }
  }
}
