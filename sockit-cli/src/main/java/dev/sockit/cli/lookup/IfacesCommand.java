package dev.sockit.cli.lookup;

import dev.sockit.cli.Failures;
import dev.sockit.cli.Reporting;
import dev.sockit.cli.text.JsonText;
import dev.sockit.core.address.IpAddress;
import dev.sockit.core.host.Gateway;
import dev.sockit.core.host.HostInterface;
import dev.sockit.core.host.HostNetwork;
import dev.sockit.core.host.InterfaceAddressInfo;
import dev.sockit.core.host.ResolverConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sockit ifaces}: this host's interfaces, default gateways and DNS servers. */
@Command(
    name = "ifaces",
    header = "List network interfaces, default gateways and DNS servers.",
    mixinStandardHelpOptions = true,
    description = {
      "List this host's network interfaces (index, name, MAC, MTU, flags, addresses with prefix,",
      "netmask, broadcast and scope), the IPv4 and IPv6 default gateways and the DNS servers.",
      "Gateways come from /proc/net/route and /proc/net/ipv6_route (Linux), DNS servers from",
      "/etc/resolv.conf; where the platform cannot tell, sockit says so."
    })
public final class IfacesCommand implements Callable<Integer>, Reporting {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "print JSON (fields in docs/ip.md)")
  boolean json;

  @Override
  public boolean json() {
    return json;
  }

  @Override
  public Integer call() throws IOException {
    HostNetwork net = HostNetwork.read();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonText.print(out, model(net));
    } else {
      text(out, net);
    }
    out.flush();
    return Failures.OK;
  }

  static Map<String, Object> model(HostNetwork net) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Object> ifaces = new ArrayList<>();
    for (HostInterface i : net.interfaces()) {
      Map<String, Object> im = new LinkedHashMap<>();
      im.put("index", i.index());
      im.put("name", i.name());
      im.put("mac", i.mac());
      im.put("mtu", i.mtu());
      im.put("flags", i.flags());
      List<Object> addresses = new ArrayList<>();
      for (InterfaceAddressInfo a : i.addresses()) {
        Map<String, Object> am = new LinkedHashMap<>();
        am.put("address", a.address().toString());
        am.put("version", a.address().isIpv4() ? 4 : 6);
        am.put("prefixLength", a.prefixLength());
        am.put("netmask", a.netmask().toString());
        am.put("network", a.prefix().toNetwork().toString());
        am.put("broadcast", a.broadcast() == null ? null : a.broadcast().toString());
        am.put("scope", a.scope());
        addresses.add(am);
      }
      im.put("addresses", addresses);
      ifaces.add(im);
    }
    m.put("interfaces", ifaces);
    m.put("ipv4Gateways", gateways(net.ipv4Gateways()));
    m.put("ipv6Gateways", gateways(net.ipv6Gateways()));
    m.put(
        "dnsServers",
        net.resolver()
            .map(r -> r.nameservers().stream().map(IpAddress::toString).toList())
            .orElse(null));
    m.put("dnsSearch", net.resolver().map(ResolverConfig::search).orElse(null));
    m.put("notes", notes(net));
    return m;
  }

  private static List<Object> gateways(Optional<List<Gateway>> gateways) {
    if (gateways.isEmpty()) {
      return null;
    }
    List<Object> out = new ArrayList<>();
    for (Gateway g : gateways.get()) {
      Map<String, Object> gm = new LinkedHashMap<>();
      gm.put("address", g.address().toString());
      gm.put("interface", g.interfaceName());
      gm.put("metric", g.metric());
      out.add(gm);
    }
    return out;
  }

  private static List<String> notes(HostNetwork net) {
    List<String> notes = new ArrayList<>(net.notes());
    net.resolver()
        .ifPresent(
            r -> {
              if (r.localStubOnly()) {
                notes.add(
                    "the DNS server is a local stub resolver (e.g. systemd-resolved at 127.0.0.53); it forwards to upstream servers not listed in /etc/resolv.conf (see 'resolvectl status')");
              }
              notes.addAll(r.problems());
            });
    return notes;
  }

  private static void text(PrintWriter out, HostNetwork net) {
    for (HostInterface i : net.interfaces()) {
      out.printf(
          "%d: %s  <%s>%s  mtu %s  mac %s%n",
          i.index(),
          i.name(),
          String.join(",", i.flags()),
          i.up() ? "" : " down",
          i.mtu() < 0 ? "unknown" : Integer.toString(i.mtu()),
          i.mac() == null ? "none" : i.mac());
      for (InterfaceAddressInfo a : i.addresses()) {
        StringBuilder sb =
            new StringBuilder("    ").append(a.address()).append('/').append(a.prefixLength());
        if (a.address().isIpv4()) {
          sb.append("  netmask ").append(a.netmask());
        }
        if (a.broadcast() != null) {
          sb.append("  broadcast ").append(a.broadcast());
        }
        sb.append("  scope ").append(a.scope());
        out.println(sb);
      }
    }
    out.println();
    out.println("IPv4 default gateway: " + gatewayText(net.ipv4Gateways()));
    out.println("IPv6 default gateway: " + gatewayText(net.ipv6Gateways()));
    out.println(
        "DNS servers:          "
            + net.resolver()
                .map(
                    r ->
                        r.nameservers().isEmpty()
                            ? "none listed"
                            : String.join(
                                ", ", r.nameservers().stream().map(IpAddress::toString).toList()))
                .orElse("unknown"));
    net.resolver()
        .filter(r -> !r.search().isEmpty())
        .ifPresent(r -> out.println("DNS search:           " + String.join(" ", r.search())));
    for (String note : notes(net)) {
      out.println("note: " + note);
    }
  }

  private static String gatewayText(Optional<List<Gateway>> gateways) {
    if (gateways.isEmpty()) {
      return "unknown on this platform";
    }
    if (gateways.get().isEmpty()) {
      return "none (no default route)";
    }
    List<String> parts = new ArrayList<>();
    for (Gateway g : gateways.get()) {
      parts.add(g.address() + " via " + g.interfaceName() + " (metric " + g.metric() + ")");
    }
    return String.join(", ", parts);
  }
}
