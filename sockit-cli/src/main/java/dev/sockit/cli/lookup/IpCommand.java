package dev.sockit.cli.lookup;

import dev.sockit.cli.Failures;
import dev.sockit.cli.Reporting;
import dev.sockit.cli.Version;
import dev.sockit.cli.text.JsonText;
import dev.sockit.cli.text.ReportOut;
import dev.sockit.core.address.IpAddress;
import dev.sockit.core.address.Prefix;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sockit ip}: everything about one address or prefix, computed locally, never via DNS. */
@Command(
    name = "ip",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    subcommands = IpSummarizeCommand.class,
    header = "Explain an IPv4 or IPv6 address or prefix, computed locally.",
    description = {
      "Explain an IPv4 or IPv6 address, and with a prefix or netmask its network:",
      "canonical, expanded, binary, decimal and hex forms; class A-E; the IANA special-purpose",
      "registry entry; multicast scope; embedded IPv4 (mapped, 6to4, Teredo, NAT64);",
      "network, masks, broadcast, host range and counts (RFC 3021 for /31 and /32); reverse zones.",
      "Never asks DNS: a name is rejected (use 'sockit resolve')."
    },
    footer = {
      "",
      "Examples:",
      "  sockit ip 192.168.1.77/26",
      "  sockit ip 10.1.2.3 255.255.240.0",
      "  sockit ip 2001:db8::1/64 --json",
      "  sockit ip 10.0.0.0/24 --split /26",
      "  sockit ip 10.0.0.0/24 --split-hosts 50",
      "  sockit ip 10.0.0.0/8 --contains ::ffff:10.1.2.3",
      "  sockit ip summarize 10.0.0.0/25 10.0.0.128/25 10.0.1.0-10.0.1.9"
    })
