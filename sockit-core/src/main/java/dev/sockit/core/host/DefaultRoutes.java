package dev.sockit.core.host;

import dev.sockit.core.address.IpAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Default gateways from Linux's routing tables as the kernel prints them in {@code /proc/net/route}
 * (IPv4, addresses in little-endian hex) and {@code /proc/net/ipv6_route} (IPv6, addresses in
 * big-endian hex). Java has no API for this.
 */
final class DefaultRoutes {
  private static final int RTF_UP = 0x1;
  private static final int RTF_GATEWAY = 0x2;
  private static final int RTF_REJECT = 0x200;

  private DefaultRoutes() {}

  /** Parses {@code /proc/net/route}: Iface Destination Gateway Flags RefCnt Use Metric Mask ... */
  static List<Gateway> ipv4(String text) {
    List<Gateway> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 8 || f[0].equals("Iface")) {
        continue;
      }
      int flags = Integer.parseInt(f[3], 16);
      if (!f[1].equals("00000000") || !f[7].equals("00000000") || !usable(flags)) {
        continue;
      }
      int le = (int) Long.parseLong(f[2], 16);
      out.add(new Gateway(IpAddress.ipv4(Integer.reverseBytes(le)), f[0], Long.parseLong(f[6])));
    }
    out.sort(Comparator.comparingLong(Gateway::metric));
    return out;
  }

  /**
   * Parses {@code /proc/net/ipv6_route}: dest plen src plen nexthop metric refcnt use flags iface.
   */
  static List<Gateway> ipv6(String text) {
    List<Gateway> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 10) {
        continue;
      }
      int flags = (int) Long.parseLong(f[8], 16);
      if (!f[0].equals("0".repeat(32)) || !f[1].equals("00") || !usable(flags)) {
        continue;
      }
      IpAddress hop =
          IpAddress.ipv6(
              Long.parseUnsignedLong(f[4].substring(0, 16), 16),
              Long.parseUnsignedLong(f[4].substring(16), 16));
      out.add(new Gateway(hop, f[9], Long.parseLong(f[5], 16)));
    }
    out.sort(Comparator.comparingLong(Gateway::metric));
    return out;
  }

  private static boolean usable(int flags) {
    return (flags & RTF_UP) != 0 && (flags & RTF_GATEWAY) != 0 && (flags & RTF_REJECT) == 0;
  }
}
