package dev.sockit.core.ipmsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 peers in one namespace (200 addresses on one veth) announce at once by broadcast; the engine
 * in the other namespace lists every one of them. The time it takes is printed (the 2 s target is
 * measured by bench/lan-scale.sh, not asserted here). Needs root and python3.
 */
@Timeout(120)
class LanScaleIT {
  private static final int PEERS = 200;

  @TempDir Path tmp;

  @Test
  void twoHundredPeersAnnouncingAtOnceAreAllListed() throws Exception {
    String why = Netns.unavailable();
    why = why != null ? why : Iptux.onPath("python3") ? null : "needs python3";
    if (why != null) {
      System.out.println("SKIP: LanScaleIT " + why);
    }
    assumeTrue(why == null, why);
    Path script = Path.of(LanScaleIT.class.getResource("/ipmsg/announce.py").toURI());
    try (Netns net = Netns.pair()) {
      List<String> addresses = net.addAddressesToA(PEERS);
      try (Spawned node =
          Spawned.start(
              "sockit",
              Netns.in(
                  net.b,
                  Spawned.java(LanNode.class.getName(), "scale", "0.0.0.0", "2425", Netns.BROADCAST)
                      .toArray(String[]::new)),
              Map.of(),
              tmp.resolve("node.err"))) {
        node.await("ready 2425", Duration.ofSeconds(20));
        Thread.sleep(500); // the engine's receiving thread is running
        List<String> cmd =
            new ArrayList<>(List.of("python3", script.toString(), Netns.BROADCAST, "2425", "5"));
        cmd.addAll(addresses);
        try (Spawned peers =
            Spawned.start(
                "peers",
                Netns.in(net.a, cmd.toArray(String[]::new)),
                Map.of(),
                tmp.resolve("peers.err"))) {
          Matcher sent = peers.await("sent " + PEERS + " (\\d+) (\\d+)", Duration.ofSeconds(30));
          Matcher all = node.await("size " + PEERS + " (\\d+)", Duration.ofSeconds(10));
          long ms = (Long.parseLong(all.group(1)) - Long.parseLong(sent.group(1))) / 1000;
          System.out.println(
              "LanScaleIT: " + PEERS + " peers listed " + ms + " ms after the first announcement");
          node.send("peers");
          node.await("peers " + PEERS, Duration.ofSeconds(5));
          assertThat(node.count("joined 10\\.81\\.0\\.\\d+ FEIQ - peer\\d+")).isEqualTo(PEERS);
        }
      }
    }
  }
}
