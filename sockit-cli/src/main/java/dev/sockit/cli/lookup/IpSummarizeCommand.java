package dev.sockit.cli.lookup;

import dev.sockit.cli.Failures;
import dev.sockit.cli.Reporting;
import dev.sockit.cli.Version;
import dev.sockit.cli.text.JsonText;
import dev.sockit.cli.text.ReportOut;
import dev.sockit.core.address.AddressRange;
import dev.sockit.core.address.Prefix;
import java.io.PrintWriter;
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

/** {@code sockit ip summarize}: the fewest prefixes that cover exactly the given addresses. */
@Command(
    name = "summarize",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    header = "Merge addresses, prefixes and ranges into the fewest prefixes.",
    description = {
      "Print the minimal list of prefixes that covers exactly the given addresses, prefixes",
      "(their whole network) and ranges A-B; overlaps and neighbours are merged. IPv4 first."
    },
    footer = {
      "",
      "Example:",
      "  sockit ip summarize 10.0.0.0/25 10.0.0.128/25 10.0.1.0-10.0.1.9 ::1"
    })
final class IpSummarizeCommand implements Callable<Integer>, Reporting {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0..*",
      arity = "1..*",
      paramLabel = "ITEM",
      description = "an address, a prefix or a range A-B")
  List<String> items;

  @Option(names = "--json", arity = "0", description = "print JSON (fields in docs/ip.md)")
  boolean json;

  @Override
  public boolean json() {
    return json;
  }

  @Override
  public Integer call() {
    List<AddressRange> ranges = new ArrayList<>();
    for (String item : items) {
      ranges.add(AddressRange.parse(item));
    }
    List<Prefix> prefixes = AddressRange.summarize(ranges);
    PrintWriter out = ReportOut.of(spec);
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("items", items);
      m.put("count", prefixes.size());
      m.put("prefixes", prefixes.stream().map(Prefix::toString).toList());
      JsonText.print(out, m);
    } else {
      for (Prefix p : prefixes) {
        out.println(p);
      }
    }
    out.flush();
    return Failures.OK;
  }
}
