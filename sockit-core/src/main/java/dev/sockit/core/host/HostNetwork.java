package dev.sockit.core.host;

import dev.sockit.core.address.IpAddress;
import java.io.IOException;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * This host's network as {@code ip address}, {@code ip route} and {@code resolv.conf} show it: the
 * interfaces with their addresses, the default gateways and the DNS servers. What the platform
 * cannot tell (gateways off Linux, for example) is empty, with a note saying why, never guessed.
 *
 * @param interfaces every interface, by index
 * @param ipv4Gateways the IPv4 default gateways by metric, or empty when unknown
 * @param ipv6Gateways the IPv6 default gateways by metric, or empty when unknown
 * @param resolver the DNS settings, or empty when unknown
 * @param notes what could not be determined, and why
 */
public record HostNetwork(
    List<HostInterface> interfaces,
    Optional<List<Gateway>> ipv4Gateways,
    Optional<List<Gateway>> ipv6Gateways,
    Optional<ResolverConfig> resolver,
    List<String> notes) {

  /** Copies the lists. */
  public HostNetwork {
    interfaces = List.copyOf(interfaces);
    Objects.requireNonNull(ipv4Gateways, "ipv4Gateways");
    Objects.requireNonNull(ipv6Gateways, "ipv6Gateways");
    Objects.requireNonNull(resolver, "resolver");
    notes = List.copyOf(notes);
  }

  /**
   * Where to read routes and DNS settings from.
   *
   * @param ipv4Routes Linux's {@code /proc/net/route}
   * @param ipv6Routes Linux's {@code /proc/net/ipv6_route}
   * @param resolvConf {@code /etc/resolv.conf}
   * @param sysClassNet Linux's {@code /sys/class/net}, for interfaces Java does not list
   */
  public record Sources(Path ipv4Routes, Path ipv6Routes, Path resolvConf, Path sysClassNet) {
    /** The standard locations. */
    public static final Sources SYSTEM =
        new Sources(
            Path.of("/proc/net/route"),
            Path.of("/proc/net/ipv6_route"),
            Path.of("/etc/resolv.conf"),
            Path.of("/sys/class/net"));
  }

  /**
   * Reads this host's network from the standard locations.
   *
   * @return the facts
   * @throws IOException if the interface list cannot be read
   */
  public static HostNetwork read() throws IOException {
    return read(Sources.SYSTEM);
  }

  /**
   * Reads this host's interfaces, and routes and DNS settings from {@code sources}.
   *
   * @param sources the files
   * @return the facts
   * @throws IOException if the interface list cannot be read
   */
  public static HostNetwork read(Sources sources) throws IOException {
    List<String> notes = new ArrayList<>();
    Optional<List<Gateway>> v4 = routes(sources.ipv4Routes(), true, notes);
    Optional<List<Gateway>> v6 = routes(sources.ipv6Routes(), false, notes);
    Optional<ResolverConfig> dns = Optional.empty();
    if (Files.isReadable(sources.resolvConf())) {
      dns = Optional.of(ResolverConfig.parse(LinuxFiles.read(sources.resolvConf())));
    } else {
      notes.add(
          "DNS servers: unknown ("
              + sources.resolvConf()
              + " is missing; this platform keeps them elsewhere)");
    }
    return new HostNetwork(listInterfaces(sources.sysClassNet()), v4, v6, dns, notes);
  }

  private static Optional<List<Gateway>> routes(Path file, boolean ipv4, List<String> notes)
      throws IOException {
    String family = ipv4 ? "IPv4" : "IPv6";
    if (!Files.isReadable(file)) {
      notes.add(
          family
              + " default gateway: unknown ("
              + file
              + " is missing: Java has no route API and sockit reads routes only on Linux)");
      return Optional.empty();
    }
    String text = LinuxFiles.read(file);
    try {
      return Optional.of(ipv4 ? DefaultRoutes.ipv4(text) : DefaultRoutes.ipv6(text));
    } catch (RuntimeException e) {
      notes.add(
          family
              + " default gateway: unknown ("
              + file
              + " has an unexpected format: "
              + e.getMessage()
              + ")");
      return Optional.empty();
    }
  }

  /**
   * Every interface: those Java lists (sub-interfaces included), completed from Linux's {@code
   * sysClassNet} where it exists (MTU, MAC and flags the kernel reports, and interfaces without
   * addresses, which Java leaves out), ordered by index.
   *
   * @param sysClassNet Linux's {@code /sys/class/net}; ignored when missing
   * @return the interfaces
   * @throws IOException if the platform refuses the list
   */
  public static List<HostInterface> listInterfaces(Path sysClassNet) throws IOException {
    List<HostInterface> out = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    try {
      for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
        out.add(describe(nif, SysfsInterface.read(sysClassNet, nif.getName())));
        seen.add(nif.getName());
        for (NetworkInterface sub : nif.subInterfaces().toList()) {
          out.add(describe(sub, Optional.empty()));
          seen.add(sub.getName());
        }
      }
    } catch (SocketException e) {
      throw new IOException("cannot list network interfaces: " + e.getMessage(), e);
    }
    for (String name : SysfsInterface.names(sysClassNet)) {
      if (!seen.contains(name)) {
        SysfsInterface.read(sysClassNet, name)
            .ifPresent(
                s ->
                    out.add(
                        new HostInterface(
                            s.index(),
                            s.name(),
                            s.mac(),
                            s.mtu(),
                            s.has(SysfsInterface.IFF_UP),
                            s.has(SysfsInterface.IFF_LOOPBACK),
                            s.has(SysfsInterface.IFF_BROADCAST),
                            s.has(SysfsInterface.IFF_MULTICAST),
                            s.has(SysfsInterface.IFF_POINTOPOINT),
                            s.virtual(),
                            List.of())));
      }
    }
    out.sort(Comparator.comparingInt(HostInterface::index).thenComparing(HostInterface::name));
    return out;
  }

  private static HostInterface describe(NetworkInterface nif, Optional<SysfsInterface> sys)
      throws SocketException {
    List<InterfaceAddressInfo> addresses = new ArrayList<>();
    boolean broadcast = false;
    for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
      IpAddress a = IpAddress.of(ia.getAddress());
      String scope = InterfaceAddressInfo.scopeOf(a);
      if (!scope.equals("link")) {
        a =
            a.withZone(
                null); // Java attaches the interface to every IPv6 address; only link-local needs
        // it
      }
      IpAddress bcast = ia.getBroadcast() == null ? null : IpAddress.of(ia.getBroadcast());
      broadcast |= bcast != null;
      addresses.add(new InterfaceAddressInfo(a, ia.getNetworkPrefixLength(), bcast, scope));
    }
    addresses.sort(Comparator.comparing(InterfaceAddressInfo::address));
    String mac = HostInterface.formatMac(nif.getHardwareAddress());
    if (sys.isPresent()) {
      SysfsInterface s = sys.get();
      return new HostInterface(
          nif.getIndex(),
          nif.getName(),
          mac != null ? mac : s.mac(),
          nif.getMTU(),
          nif.isUp(),
          nif.isLoopback(),
          s.has(SysfsInterface.IFF_BROADCAST),
          s.has(SysfsInterface.IFF_MULTICAST),
          nif.isPointToPoint(),
          nif.isVirtual() || s.virtual(),
          addresses);
    }
    return new HostInterface(
        nif.getIndex(),
        nif.getName(),
        mac,
        nif.getMTU(),
        nif.isUp(),
        nif.isLoopback(),
        broadcast,
        nif.supportsMulticast(),
        nif.isPointToPoint(),
        nif.isVirtual(),
        addresses);
  }
}
