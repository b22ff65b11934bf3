package dev.sockit.cli.lookup;

import dev.sockit.cli.Failures;
import dev.sockit.cli.Reporting;
import dev.sockit.cli.Version;
import dev.sockit.cli.options.FamilyOption;
import dev.sockit.cli.text.JsonText;
import dev.sockit.cli.text.ReportOut;
import dev.sockit.core.address.HostPort;
import dev.sockit.core.net.Family;
import dev.sockit.core.net.Transport;
import dev.sockit.core.servicename.ServiceNames;
import dev.sockit.core.sockettable.PortTable;
import dev.sockit.core.sockettable.ProcessRef;
import dev.sockit.core.sockettable.SocketEntry;
import dev.sockit.core.sockettable.SocketQuery;
import dev.sockit.core.sockettable.SocketState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sockit ports}: the sockets on this host, like {@code netstat -ano} and {@code ss -tuxanp}.
 */
@Command(
    name = "ports",
    header = "List this host's sockets and their processes (netstat -ano, ss).",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "List the sockets on this host: TCP in every state, UDP and Unix, IPv4 and IPv6, with",
      "queues and the owning process (all processes as root, your own otherwise).",
      "Reads Linux's /proc/net; other systems are not supported."
    },
    footer = {
      "",
      "Examples:",
      "  sockit ports --listening",
      "  sockit ports --tcp --state established",
      "  sockit ports --port 8080",
      "  sockit ports --pid 1234 --json"
    })
public final class PortsCommand implements Callable<Integer>, Reporting {
  @Spec CommandSpec spec;

  @Option(
      names = {"-l", "--listening"},
      description = "Only sockets waiting for peers: TCP and Unix listeners, unconnected UDP.")
  boolean listening;

  @Option(
      names = {"-t", "--tcp"},
      description = "TCP sockets (with -u/-x: those too; none of them: all).")
  boolean tcp;

  @Option(
      names = {"-u", "--udp"},
      description = "UDP sockets.")
  boolean udp;

  @Option(
      names = {"-x", "--unix"},
      description = "Unix domain sockets.")
  boolean unix;

