package dev.sockit.cli;

import dev.sockit.core.address.HostPort;
import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.event.TrafficEvent.Transport;
import dev.sockit.core.scan.PortList;
import dev.sockit.core.scan.PortResult;
import dev.sockit.core.scan.PortScanner;
import dev.sockit.core.scan.PortStatus;
import dev.sockit.core.scan.ScanOptions;
import dev.sockit.core.service.CommonPorts;
import dev.sockit.core.service.ServiceNames;
import dev.sockit.core.tcp.TcpClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sockit scan}: which ports of one host answer, by a TCP connect (or UDP probe) scan. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Scan the ports you name on one host: a TCP connect scan (the full handshake, like nmap -sT)",
      "or, with --udp, a UDP probe scan. Each port is open, closed or filtered, with its service.",
      "sockit scans only the host and ports you give; scan only hosts you are allowed to."
    },
    footer = {
      "",
      "Examples:",
      "  sockit scan 127.0.0.1 1-1024,3306,8000-8100",
      "  sockit scan localhost --top 100 --banner",
      "  sockit scan ::1 ssh,http,https --json",
      "  sockit scan 127.0.0.1 53,123 --udp"
    })
final class ScanCommand implements Callable<Integer> {
  /** Above this many ports of one state, that state is summarised instead of listed (as nmap does). */
  static final int LIST_LIMIT = 25;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "HOST", description = "The host: a name, an IPv4 or an IPv6 address.")
  String host;

  @Parameters(index = "1", arity = "0..1", paramLabel = "PORTS",
      description = "Ports, ranges and service names: e.g. 1-1024,3306,8000-8100 or ssh,http; '-' is 1-65535.")
  String ports;

  @Option(names = "--top", paramLabel = "N", description = "The N most common service ports (up to 1000 TCP, 200 UDP) instead of PORTS.")
  Integer top;

  @Option(names = "--udp", description = "UDP probe scan instead of TCP (closed = ICMP port unreachable; silence = open|filtered).")
  boolean udp;

  @Option(names = "--banner", description = "Show the first bytes each open TCP port sends (waits --banner-wait for them).")
  boolean banner;

  @Option(names = "--banner-wait", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "2s",
      description = "How long to wait for a banner (default: ${DEFAULT-VALUE}).")
  Duration bannerWait;

  @Option(names = {"-w", "--timeout"}, paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "1s",
      description = "How long one probe waits before calling the port filtered (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--concurrency", paramLabel = "N", description = "Probes in flight at once (default: 1000 TCP, 100 UDP).")
  Integer concurrency;

  @Option(names = "--retries", paramLabel = "N", defaultValue = "1", description = "UDP: resend a probe that got no answer N times (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(names = {"-a", "--all"}, description = "List every port, even the closed ones when there are many.")
  boolean all;

  @Option(names = "--no-progress", description = "No progress bar, even on a terminal.")
  boolean noProgress;

  @Mixin FamilyOption family;

  @Option(names = "--json", description = "Print JSON (fields in docs/ports-scan-probe.md).")
  boolean json;

  @Override
  public Integer call() throws IOException {
    Transport transport = udp ? Transport.UDP : Transport.TCP;
    ServiceNames names = ServiceNames.standard();
    PortList list = portList(transport, names);
    ScanOptions options = options();
    HostPort.checkHost(host);
    List<InetAddress> addresses = TcpClient.resolve(host, family.family());
    InetAddress target = addresses.get(0);
    long start = System.nanoTime();
    boolean bar = !noProgress && !json && Terminal.interactive() && list.size() > 1;
    List<PortResult> results;
    ScanProgress progress = ScanProgress.start(spec.commandLine().getErr(), list.size(), bar);
    try {
      IntConsumer counter = progress == null ? d -> {} : progress;
      results = udp ? PortScanner.udp(target, list, options, counter) : PortScanner.tcp(target, list, options, counter);
    } finally {
      if (progress != null) {
        progress.close();
      }
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    PortStatus hidden = all ? null : hiddenStatus(results);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.print(JsonText.write(toJson(target, addresses, transport, list, results, hidden, elapsed, names)));
    } else {
      printText(out, target, addresses, transport, results, hidden, elapsed, names);
    }
    out.flush();
    return Failures.OK;
  }

  private PortList portList(Transport transport, ServiceNames names) {
    if (ports != null && top != null) {
      throw new Failures.BadInput("give PORTS or --top N, not both");
    }
    if (ports == null && top == null) {
      throw new Failures.BadInput("name the ports to scan: e.g. 'sockit scan " + host + " 1-1024' or 'sockit scan " + host + " --top 100'");
    }
    if (top != null) {
      return PortList.of(CommonPorts.load().top(top, transport));
    }
    return PortList.parse(ports, names);
  }

  private ScanOptions options() {
    if (family.ipv4 && family.ipv6) {
      throw new Failures.BadInput("give -4 or -6, not both");
    }
    ScanOptions o = (udp ? ScanOptions.udpDefaults() : ScanOptions.tcpDefaults()).withTimeout(timeout).withRetries(retries);
    if (concurrency != null) {
      o = o.withConcurrency(concurrency);
    }
    if (banner) {
      if (udp) {
        throw new Failures.BadInput("--banner works with TCP only");
      }
      o = o.withBanner(bannerWait);
    }
    return o;
  }

  /** nmap's rule: the most common state is summarised when more than {@value #LIST_LIMIT} ports share it. */
  static PortStatus hiddenStatus(List<PortResult> results) {
    Map<PortStatus, Integer> counts = counts(results);
    PortStatus most = null;
    for (Map.Entry<PortStatus, Integer> e : counts.entrySet()) {
      if (most == null || e.getValue() > counts.get(most)) {
        most = e.getKey();
      }
    }
    return most != null && most != PortStatus.OPEN && counts.get(most) > LIST_LIMIT ? most : null;
  }

  private static Map<PortStatus, Integer> counts(List<PortResult> results) {
    Map<PortStatus, Integer> counts = new EnumMap<>(PortStatus.class);
    for (PortResult r : results) {
      counts.merge(r.status(), 1, Integer::sum);
    }
    return counts;
  }

  private void printText(PrintWriter out, InetAddress target, List<InetAddress> addresses, Transport transport, List<PortResult> results,
      PortStatus hidden, Duration elapsed, ServiceNames names) {
    String ip = SocketAddresses.formatIp(target);
    out.println("sockit scan " + host + (ip.equals(host) ? "" : " (" + ip + ")") + ": " + results.size() + " " + transport.label()
        + " port" + (results.size() == 1 ? "" : "s") + " in " + String.format(java.util.Locale.ROOT, "%.2f s", elapsed.toNanos() / 1e9));
    if (addresses.size() > 1) {
      out.println("other addresses of " + host + " not scanned: "
          + String.join(", ", addresses.subList(1, addresses.size()).stream().map(SocketAddresses::formatIp).toList()));
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"PORT", "STATE", "SERVICE", "REASON"});
    for (PortResult r : results) {
      if (r.status() != hidden) {
        rows.add(new String[] {r.port() + "/" + transport.label(), r.status().label(), names.name(r.port(), transport).orElse("-"), r.reason()});
      }
    }
    if (rows.size() > 1) {
      int[] w = new int[4];
      for (String[] row : rows) {
        for (int i = 0; i < 4; i++) {
          w[i] = Math.max(w[i], row[i].length());
        }
      }
      int line = 0;
      List<PortResult> shown = results.stream().filter(r -> r.status() != hidden).toList();
      for (String[] row : rows) {
        String text = String.format("%-" + w[0] + "s  %-" + w[1] + "s  %-" + w[2] + "s  %s", (Object[]) row).stripTrailing();
        if (line > 0 && shown.get(line - 1).banner().length > 0) {
          text += "  " + Banner.quote(shown.get(line - 1).banner(), 80);
        }
        out.println(text);
        line++;
      }
    }
    if (hidden != null) {
      out.println("Not shown: " + counts(results).get(hidden) + " " + hidden.label() + " ports (--all lists them)");
    }
    Map<PortStatus, Integer> counts = counts(results);
    List<String> summary = new ArrayList<>();
    for (PortStatus s : PortStatus.values()) {
      if (counts.containsKey(s)) {
        summary.add(counts.get(s) + " " + s.label());
      }
    }
    out.println("Summary: " + String.join(", ", summary));
  }

  private Map<String, Object> toJson(InetAddress target, List<InetAddress> addresses, Transport transport, PortList list,
      List<PortResult> results, PortStatus hidden, Duration elapsed, ServiceNames names) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("host", host);
    doc.put("address", SocketAddresses.formatIp(target));
    doc.put("otherAddresses", addresses.subList(1, addresses.size()).stream().map(SocketAddresses::formatIp).toList());
    doc.put("protocol", transport.label());
    doc.put("ports", list.toString());
    doc.put("portCount", list.size());
    doc.put("elapsedMs", elapsed.toNanos() / 1e6);
    Map<String, Object> counts = new LinkedHashMap<>();
    counts(results).forEach((s, n) -> counts.put(s.label(), n));
    doc.put("counts", counts);
    doc.put("open", results.stream().filter(r -> r.status() == PortStatus.OPEN).map(PortResult::port).toList());
    doc.put("notShown", hidden == null ? null : hidden.label());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (PortResult r : results) {
      if (r.status() == hidden) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("port", r.port());
      m.put("protocol", transport.label());
      m.put("state", r.status().label());
      m.put("service", names.name(r.port(), transport).orElse(null));
      m.put("reason", r.reason());
      m.put("timeMs", r.time().toNanos() / 1e6);
      m.put("banner", r.banner().length == 0 ? null : Banner.quote(r.banner(), Integer.MAX_VALUE));
      rows.add(m);
    }
    doc.put("results", rows);
    return doc;
  }
}