public final class IpCommand implements Callable<Integer>, Reporting {
  /** The most subnets {@code --split} lists. */
  static final int MAX_SUBNETS = 65_536;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "ADDRESS[/PREFIX|/NETMASK]",
      description = "e.g. 10.0.0.1, 10.0.0.1/8, 10.0.0.1/255.0.0.0, fe80::1%%eth0, 2001:db8::/32")
  String address;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "NETMASK",
      description = "a netmask or /length, when not attached with '/'")
  String mask;

  @Option(
      names = "--split",
      paramLabel = "/N",
      description = "list the subnets of length N that tile the network")
  String split;

  @Option(
      names = "--split-hosts",
      paramLabel = "N",
      description = "list the smallest subnets that each hold N usable hosts")
  String splitHosts;

  @Option(
      names = "--contains",
      paramLabel = "ADDRESS",
      description = "say whether the network contains ADDRESS")
  String contains;

  @Option(names = "--json", arity = "0", description = "print JSON (fields in docs/ip.md)")
  boolean json;

  @Override
  public boolean json() {
    return json;
  }

  @Override
  public Integer call() {
    if (address == null) {
      throw new Failures.BadInput(
          "give an address, e.g. 'sockit ip 192.168.1.10/24' (see 'sockit ip --help')");
    }
    boolean hasPrefix = address.indexOf('/') >= 0 || mask != null;
    if (address.indexOf('/') >= 0 && mask != null) {
      throw new Failures.BadInput(
          "'" + address + "' already has a prefix; drop the extra '" + mask + "'");
    }
    Prefix prefix =
        mask == null ? Prefix.parse(address) : Prefix.of(IpAddress.parse(address), mask);
    if (!hasPrefix && (split != null || splitHosts != null || contains != null)) {
      throw new Failures.BadInput(
          "--split, --split-hosts and --contains need a network: give a prefix, e.g. "
              + address
              + "/24");
    }
    if (split != null && splitHosts != null) {
      throw new Failures.BadInput("give either --split or --split-hosts, not both");
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("input", mask == null ? address : address + " " + mask);
    report.put("address", IpFacts.address(prefix.address()));
    if (hasPrefix) {
      report.put("network", IpFacts.network(prefix));
    }
    if (contains != null) {
      report.put("contains", IpFacts.contains(prefix, IpAddress.parse(contains)));
    }
    int splitLength = splitLength(prefix);
    if (splitLength >= 0) {
      report.put("split", split(prefix, splitLength));
    }
    PrintWriter out = ReportOut.of(spec);
    if (json) {
      JsonText.print(out, report);
    } else {
      printText(out, prefix, report);
    }
    out.flush();
    return Failures.OK;
  }

  private int splitLength(Prefix prefix) {
    if (split != null) {
      String t = split.startsWith("/") ? split.substring(1) : split;
      if (t.isEmpty() || t.length() > 3 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new Failures.BadInput("--split '" + split + "' is not a prefix length such as /26");
      }
      return Integer.parseInt(t);
    }
    if (splitHosts != null) {
      if (splitHosts.isEmpty()
          || splitHosts.length() > 40
          || !splitHosts.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new Failures.BadInput(
            "--split-hosts '" + splitHosts + "' is not a whole number of hosts");
      }
      BigInteger hosts = new BigInteger(splitHosts);
      int length = Prefix.lengthForHosts(prefix.address().version(), hosts);
      if (length < prefix.length()) {
        throw new Failures.BadInput(
            prefix.toNetwork()
                + " holds "
                + prefix.usableHosts()
                + " usable hosts, fewer than "
                + hosts
                + "; a network for "
                + hosts
                + " hosts needs a /"
                + length);
      }
      return length;
    }
    return -1;
  }

  private static Map<String, Object> split(Prefix prefix, int length) {
    List<Prefix> subnets = prefix.toNetwork().subnets(length);
    if (subnets.size() > MAX_SUBNETS) {
      throw new Failures.BadInput(
          "splitting "
              + prefix.toNetwork()
              + " into /"
              + length
              + " makes "
              + subnets.size()
              + " subnets; sockit lists at most "
              + MAX_SUBNETS
              + ": split a smaller network or use a shorter length");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("length", length);
    m.put("count", subnets.size());
    m.put(
        "usableHostsEach", Prefix.parse(prefix.network() + "/" + length).usableHosts().toString());
    List<Object> list = new ArrayList<>(subnets.size());
    for (Prefix p : subnets) {
      list.add(IpFacts.subnet(p));
    }
    m.put("subnets", list);
    return m;
  }

  @SuppressWarnings("unchecked")
  private static void printText(PrintWriter out, Prefix prefix, Map<String, Object> report) {
    IpTextView.address(out, (Map<String, Object>) report.get("address"), "");
    Map<String, Object> network = (Map<String, Object>) report.get("network");
    if (network != null) {
      out.println();
      Map<String, Object> binary = null;
      if (prefix.address().isIpv4()) {
        binary = new LinkedHashMap<>();
        binary.put("network", prefix.network().binary());
        binary.put("netmask", prefix.netmask().binary());
        binary.put("wildcard", prefix.wildcard().binary());
        binary.put("broadcast", prefix.last().binary());
      }
      IpTextView.network(out, network, binary);
    }
    Map<String, Object> contains = (Map<String, Object>) report.get("contains");
    if (contains != null) {
      out.println();
      String verdict = (Boolean) contains.get("result") ? "yes" : "no";
      Object via = contains.get("embeddedIpv4Inside");
      IpTextView.line(
          out,
          "",
          "Contains:",
          contains.get("address")
              + ": "
              + verdict
              + (via == null
                  ? ""
                  : ", but its embedded IPv4 " + via + " is inside; filters must check it too"));
    }
    Map<String, Object> split = (Map<String, Object>) report.get("split");
    if (split != null) {
      out.println();
      out.println(
          split.get("count")
              + " subnets of /"
              + split.get("length")
              + ", "
              + split.get("usableHostsEach")
              + " usable hosts each:");
      for (Object o : (List<Object>) split.get("subnets")) {
        Map<String, Object> s = (Map<String, Object>) o;
        Object b = s.get("broadcast");
        out.println(
            "  "
                + IpTextView.pad((String) s.get("prefix"), 22)
                + " hosts "
                + s.get("firstHost")
                + " - "
                + s.get("lastHost")
                + (b == null ? "" : ", broadcast " + b));
      }
    }
  }
}
