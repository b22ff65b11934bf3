package dev.sockit.cli.lookup;

import dev.sockit.cli.Failures;
import dev.sockit.cli.Reporting;
import dev.sockit.cli.text.Decimals;
import dev.sockit.cli.text.JsonText;
import dev.sockit.core.address.HostPort;
import dev.sockit.core.address.IpAddress;
import dev.sockit.core.host.NameLookup;
import java.io.PrintWriter;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sockit resolve}: forward and reverse lookups through the system resolver, timed. */
@Command(
    name = "resolve",
    header = "Look a name up (A and AAAA) or an address (PTR), timed.",
    mixinStandardHelpOptions = true,
    description = {
      "Look a name up (every A and AAAA address, in the order the system resolver returns them,",
      "which is the order programs try them) or an address up (its PTR name), with the time taken.",
      "Uses the system resolver: /etc/hosts, DNS and whatever else nsswitch.conf configures."
    },
    footer = {"", "Examples:", "  sockit resolve localhost", "  sockit resolve 127.0.0.1 --json"})
public final class ResolveCommand implements Callable<Integer>, Reporting {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "NAME-or-ADDRESS",
      description = "a host name, or an IPv4/IPv6 address for a reverse lookup")
  String target;

  @Option(names = "--json", description = "print JSON (fields in docs/ip.md)")
  boolean json;

  @Override
  public boolean json() {
    return json;
  }

  @Override
  public Integer call() throws UnknownHostException {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("query", target);
    if (isAddress(target)) {
      NameLookup.Reverse r = NameLookup.reverse(IpAddress.parse(target));
      m.put("type", "reverse");
      m.put("address", r.address().toString());
      m.put("name", r.name().orElse(null));
      m.put("millis", r.took().toNanos() / 1e6);
      if (json) {
        JsonText.print(out, m);
      } else {
        out.println(
            r.address()
                + " -> "
                + r.name().orElse("(no name: no PTR record or hosts entry)")
                + "  ["
                + Decimals.millis(r.took().toNanos(), 1)
                + " ms]");
      }
    } else {
      HostPort.checkHost(target);
      NameLookup.Forward f;
      try {
        f = NameLookup.forward(target);
      } catch (UnknownHostException e) {
        throw new UnknownHostException(
            "cannot resolve '"
                + target
                + "': the resolver knows no address for it (check the spelling, or try 'sockit ifaces' for the DNS servers)");
      }
      List<String> addresses = f.addresses().stream().map(IpAddress::toString).toList();
      m.put("type", "forward");
      m.put("addresses", addresses);
      m.put(
          "ipv4",
          f.addresses().stream().filter(IpAddress::isIpv4).map(IpAddress::toString).toList());
      m.put(
          "ipv6",
          f.addresses().stream().filter(a -> !a.isIpv4()).map(IpAddress::toString).toList());
      m.put("millis", f.took().toNanos() / 1e6);
      if (json) {
        JsonText.print(out, m);
      } else {
        out.println(
            target
                + "  ["
                + Decimals.millis(f.took().toNanos(), 1)
                + " ms, "
                + addresses.size()
                + " address"
                + (addresses.size() == 1 ? "" : "es")
                + ", in the resolver's order]");
        for (IpAddress a : f.addresses()) {
          out.println("  " + (a.isIpv4() ? "A     " : "AAAA  ") + a);
        }
      }
    }
    out.flush();
    return Failures.OK;
  }

  /** An address is all digits and dots, or has a colon: anything else is a name. */
  static boolean isAddress(String text) {
    return text.indexOf(':') >= 0
        || (!text.isEmpty() && text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.'));
  }
}
