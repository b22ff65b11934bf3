package dev.sockit.cli.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Real peer programs: a missing one skips its test with a printed reason; CI installs them all. */
final class Peers {
  private Peers() {}

  static String require(String program) {
    String path = find(program);
    if (path == null) {
      String reason = program + " is not installed; skipped (.ci/run installs it)";
      System.out.println("SKIP: " + reason);
      assumeTrue(false, reason);
    }
    return path;
  }

  static String find(String program) {
    for (String dir :
        System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      File f = new File(dir, program);
      if (f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    return null;
  }

  static void requireIpv6Loopback() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
      assumeTrue(s.getInetAddress() instanceof Inet6Address, "no IPv6 loopback");
    } catch (IOException e) {
      System.out.println("SKIP: IPv6 loopback ::1 is not available here");
      assumeTrue(false, "IPv6 loopback ::1 is not available here");
    }
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /**
   * A TCP port that refuses connections for as long as the socket is open: bound on every address
   * (IPv4 and IPv6), not listening. Nothing else can take the number meanwhile, as it could take a
   * port found free and let go.
   */
  static java.net.Socket closedPort() throws IOException {
    java.net.Socket s = new java.net.Socket();
    s.bind(new java.net.InetSocketAddress(0));
    return s;
  }

  /** A free TCP port on loopback right now, for peers that cannot report a chosen port. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
