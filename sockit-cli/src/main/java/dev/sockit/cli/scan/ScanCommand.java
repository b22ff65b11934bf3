package dev.sockit.cli.scan;

import dev.sockit.cli.Failures;
import dev.sockit.cli.Reporting;
import dev.sockit.cli.Version;
import dev.sockit.cli.options.DurationConverter;
import dev.sockit.cli.options.FamilyOption;
import dev.sockit.cli.text.Decimals;
import dev.sockit.cli.text.JsonText;
import dev.sockit.cli.text.ReportOut;
import dev.sockit.cli.text.Terminal;
import dev.sockit.core.address.HostPort;
import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.net.Transport;
import dev.sockit.core.scan.PortList;
import dev.sockit.core.scan.PortResult;
import dev.sockit.core.scan.PortScanner;
import dev.sockit.core.scan.PortStatus;
import dev.sockit.core.scan.ScanOptions;
import dev.sockit.core.servicename.CommonPorts;
import dev.sockit.core.servicename.ServiceNames;
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
    header = "Scan the ports you name on one host (TCP connect or UDP).",
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
public final class ScanCommand implements Callable<Integer>, Reporting {
  /**
   * Above this many ports of one state, that state is summarised instead of listed (as nmap does).
   */
  static final int LIST_LIMIT = 25;

  @Spec CommandSpec spec;

