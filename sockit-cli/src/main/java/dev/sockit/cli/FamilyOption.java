package dev.sockit.cli;

import dev.sockit.core.net.Family;
import picocli.CommandLine.Option;

/** {@code -4} or {@code -6}. */
final class FamilyOption {
  @Option(names = "-4", description = "IPv4 only.")
  boolean ipv4;

  @Option(names = "-6", description = "IPv6 only.")
  boolean ipv6;

  Family family() {
    return ipv4 ? Family.IPV4 : ipv6 ? Family.IPV6 : Family.ANY;
  }

  /** Refuses a local address of the other family, as ncat does (exit 2). */
  java.net.InetAddress check(java.net.InetAddress address) {
    Family f = family();
    if (address != null && !f.fits(address)) {
      String flag = f == Family.IPV4 ? "-4" : "-6";
      throw new Failures.BadInput(
          f.misfit(address)
              + " ("
              + flag
              + "); drop "
              + flag
              + " or give an "
              + (f == Family.IPV4 ? "IPv4" : "IPv6")
              + " address");
    }
    return address;
  }
}