  @Mixin FamilyOption family;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description =
          "Only sockets whose local or remote port is PORT (a number or a service name such as ssh).")
  String port;

  @Option(names = "--pid", paramLabel = "PID", description = "Only sockets held by process PID.")
  Integer pid;

  @Option(
      names = "--state",
      paramLabel = "STATE",
      split = ",",
      description =
          "Only sockets in these states, e.g. LISTEN, ESTABLISHED (estab), TIME_WAIT (time-wait), CLOSE_WAIT, UNCONN.")
  List<String> states = new ArrayList<>();

  @Option(
      names = {"-n", "--numeric"},
      description = "No service names.")
  boolean numeric;

  @Option(names = "--json", description = "Print JSON (fields in docs/ports-scan-probe.md).")
  boolean json;

  @Override
  public boolean json() {
    return json;
  }

  @Override
  public Integer call() throws IOException {
    ServiceNames names = numeric ? ServiceNames.none() : ServiceNames.standard();
    SocketQuery query = query(names);
    PortTable table;
    try {
      table =
          PortTable.read(
              query.transports().isEmpty() ? EnumSet.allOf(Transport.class) : query.transports(),
              true);
    } catch (UnsupportedOperationException e) {
      throw new IOException(e.getMessage(), e);
    }
    List<SocketEntry> rows = table.select(query);
    if (pid != null
        && rows.isEmpty()
        && table.unreadableProcesses() > 0
        && !Files.isReadable(Path.of("/proc", pid.toString(), "fd"))) {
      // an empty table would read as "this process holds no sockets"
      throw new IOException(
          "cannot see the sockets of process "
              + pid
              + " (it belongs to another user); run as root (sudo) to see them");
    }
    PrintWriter out = ReportOut.of(spec);
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("sockets", rows.stream().map(s -> toJson(s, names)).toList());
      doc.put("unreadableProcesses", table.unreadableProcesses());
      JsonText.print(out, doc);
    } else {
      printTable(out, rows, names);
    }
    out.flush();
    if (table.unreadableProcesses() > 0 && !json) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "sockit: "
              + table.unreadableProcesses()
              + " processes of other users could not be inspected; run as root to see every owner");
      err.flush();
    }
    return Failures.OK;
  }

  private SocketQuery query(ServiceNames names) {
    Set<Transport> transports = EnumSet.noneOf(Transport.class);
    if (tcp) {
      transports.add(Transport.TCP);
    }
    if (udp) {
      transports.add(Transport.UDP);
    }
    if (unix) {
      transports.add(Transport.UNIX);
    }
    if (family.both()) {
      throw new Failures.BadInput("give -4 or -6, not both");
    }
    Set<SocketState> wanted = EnumSet.noneOf(SocketState.class);
    for (String s : states) {
      wanted.add(SocketState.parse(s));
    }
    if (pid != null && pid <= 0) {
      throw new Failures.BadInput("--pid " + pid + " is not a process id; give a positive number");
    }
    if (pid != null
        && !Files.isDirectory(Path.of("/proc", pid.toString()))
        && Files.isDirectory(Path.of("/proc/self"))) {
      throw new Failures.BadInput(
          "--pid " + pid + ": no such process (see 'ps' for the running ones)");
    }
    Family f = family.family();
    return new SocketQuery(
        transports,
        f,
        listening,
        port == null ? -1 : port(port, names),
        pid == null ? -1 : pid,
        wanted);
  }

  private static int port(String text, ServiceNames names) {
    if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
      int p = HostPort.parsePort(text);
      if (p == 0) {
        throw new Failures.BadInput(
            "--port 0 is no socket's port (0 only stands for 'not connected'); give 1-65535 or a service name");
      }
      return p;
    }
    OptionalInt p = names.port(text, Transport.TCP);
    if (p.isEmpty()) {
      p = ServiceNames.standard().port(text, Transport.TCP);
    }
    if (p.isEmpty()) {
      p = ServiceNames.standard().port(text, Transport.UDP);
    }
    return p.orElseThrow(
        () ->
            new Failures.BadInput(
                "--port '" + text + "' is neither a port number nor a known service name"));
  }

  /**
   * The service a row is about: a listener's own port; for a connection, the lower port that has a
   * name.
   */
  static Optional<String> service(SocketEntry s, ServiceNames names) {
    if (s.transport() == Transport.UNIX) {
      return Optional.empty();
    }
    Optional<String> local =
        s.localPort() == 0 ? Optional.empty() : names.name(s.localPort(), s.transport());
    if (s.listening() || s.remotePort() == 0) {
      return local;
    }
    Optional<String> remote = names.name(s.remotePort(), s.transport());
    if (local.isPresent() && remote.isPresent()) {
      return s.localPort() <= s.remotePort() ? local : remote;
    }
    return local.isPresent() ? local : remote;
  }

  private void printTable(PrintWriter out, List<SocketEntry> rows, ServiceNames names) {
    List<String[]> lines = new ArrayList<>();
    lines.add(
        numeric
            ? new String[] {"Proto", "State", "Recv-Q", "Send-Q", "Local", "Peer", "Process"}
            : new String[] {
              "Proto", "State", "Recv-Q", "Send-Q", "Local", "Peer", "Service", "Process"
            });
    for (SocketEntry s : rows) {
      String process =
          s.processes().stream()
              .map(p -> p.pid() + "/" + p.program())
              .distinct()
              .collect(Collectors.joining(","));
      List<String> cells =
          new ArrayList<>(
              List.of(
                  s.netid(),
                  s.state().name(),
                  queue(s.receiveQueue()),
                  queue(s.sendQueue()),
                  s.local(),
                  s.remote()));
      if (!numeric) {
        cells.add(service(s, names).orElse("-"));
      }
      cells.add(process.isEmpty() ? "-" : process);
      lines.add(cells.toArray(String[]::new));
    }
    int[] width = new int[lines.get(0).length];
    for (String[] l : lines) {
      for (int i = 0; i < l.length; i++) {
        width[i] = Math.max(width[i], l[i].length());
      }
    }
    for (String[] l : lines) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < l.length; i++) {
        String pad = " ".repeat(width[i] - l[i].length());
        sb.append(i == 2 || i == 3 ? pad + l[i] : l[i] + pad).append("  ");
      }
      out.println(sb.toString().stripTrailing());
    }
  }

  private static String queue(long q) {
    return q < 0 ? "-" : Long.toString(q);
  }

  private static Map<String, Object> toJson(SocketEntry s, ServiceNames names) {
    boolean inet = s.transport() != Transport.UNIX;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("protocol", s.transport().label());
    m.put("netid", s.netid());
    m.put("state", s.state().name());
    m.put("localAddress", s.localAddress());
    m.put("localPort", inet ? s.localPort() : null);
    m.put("remoteAddress", inet ? s.remoteAddress() : null);
    m.put("remotePort", inet ? s.remotePort() : null);
    m.put(
        "localService",
        inet && s.localPort() > 0 ? names.name(s.localPort(), s.transport()).orElse(null) : null);
    m.put(
        "remoteService",
        inet && s.remotePort() > 0 ? names.name(s.remotePort(), s.transport()).orElse(null) : null);
    m.put("receiveQueue", s.receiveQueue() < 0 ? null : s.receiveQueue());
    m.put("sendQueue", s.sendQueue() < 0 ? null : s.sendQueue());
    m.put("listening", s.listening());
    m.put("uid", s.uid() < 0 ? null : s.uid());
    m.put("inode", s.inode());
    List<Map<String, Object>> procs = new ArrayList<>();
    for (ProcessRef p : s.processes()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("pid", p.pid());
      pm.put("program", p.program());
      pm.put("fd", p.fd());
      procs.add(pm);
    }
    m.put("processes", procs);
    return m;
  }
}
