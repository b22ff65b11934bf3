package dev.sockit.core.host;

import dev.sockit.core.address.IpAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The DNS settings of {@code /etc/resolv.conf} (resolv.conf(5)): name servers in order, the search
 * domains, and lines sockit could not read.
 *
 * @param nameservers the servers, in the order the resolver tries them
 * @param search the search domains ({@code search} or the older {@code domain})
 * @param problems lines that were not understood, quoted
 */
public record ResolverConfig(
    List<IpAddress> nameservers, List<String> search, List<String> problems) {

  /** Copies the lists. */
  public ResolverConfig {
    nameservers = List.copyOf(nameservers);
    search = List.copyOf(search);
    problems = List.copyOf(problems);
  }

  /**
   * Parses resolv.conf text. A server address that is not a strict IP literal becomes a problem.
   *
   * @param text the file's content
   * @return the settings
   */
  public static ResolverConfig parse(String text) {
    List<IpAddress> servers = new ArrayList<>();
    List<String> search = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      String[] f = line.split("\\s+");
      switch (f[0]) {
        case "nameserver" -> {
          if (f.length < 2) {
            problems.add("'" + line + "': nameserver without an address");
            continue;
          }
          try {
            servers.add(IpAddress.parse(f[1]));
          } catch (IllegalArgumentException e) {
            problems.add("'" + line + "': " + e.getMessage());
          }
        }
        case "search", "domain" -> {
          search.clear();
          search.addAll(List.of(f).subList(1, f.length));
        }
        default -> {
          // options, sortlist: not needed to answer "which servers"
        }
      }
    }
    return new ResolverConfig(servers, search, problems);
  }

  /**
   * Whether the only server is a local stub resolver (systemd-resolved's 127.0.0.53, dnsmasq on
   * 127.0.0.1), which forwards to upstream servers that this file does not list.
   *
   * @return {@code true} for a loopback-only list
   */
  public boolean localStubOnly() {
    return !nameservers.isEmpty()
        && nameservers.stream()
            .allMatch(a -> a.isIpv4() ? (a.low() >>> 24) == 127 : a.high() == 0 && a.low() == 1);
  }
}
