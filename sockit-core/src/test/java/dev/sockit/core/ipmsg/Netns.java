package dev.sockit.core.ipmsg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces this test creates, joined by a veth pair ({@code 10.81.0.1/24} in {@link
 * #a}, {@code 10.81.0.2/24} in {@link #b}, broadcast {@code 10.81.0.255}), deleted on close. Every
 * broadcast of these tests stays inside them: nothing is sent on the machine's real interfaces.
 */
final class Netns implements AutoCloseable {
  static final String A_IP = "10.81.0.1";
  static final String B_IP = "10.81.0.2";
  static final String BROADCAST = "10.81.0.255";

  final String a;
  final String b;
  final String vethA;
  final String vethB;
  private final List<Process> started = new ArrayList<>();

  private Netns(String suffix) {
    this.a = "sockit-lan-a-" + suffix;
    this.b = "sockit-lan-b-" + suffix;
    this.vethA = "sla" + suffix;
    this.vethB = "slb" + suffix;
  }

  /** Why these tests cannot run here (not root, no iproute2), or {@code null}. */
  static String unavailable() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "needs root to create network namespaces";
    }
    if (!Files.isExecutable(Path.of("/usr/sbin/ip"))
        && !Files.isExecutable(Path.of("/sbin/ip"))
        && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
      return "needs iproute2 ('ip')";
    }
    return null;
  }

  /** Creates the two namespaces and the veth pair between them. */
  static Netns pair() throws IOException, InterruptedException {
    Netns n = new Netns(Integer.toString(ThreadLocalRandom.current().nextInt(1 << 24), 36));
    try {
      ip("netns", "add", n.a);
      ip("netns", "add", n.b);
      ip("link", "add", n.vethA, "type", "veth", "peer", "name", n.vethB);
      ip("link", "set", n.vethA, "netns", n.a);
      ip("link", "set", n.vethB, "netns", n.b);
      ip("-n", n.a, "addr", "add", A_IP + "/24", "brd", "+", "dev", n.vethA);
      ip("-n", n.b, "addr", "add", B_IP + "/24", "brd", "+", "dev", n.vethB);
      for (String[] nsDev : new String[][] {{n.a, n.vethA}, {n.b, n.vethB}}) {
        ip("-n", nsDev[0], "link", "set", "lo", "up");
        ip("-n", nsDev[0], "link", "set", nsDev[1], "up");
      }
      return n;
    } catch (IOException | RuntimeException e) {
      n.close();
      throw e;
    }
  }

  /** Adds {@code count} (at most 240) more addresses to {@link #a}: 10.81.0.10, 10.81.0.11... */
  List<String> addAddressesToA(int count) throws IOException, InterruptedException {
    if (count > 240) {
      throw new IllegalArgumentException("at most 240 more addresses fit in 10.81.0.0/24");
    }
    List<String> out = new ArrayList<>();
    StringBuilder batch = new StringBuilder();
    for (int i = 0; i < count; i++) {
      String addr = "10.81.0." + (10 + i);
      batch.append("addr add ").append(addr).append("/24 dev ").append(vethA).append('\n');
      out.add(addr);
    }
    Process p = new ProcessBuilder("ip", "-n", a, "-batch", "-").redirectErrorStream(true).start();
    p.getOutputStream()
        .write(batch.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    p.getOutputStream().close();
    String result = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("ip -batch (adding " + count + " addresses) failed: " + result);
    }
    return out;
  }

  /** {@code ip netns exec NS} followed by {@code command}. */
  static List<String> in(String ns, String... command) {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    cmd.addAll(List.of(command));
    return cmd;
  }

  static void ip(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ip"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
  }

  @Override
  public void close() {
    for (String ns : new String[] {a, b}) {
      try {
        new ProcessBuilder("ip", "netns", "del", ns)
            .redirectErrorStream(true)
            .start()
            .waitFor(20, TimeUnit.SECONDS);
      } catch (IOException e) {
        System.out.println("could not delete namespace " + ns + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
