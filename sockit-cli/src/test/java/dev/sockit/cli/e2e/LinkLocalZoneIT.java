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
 * IPv6 link-local senders between two network namespaces this test creates (a veth pair with
 * fe80::a and fe80::b): sockit names the zone by its interface ({@code %veth0}), as getnameinfo
 * does (Python shows it), not by its index ({@code %7}); ncat drops the zone altogether. A reply to
 * a link-local sender leaves from the link-local address it wrote to. Needs root; otherwise skipped
 * with the reason printed.
 */
@Timeout(90)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinkLocalZoneIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
  private final String nsA = "sockit-za-" + suffix;
  private final String nsB = "sockit-zb-" + suffix;
  private final String vethA = "skza" + suffix;
  private final String vethB = "skzb" + suffix;
  private boolean created;

  @BeforeAll
  void createNamespaces() throws Exception {
    if (!Peers.isRoot()) {
      System.out.println("SKIP: LinkLocalZoneIT needs root to create network namespaces");
    }
    assumeTrue(Peers.isRoot(), "needs root to create network namespaces");
    Peers.require("ip");
    created = true;
    run("ip", "netns", "add", nsA);
    run("ip", "netns", "add", nsB);
    run("ip", "link", "add", vethA, "type", "veth", "peer", "name", vethB);
    run("ip", "link", "set", vethA, "netns", nsA);
    run("ip", "link", "set", vethB, "netns", nsB);
    run("ip", "-n", nsA, "link", "set", vethA, "up");
    run("ip", "-n", nsB, "link", "set", vethB, "up");
    // nodad: usable at once, without waiting out duplicate address detection
    run("ip", "-n", nsA, "-6", "addr", "add", "fe80::a/64", "dev", vethA, "nodad");
    run("ip", "-n", nsB, "-6", "addr", "add", "fe80::b/64", "dev", vethB, "nodad");
  }

  @AfterAll
  void deleteNamespaces() throws Exception {
    if (created) {
      new ProcessBuilder("ip", "netns", "del", nsA).start().waitFor(20, TimeUnit.SECONDS);
      new ProcessBuilder("ip", "netns", "del", nsB).start().waitFor(20, TimeUnit.SECONDS);
    }
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
    }
  }

  private static Proc in(String ns, List<String> command) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    cmd.addAll(command);
    return Proc.start(cmd, null);
  }

  private static Proc sockitIn(String ns, String... args) throws IOException {
    return in(ns, Proc.sockitCommand(args));
  }

  @Test
  void aLinkLocalSenderIsShownWithItsInterfaceNameAsZone() throws Exception {
    String python = Peers.require("python3");
    String ncat = Peers.require("ncat");
    String target = "fe80::b%" + vethA;
    // getnameinfo, the C library's way of writing an address, names the zone by its interface
    String receiver =
        "import socket\n"
            + "s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)\n"
            + "s.bind(('::', 7411)); print('ready', flush=True)\n"
            + "d, a = s.recvfrom(100)\n"
            + "print(socket.getnameinfo(a, socket.NI_NUMERICHOST | socket.NI_NUMERICSERV)[0])\n";
    try (Proc py = in(nsB, List.of(python, "-c", receiver))) {
      py.awaitStdout("ready", WAIT);
      try (Proc tx = in(nsA, List.of(ncat, "-u", target, "7411"))) {
        tx.write("hi\n");
        py.awaitStdout("%", WAIT);
      }
      assertThat(py.waitFor(WAIT)).isZero();
      assertThat(py.stdout()).isEqualTo("ready\nfe80::a%" + vethB + "\n");
    }
    try (Proc peer = in(nsB, List.of(ncat, "-v", "-u", "-l", "7412"))) {
      peer.awaitStderr(java.util.regex.Pattern.compile("Listening on"), WAIT);
      try (Proc tx = in(nsA, List.of(ncat, "-u", target, "7412"))) {
        tx.write("hi\n");
        peer.awaitStderr(java.util.regex.Pattern.compile("Connection from \\S+"), WAIT);
      }
      assertThat(peer.stderr()).as("ncat drops the zone").contains("Connection from fe80::a.");
    }
    try (Proc rx = sockitIn(nsB, "udp", "listen", "--from", "--count", "1", "0")) {
      int port = rx.awaitListening();
      try (Proc tx = in(nsA, List.of(ncat, "-u", target, String.valueOf(port)))) {
        tx.write("hi\n");
        assertThat(rx.waitFor(WAIT)).isZero();
      }
      assertThat(rx.stdout()).matches("\\[fe80::a%" + vethB + "]:\\d+: hi\n");
    }
  }

  @Test
  void aReplyToALinkLocalSenderComesFromTheAddressItWroteTo() throws Exception {
    try (Proc rx = sockitIn(nsB, "udp", "listen", "--reply", "pong", "0")) {
      int port = rx.awaitListening();
      try (Proc tx =
          sockitIn(
              nsA,
              "udp",
              "send",
              "--from",
              "--replies",
              "1",
              "--wait",
              "10s",
              "fe80::b%" + vethA,
              String.valueOf(port),
              "ping")) {
        assertThat(tx.waitFor(WAIT)).as(tx.stderr()).isZero();
        assertThat(tx.stdout()).isEqualTo("[fe80::b%" + vethA + "]:" + port + ": pong\n");
      }
    }
  }
}
