package dev.sockit.cli;

import dev.sockit.core.address.AddressRange;
import dev.sockit.core.address.Prefix;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code sockit ip summarize}: the fewest prefixes that cover exactly the given addresses. */
final class IpSummarizeCommand implements Callable<Integer> {
  private CommandSpec spec;

  /** The model, built by hand as {@link IpCommand}'s is. */
  static CommandSpec spec() {
    IpSummarizeCommand command = new IpSummarizeCommand();
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("summarize");
    command.spec = spec;
    SockitCommand.standardHelp(spec);
    spec.usageMessage()
        .header("Merge addresses, prefixes and ranges into the fewest prefixes.")
        .description(
            "Print the minimal list of prefixes that covers exactly the given addresses, prefixes",
            "(their whole network) and ranges A-B; overlaps and neighbours are merged. IPv4 first.")
        .footer(
            "",
            "Example:",
            "  sockit ip summarize 10.0.0.0/25 10.0.0.128/25 10.0.1.0-10.0.1.9 ::1");
    spec.addPositional(
        PositionalParamSpec.builder()
            .index("0..*")
            .arity("1..*")
            .type(List.class)
            .auxiliaryTypes(String.class)
            .required(true)
            .paramLabel("ITEM")
            .description("an address, a prefix or a range A-B")
            .build());
    spec.addOption(IpCommand.jsonOption());
    return spec;
  }

  @Override
  public Integer call() {
    List<String> items = spec.positionalParameters().get(0).getValue();
    boolean json = IpCommand.json(spec);
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
