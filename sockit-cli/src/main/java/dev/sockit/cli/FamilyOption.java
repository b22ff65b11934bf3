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
}
