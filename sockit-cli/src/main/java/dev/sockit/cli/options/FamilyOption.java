package dev.sockit.cli.options;

import dev.sockit.cli.Failures;
import dev.sockit.core.net.Family;
import java.net.InetAddress;
import picocli.CommandLine.Option;

/** {@code -4} or {@code -6}: a mixin, or an exclusive group where giving both is a parse error. */
public final class FamilyOption {
  @Option(names = "-4", description = "IPv4 only.")
  boolean ipv4;

  @Option(names = "-6", description = "IPv6 only.")
  boolean ipv6;

  /**
   * The family asked for.
   *
   * @return IPv4 with {@code -4}, IPv6 with {@code -6}, else any
   */
  public Family family() {
    return ipv4 ? Family.IPV4 : ipv6 ? Family.IPV6 : Family.ANY;
  }

  /**
   * Refuses a local address of the other family, as ncat does (exit 2).
   *
   * @param address a local address, or {@code null} (every address)
   * @return {@code address}
   * @throws Failures.BadInput if {@code address} is of the other family than the one asked for
   */
  public InetAddress check(InetAddress address) {
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

  /**
   * Whether both were given (possible when this is a mixin rather than an exclusive group).
   *
   * @return true for {@code -4 -6}
   */
  public boolean both() {
    return ipv4 && ipv6;
  }
}