  // shown as HOST, yet optional: a missing host gets sockit's own message, with an example
  @Parameters(
      index = "0",
      arity = "0..1",
      hideParamSyntax = true,
      paramLabel = "HOST",
      description = "The host: a name, an IPv4 or an IPv6 address.")
  String host;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "PORTS",
      description =
          "Ports, ranges and service names: e.g. 1-1024,3306,8000-8100 or ssh,http; '-' is 1-65535.")
  String ports;

  @Option(
      names = "--top",
      paramLabel = "N",
      description = "The N most common service ports (up to 1000 TCP, 200 UDP) instead of PORTS.")
  Integer top;

  @Option(
      names = "--udp",
      arity = "0",
      description =
          "UDP probe scan instead of TCP (closed = ICMP port unreachable; silence = open|filtered).")
  boolean udp;

  @Option(
      names = "--banner",
      arity = "0",
      description = "Show the first bytes each open TCP port sends (waits --banner-wait for them).")
  boolean banner;

  @Option(
      names = "--banner-wait",
      paramLabel = "TIME",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description = "How long to wait for a banner (default: ${DEFAULT-VALUE}).")
  Duration bannerWait;

  @Option(
      names = {"-w", "--timeout"},
      paramLabel = "TIME",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description =
          "How long one probe waits before calling the port filtered (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Probes in flight at once (default: 1000 TCP, 100 UDP).")
  Integer concurrency;

  @Option(
      names = "--retries",
      paramLabel = "N",
      defaultValue = "1",
      description = "UDP: resend a probe that got no answer N times (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(
      names = {"-a", "--all"},
      arity = "0",
      description = "List every port, even the closed ones when there are many.")
  boolean all;

  @Option(
      names = "--no-progress",
      arity = "0",
      description = "No progress bar, even on a terminal.")
  boolean noProgress;

  @Mixin FamilyOption family;

  @Option(
      names = "--json",
      arity = "0",
      description = "Print JSON (fields in docs/ports-scan-probe.md).")
  boolean json;

  @Override
  public boolean json() {
    return json;
  }

  @Override
  public Integer call() throws IOException {
    checkHostArgument();
    Transport transport = udp ? Transport.UDP : Transport.TCP;
    ServiceNames names = ServiceNames.standard();
    PortList list = portList(transport, names);
    ScanOptions options = options();
    HostPort.checkHost(host);
    List<InetAddress> addresses = TcpClient.resolve(host, family.family());
    InetAddress target = addresses.get(0);
    long start = System.nanoTime();
    boolean bar = !noProgress && !json && Terminal.progress() && list.size() > 1;
    List<PortResult> results;
    ScanProgress progress = ScanProgress.start(spec.commandLine().getErr(), list.size(), bar);
    try {
      IntConsumer counter = progress == null ? d -> {} : progress;
      results =
          udp
              ? PortScanner.udp(target, list, options, counter)
              : PortScanner.tcp(target, list, options, counter);
    } finally {
      if (progress != null) {
        progress.close();
      }
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    Map<PortStatus, Integer> counts = counts(results);
    PortStatus hidden = all ? null : hiddenStatus(counts);
    PrintWriter out = ReportOut.of(spec);
    if (json) {
      JsonText.print(
          out, toJson(target, addresses, transport, list, results, counts, hidden, elapsed, names));
    } else {
      printText(out, target, addresses, transport, results, counts, hidden, elapsed, names);
    }
    out.flush();
    return Failures.OK;
  }

  /** A missing host, a URL or HOST:PORT, each with the command that was probably meant. */
  private void checkHostArgument() {
    String ports = this.ports != null ? this.ports : top != null ? "--top " + top : "1-1024";
    if (host == null) {
      throw new Failures.BadInput(
          "name the host to scan: e.g. 'sockit scan 127.0.0.1 " + ports + "'");
    }
    if (host.contains("://")) {
      String h = host;
      String p = ports;
      try {
        java.net.URI uri = new java.net.URI(host);
        if (uri.getHost() != null) {
          h = uri.getHost();
          p =
              uri.getPort() > 0
                  ? String.valueOf(uri.getPort())
                  : "https".equalsIgnoreCase(uri.getScheme()) ? "443" : "80";
        }
      } catch (java.net.URISyntaxException e) {
        // the generic suggestion below
      }
      throw new Failures.BadInput(
          "'"
              + host
              + "' is a URL; scan takes a host and ports: e.g. 'sockit scan "
              + h
              + " "
              + p
              + "' ('sockit probe' follows a URL step by step)");
    }
    if (HostPort.hasPort(host)) {
      HostPort hp;
      try {
        hp = HostPort.parse(host);
      } catch (IllegalArgumentException e) {
        return; // not HOST:PORT after all: checkHost names the problem
      }
      throw new Failures.BadInput(
          "'"
              + host
              + "' gives the port with the host; scan takes them apart: e.g. 'sockit scan "
              + hp.host()
              + " "
              + (this.ports != null || top != null ? ports : String.valueOf(hp.port()))
              + "'");
    }
  }

  private PortList portList(Transport transport, ServiceNames names) {
    if (ports != null && top != null) {
      throw new Failures.BadInput("give PORTS or --top N, not both");
    }
    if (ports == null && top == null) {
      throw new Failures.BadInput(
          "name the ports to scan: e.g. 'sockit scan "
              + host
              + " 1-1024' or 'sockit scan "
              + host
              + " --top 100'");
    }
    if (top != null) {
      return PortList.of(CommonPorts.load().top(top, transport));
    }
    return PortList.parse(ports, names);
  }

  private ScanOptions options() {
    if (family.both()) {
      throw new Failures.BadInput("give -4 or -6, not both");
    }
    ScanOptions o =
        (udp ? ScanOptions.udpDefaults() : ScanOptions.tcpDefaults())
            .withTimeout(timeout)
            .withRetries(retries);
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

  /**
   * nmap's rule: the most common state is summarised when more than {@value #LIST_LIMIT} ports
   * share it.
   */
  static PortStatus hiddenStatus(List<PortResult> results) {
    return hiddenStatus(counts(results));
  }

  private static PortStatus hiddenStatus(Map<PortStatus, Integer> counts) {
    PortStatus most = null;
    for (Map.Entry<PortStatus, Integer> e : counts.entrySet()) {
      if (most == null || e.getValue() > counts.get(most)) {
        most = e.getKey();
      }
    }
    return most != null && most != PortStatus.OPEN && counts.get(most) > LIST_LIMIT ? most : null;
  }

  /**
   * How many ports ended in each state, in {@link PortStatus} order; states no port ended in are
   * left out.
   */
  private static Map<PortStatus, Integer> counts(List<PortResult> results) {
    int[] n = new int[PortStatus.values().length];
    for (int i = 0, size = results.size(); i < size; i++) {
      n[results.get(i).status().ordinal()]++;
    }
    Map<PortStatus, Integer> counts = new EnumMap<>(PortStatus.class);
    for (PortStatus s : PortStatus.values()) {
      if (n[s.ordinal()] > 0) {
        counts.put(s, n[s.ordinal()]);
      }
    }
    return counts;
  }

  private void printText(
      PrintWriter out,
      InetAddress target,
      List<InetAddress> addresses,
      Transport transport,
      List<PortResult> results,
      Map<PortStatus, Integer> counts,
      PortStatus hidden,
      Duration elapsed,
      ServiceNames names) {
    String ip = SocketAddresses.formatIp(target);
    out.println(
        "sockit scan "
            + host
            + (ip.equals(host) ? "" : " (" + ip + ")")
            + ": "
            + results.size()
            + " "
            + transport.label()
            + " port"
            + (results.size() == 1 ? "" : "s")
            + " in "
            + Decimals.seconds(elapsed, 2)
            + " s");
    if (addresses.size() > 1) {
      out.println(
          "other addresses of "
              + host
              + " not scanned: "
              + String.join(
                  ", ",
                  addresses.subList(1, addresses.size()).stream()
                      .map(SocketAddresses::formatIp)
                      .toList()));
    }
    List<String[]> rows = new ArrayList<>();
    List<PortResult> shown = new ArrayList<>();
    rows.add(new String[] {"PORT", "STATE", "SERVICE", "REASON"});
    for (int i = 0, size = results.size(); i < size; i++) {
      PortResult r = results.get(i);
      if (r.status() != hidden) {
        rows.add(
            new String[] {
              r.port() + "/" + transport.label(),
              r.status().label(),
              names.name(r.port(), transport).orElse("-"),
              r.reason()
            });
        shown.add(r);
      }
    }
    if (rows.size() > 1) {
      int[] w = new int[4];
      for (String[] row : rows) {
        for (int i = 0; i < 4; i++) {
          w[i] = Math.max(w[i], row[i].length());
        }
      }
      // Padded by hand: String.format parses its pattern for every row, which made printing all
      // 65,535 rows of a full scan (--all) take longer than the scan.
      StringBuilder text = new StringBuilder(128);
      for (int line = 0; line < rows.size(); line++) {
        String[] row = rows.get(line);
        text.setLength(0);
        for (int i = 0; i < 3; i++) {
          text.append(row[i]).repeat(' ', w[i] - row[i].length() + 2);
        }
        text.append(row[3]);
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
          end--;
        }
        text.setLength(end);
        if (line > 0 && shown.get(line - 1).banner().length > 0) {
          text.append("  ").append(Banner.quote(shown.get(line - 1).banner(), 80));
        }
        out.println(text);
      }
    }
    if (hidden != null) {
      out.println(
          "Not shown: " + counts.get(hidden) + " " + hidden.label() + " ports (--all lists them)");
    }
    List<String> summary = new ArrayList<>();
    for (PortStatus s : PortStatus.values()) {
      if (counts.containsKey(s)) {
        summary.add(counts.get(s) + " " + s.label());
      }
    }
    out.println("Summary: " + String.join(", ", summary));
  }

  private Map<String, Object> toJson(
      InetAddress target,
      List<InetAddress> addresses,
      Transport transport,
      PortList list,
      List<PortResult> results,
      Map<PortStatus, Integer> counts,
      PortStatus hidden,
      Duration elapsed,
      ServiceNames names) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("host", host);
    doc.put("address", SocketAddresses.formatIp(target));
    doc.put(
        "otherAddresses",
        addresses.subList(1, addresses.size()).stream().map(SocketAddresses::formatIp).toList());
    doc.put("protocol", transport.label());
    doc.put("ports", list.toString());
    doc.put("portCount", list.size());
    doc.put("elapsedMs", elapsed.toNanos() / 1e6);
    Map<String, Object> byState = new LinkedHashMap<>();
    counts.forEach((s, n) -> byState.put(s.label(), n));
    doc.put("counts", byState);
    doc.put(
        "open",
        results.stream().filter(r -> r.status() == PortStatus.OPEN).map(PortResult::port).toList());
    doc.put("notShown", hidden == null ? null : hidden.label());
    List<PortResult> shown =
        hidden == null ? results : results.stream().filter(r -> r.status() != hidden).toList();
    // each row made as it is printed: --all has 65,535 of them
    doc.put(
        "results",
        new java.util.AbstractList<Map<String, Object>>() {
          @Override
          public Map<String, Object> get(int i) {
            PortResult r = shown.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("port", r.port());
            m.put("protocol", transport.label());
            m.put("state", r.status().label());
            m.put("service", names.name(r.port(), transport).orElse(null));
            m.put("reason", r.reason());
            m.put("timeMs", r.time().toNanos() / 1e6);
            m.put(
                "banner",
                r.banner().length == 0 ? null : Banner.quote(r.banner(), Integer.MAX_VALUE));
            return m;
          }

          @Override
          public int size() {
            return shown.size();
          }
        });
    return doc;
  }
}
