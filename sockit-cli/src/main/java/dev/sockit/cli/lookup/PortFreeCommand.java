package dev.sockit.cli.lookup;

import dev.sockit.cli.Failures;
import dev.sockit.cli.Reporting;
import dev.sockit.cli.text.JsonText;
import dev.sockit.core.portnumber.FreePorts;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sockit port free}: ports that are free right now. */
@Command(
    name = "free",
    header = "Print ports that are free right now.",
    mixinStandardHelpOptions = true,
    description = {
      "Print ports that are free right now on every local address: the kernel picks them (a bind",
      "to port 0), so they come from this host's ephemeral range. Another program may take one",
      "at any moment after sockit releases it."
    })
final class PortFreeCommand implements Callable<Integer>, Reporting {
  @Spec CommandSpec spec;

  @Option(names = "--udp", description = "UDP ports instead of TCP")
  boolean udp;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "1",
      description = "how many distinct ports (1-" + FreePorts.MAX + "; default ${DEFAULT-VALUE})")
  int count;

  @Option(names = "--json", description = "print JSON (fields in docs/ip.md)")
  boolean json;

  @Override
  public boolean json() {
    return json;
  }

  @Override
  public Integer call() throws IOException {
    List<Integer> ports = FreePorts.find(udp, count);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("protocol", udp ? "udp" : "tcp");
      m.put("ports", ports);
      JsonText.print(out, m);
    } else {
      for (int p : ports) {
        out.println(p);
      }
    }
    out.flush();
    return Failures.OK;
  }
}
