package dev.sockit.cli.lookup;

import dev.sockit.cli.Failures;
import dev.sockit.cli.Reporting;
import dev.sockit.cli.text.JsonText;
import dev.sockit.core.address.HostPort;
import dev.sockit.core.portnumber.EphemeralRange;
import dev.sockit.core.portnumber.IanaPortRange;
import dev.sockit.core.portnumber.ServiceEntry;
import dev.sockit.core.portnumber.ServiceRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sockit port}: what a port number or service name means. */
@Command(
    name = "port",
    header = "Explain a port number or service name: registrations and ranges.",
    mixinStandardHelpOptions = true,
    subcommands = {PortFreeCommand.class},
    description = {
      "Explain a port number or service name: the IANA registrations (tcp and udp), the IANA range",
      "(system 0-1023, user 1024-49151, dynamic 49152-65535) and whether this host's kernel hands",
      "it out as an ephemeral port (/proc/sys/net/ipv4/ip_local_port_range)."
    },
    footer = {
      "",
      "Examples:",
      "  sockit port 22",
      "  sockit port https --json",
      "  sockit port free --count 3"
    })
public final class PortCommand implements Callable<Integer>, Reporting {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PORT-or-SERVICE",
      description = "e.g. 443 or https")
  String query;

  @Option(names = "--json", description = "print JSON (fields in docs/ip.md)")
  boolean json;

  @Override
  public boolean json() {
    return json;
  }

  @Override
  public Integer call() throws IOException {
    if (query == null) {
      throw new Failures.BadInput(
          "give a port or service name, e.g. 'sockit port 443' (see 'sockit port --help')");
    }
    ServiceRegistry registry = ServiceRegistry.bundled();
    TreeSet<Integer> ports = new TreeSet<>();
    if (!query.isEmpty() && query.chars().allMatch(c -> c >= '0' && c <= '9')) {
      ports.add(HostPort.parsePort(query));
    } else {
      if (!query.matches("[A-Za-z0-9][A-Za-z0-9._+-]{0,62}")) {
        throw new Failures.BadInput(
            "'" + query + "' is neither a port 0-65535 nor a service name such as https");
      }
      List<ServiceEntry> named = registry.byName(query);
      if (named.isEmpty()) {
        throw new Failures.BadInput(
            "no service named '"
                + query
                + "' in the IANA registry (as of "
                + registry.asOf()
                + ")");
      }
      for (ServiceEntry e : named) {
        ports.add(e.firstPort());
      }
    }
    Optional<EphemeralRange> ephemeral = EphemeralRange.read(EphemeralRange.LINUX_FILE);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("query", query);
    List<Object> list = new ArrayList<>();
    for (int port : ports) {
      list.add(port(port, registry, ephemeral));
    }
    m.put("ports", list);
    m.put("ephemeralRange", ephemeral.map(PortCommand::range).orElse(null));
    m.put("registryAsOf", registry.asOf());
    m.put("registryLatestChange", registry.latestChange());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonText.print(out, m);
    } else {
      text(out, list, ephemeral, registry);
    }
    out.flush();
    return Failures.OK;
  }

  private static Map<String, Object> range(EphemeralRange r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("first", r.first());
    m.put("last", r.last());
    return m;
  }

  private static Map<String, Object> port(
      int port, ServiceRegistry registry, Optional<EphemeralRange> ephemeral) {
    IanaPortRange range = IanaPortRange.of(port);
    Map<String, Object> pm = new LinkedHashMap<>();
    pm.put("port", port);
    pm.put("ianaRange", range.name().toLowerCase(Locale.ROOT));
    pm.put("ianaRangeFirst", range.first());
    pm.put("ianaRangeLast", range.last());
    pm.put("ephemeral", ephemeral.map(r -> r.contains(port)).orElse(null));
    List<Object> services = new ArrayList<>();
    for (ServiceEntry e : registry.byPort(port)) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("name", e.name().isEmpty() ? null : e.name());
      sm.put("protocol", e.protocol());
      sm.put("ports", e.ports());
      sm.put("description", e.description());
      services.add(sm);
    }
    pm.put("services", services);
    return pm;
  }

  @SuppressWarnings("unchecked")
  private static void text(
      PrintWriter out,
      List<Object> ports,
      Optional<EphemeralRange> ephemeral,
      ServiceRegistry registry) {
    for (Object o : ports) {
      Map<String, Object> p = (Map<String, Object>) o;
      int port = (int) p.get("port");
      IanaPortRange range = IanaPortRange.of(port);
      out.printf(
          "Port %d: IANA %s-%d, %s%n", port, range.first(), range.last(), range.description());
      List<Object> services = (List<Object>) p.get("services");
      if (services.isEmpty()) {
        out.println("  unassigned: no tcp or udp registration");
      }
      for (Object so : services) {
        Map<String, Object> s = (Map<String, Object>) so;
        String name = s.get("name") == null ? "-" : (String) s.get("name");
        String ports1 =
            s.get("ports").equals(Integer.toString(port)) ? "" : " (range " + s.get("ports") + ")";
        out.printf("  %-4s %-18s %s%s%n", s.get("protocol"), name, s.get("description"), ports1);
      }
      out.println(
          "  "
              + ephemeral
                  .map(
                      r ->
                          (r.contains(port) ? "in" : "not in")
                              + " this host's ephemeral range "
                              + r.first()
                              + "-"
                              + r.last()
                              + (r.contains(port)
                                  ? ": the kernel may hand it to outgoing connections"
                                  : ""))
                  .orElse("this host's ephemeral range: unknown on this platform"));
    }
    out.println(
        "(IANA Service Name and Transport Protocol Port Number Registry, as of "
            + registry.asOf()
            + ", latest change in it "
            + registry.latestChange()
            + ")");
  }
}
