package dev.sockit.core.sockettable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sockit.core.net.Family;
import dev.sockit.core.net.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real sockets in this JVM, read back from /proc and compared with what ss says about them. */
@Timeout(30)
class PortTableTest {
  private static final long PID = ProcessHandle.current().pid();
  private final List<AutoCloseable> open = new ArrayList<>();
  private ServerSocketChannel listener4;
  private ServerSocketChannel listener6;
  private DatagramChannel udp;
  private SocketChannel client;
  private SocketChannel accepted;
  private SocketChannel waiting;
  private Path unixPath;
  private Set<Integer> ports;

  @BeforeEach
  void openSockets(@TempDir Path dir) throws IOException {
    assumeTrue(PortTable.supported(), "no /proc/net here (not Linux)");
    listener4 = keep(ServerSocketChannel.open(StandardProtocolFamily.INET));
    listener4.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    client = keep(SocketChannel.open(listener4.getLocalAddress()));
    accepted = keep(listener4.accept());
    waiting = keep(SocketChannel.open(listener4.getLocalAddress())); // left in the accept queue
    client.write(
        ByteBuffer.wrap(
            "seventeen bytes!!".getBytes(StandardCharsets.US_ASCII))); // unread by 'accepted'
    listener6 = keep(ServerSocketChannel.open(StandardProtocolFamily.INET6));
    listener6.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
    udp = keep(DatagramChannel.open(StandardProtocolFamily.INET));
    udp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    try (DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET)) {
      sender.send(ByteBuffer.wrap(new byte[100]), udp.getLocalAddress()); // queued, unread
    }
    unixPath = dir.resolve("ports.sock");
    ServerSocketChannel unix = keep(ServerSocketChannel.open(StandardProtocolFamily.UNIX));
    unix.bind(UnixDomainSocketAddress.of(unixPath));
    ports = Set.of(port(listener4), port(listener6), port(udp));
  }

  @AfterEach
  void closeSockets() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  /**
   * Whether a row is one of the sockets this test opened: TCP rows on a listener's port, UDP rows
   * on the UDP socket's port. A TIME-WAIT left by an earlier test can reuse one of these port
   * numbers (seen: a TCP TIME-WAIT on the UDP socket's port), so TIME-WAIT rows are not ours.
   */
  private boolean ours(String transport, String state, int localPort, int remotePort)
      throws IOException {
    if ("TIME-WAIT".equals(state)) {
      return false;
    }
    Set<Integer> wanted =
        switch (transport) {
          case "tcp" -> Set.of(port(listener4), port(listener6));
          case "udp" -> Set.of(port(udp));
          default -> Set.of();
        };
    return wanted.contains(localPort) || wanted.contains(remotePort);
  }

  @Test
  void rowsAgreeWithSs() throws Exception {
    assumeTrue(hasSs(), "ss (iproute2) is not installed");
    Set<String> ours = new TreeSet<>();
    for (SocketEntry s : PortTable.read().sockets()) {
      if (ours(s.transport().label(), s.state().ssName(), s.localPort(), s.remotePort())) {
        ours.add(
            row(
                s.transport().label(),
                s.state().ssName(),
                s.receiveQueue(),
                s.sendQueue(),
                s.local(),
                s.remote(),
                s.processes().stream()
                    .map(p -> p.program() + "/" + p.pid())
                    .sorted()
                    .toList()
                    .toString()));
      }
    }
    Set<String> theirs = new TreeSet<>();
    Pattern user = Pattern.compile("\\(\"([^\"]*)\",pid=(\\d+),fd=\\d+\\)");
    for (String line : run("ss", "-H", "-tuanp")) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 6 || !ours(f[0], f[1], portOf(f[4]), portOf(f[5]))) {
        continue;
      }
      List<String> users = new ArrayList<>();
      Matcher m = user.matcher(line);
      while (m.find()) {
        users.add(m.group(1) + "/" + m.group(2));
      }
      theirs.add(
          row(
              f[0],
              f[1],
              Long.parseLong(f[2]),
              Long.parseLong(f[3]),
              f[4],
              f[5],
              users.stream().sorted().toList().toString()));
    }
    // two listeners, both ends of two connections (the server end of the waiting one has no inode
    // yet), one UDP socket
    assertThat(ours).hasSize(7);
    assertThat(ours).isEqualTo(theirs);
    assertThat(String.join("\n", ours))
        .contains("tcp ESTAB 17 ") // the unread bytes
        .contains("tcp LISTEN 1 ") // the connection waiting for accept()
        .contains("udp UNCONN ")
        .contains("[::1]:" + port(listener6))
        .contains("java/" + PID);
  }

  @Test
  void unixListenerIsFoundWithItsProcess() throws Exception {
    SocketEntry row =
        PortTable.read().sockets().stream()
            .filter(s -> s.localAddress().equals(unixPath.toString()))
            .findFirst()
            .orElseThrow();
    assertThat(row.netid()).isEqualTo("u_str");
    assertThat(row.state()).isEqualTo(SocketState.LISTEN);
    assertThat(row.processes()).extracting(ProcessRef::pid).contains((int) PID);
    if (hasSs()) {
      assertThat(run("ss", "-H", "-xlnp"))
          .anyMatch(l -> l.contains(unixPath.toString()) && l.contains("pid=" + PID));
    }
  }

  @Test
  void queriesFilterLikeSsOptions() throws IOException {
    PortTable table = PortTable.read();
    int p4 = port(listener4);
    List<SocketEntry> listening =
        table.select(new SocketQuery(Set.of(Transport.TCP), Family.ANY, true, p4, -1, Set.of()));
    assertThat(listening)
        .singleElement()
        .satisfies(s -> assertThat(s.state()).isEqualTo(SocketState.LISTEN));
    List<SocketEntry> onPort =
        table.select(new SocketQuery(Set.of(), Family.ANY, false, p4, -1, Set.of()));
    assertThat(onPort)
        .hasSize(5); // listener, both ends of the accepted and of the waiting connection
    assertThat(
            table.select(
                new SocketQuery(
                    Set.of(), Family.ANY, false, p4, -1, Set.of(SocketState.ESTABLISHED))))
        .hasSize(4);
    // Java's SocketChannel.open(address) makes a dual-stack IPv6 socket: the clients are tcp6 rows
    assertThat(table.select(new SocketQuery(Set.of(), Family.IPV6, false, p4, -1, Set.of())))
        .hasSize(2)
        .allSatisfy(s -> assertThat(s.localAddress()).isEqualTo("::ffff:127.0.0.1"));
    assertThat(table.select(new SocketQuery(Set.of(), Family.IPV4, false, p4, -1, Set.of())))
        .hasSize(3);
    List<SocketEntry> mine =
        table.select(
            new SocketQuery(Set.of(Transport.UDP), Family.IPV4, false, -1, (int) PID, Set.of()));
    assertThat(mine).extracting(SocketEntry::localPort).contains(port(udp));
    assertThat(
            table.select(
                new SocketQuery(Set.of(Transport.UNIX), Family.ANY, true, -1, (int) PID, Set.of())))
        .extracting(SocketEntry::localAddress)
        .contains(unixPath.toString());
  }

  @Test
  void describeHolderNamesThisProcess() throws IOException {
    String me = "pid " + PID + " (";
    assertThat(PortTable.describeHolder(port(listener4), Transport.TCP))
        .hasValueSatisfying(d -> assertThat(d).startsWith(me));
    assertThat(PortTable.describeHolder(port(udp), Transport.UDP))
        .hasValueSatisfying(d -> assertThat(d).startsWith(me));
    int free;
    try (ServerSocketChannel probe = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      free = port(probe);
    }
    assertThat(PortTable.describeHolder(free, Transport.TCP)).isEmpty();
  }

  /**
   * Only the sockets that stand in a bind's way count: the same address, an IPv4-mapped one, or a
   * wildcard.
   */
  @Test
  void theSocketsInABindsWayAreThoseOnItsAddressOrAWildcard() throws Exception {
    InetAddress v4 = InetAddress.getByName("127.0.0.1");
    InetAddress v6 = InetAddress.getByName("::1");
    InetAddress other = InetAddress.getByName("127.0.0.2");
    assertThat(PortTable.inTheWay("127.0.0.1", v4)).isTrue();
    assertThat(PortTable.inTheWay("::ffff:127.0.0.1", v4)).as("IPv4-mapped").isTrue();
    assertThat(PortTable.inTheWay("127.0.0.1", other)).isFalse();
    assertThat(PortTable.inTheWay("127.0.0.1", v6)).isFalse();
    assertThat(PortTable.inTheWay("::1", v4)).isFalse();
    assertThat(PortTable.inTheWay("::1", v6)).isTrue();
    assertThat(PortTable.inTheWay("0.0.0.0", v4)).isTrue();
    assertThat(PortTable.inTheWay("0.0.0.0", v6)).as("an IPv4 wildcard leaves ::1 free").isFalse();
    assertThat(PortTable.inTheWay("::", v4)).as("dual-stack").isTrue();
    assertThat(PortTable.inTheWay("::", v6)).isTrue();
    for (String held : new String[] {"127.0.0.1", "::1", "0.0.0.0", "::"}) {
      assertThat(PortTable.inTheWay(held, null)).as("every address, against %s", held).isTrue();
      assertThat(PortTable.inTheWay(held, InetAddress.getByName("::"))).isTrue();
    }
  }

  /**
   * Who is in the way of one address (told apart from other holders: ExitCodesIT, two processes).
   */
  @Test
  void aHolderIsNamedForItsAddressAndWhenNoneIsInTheWayEveryoneOnThePortIs() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(PortTable.supported(), "no /proc/net here");
    String me = "pid " + PID + " (";
    int p = port(listener4);
    // nothing of ours is on 127.0.0.2: everyone on the port is named rather than no one
    assertThat(PortTable.describeHolder(InetAddress.getByName("127.0.0.2"), p, Transport.TCP))
        .hasValueSatisfying(d -> assertThat(d).startsWith(me));
    assertThat(PortTable.describeHolder(InetAddress.getByName("127.0.0.1"), p, Transport.TCP))
        .hasValueSatisfying(d -> assertThat(d).startsWith(me));
    assertThat(PortTable.describeHolder(null, p, Transport.TCP))
        .hasValueSatisfying(d -> assertThat(d).startsWith(me));
  }

  private <T extends AutoCloseable> T keep(T c) {
    open.add(c);
    return c;
  }

  private static int port(java.nio.channels.NetworkChannel c) throws IOException {
    return ((InetSocketAddress) c.getLocalAddress()).getPort();
  }

  private static int portOf(String hostPort) {
    String p = hostPort.substring(hostPort.lastIndexOf(':') + 1);
    return p.chars().allMatch(Character::isDigit) && !p.isEmpty() ? Integer.parseInt(p) : -1;
  }

  private static String row(
      String netid, String state, long rq, long sq, String local, String peer, String users) {
    // ss prints a listener's backlog as its Send-Q; /proc/net/tcp does not have it
    return netid
        + " "
        + state
        + " "
        + rq
        + " "
        + ("LISTEN".equals(state) ? "-" : Long.toString(sq))
        + " "
        + local
        + " "
        + peer
        + " "
        + users;
  }

  private static boolean hasSs() {
    try {
      return new ProcessBuilder("ss", "-V").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static List<String> run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines =
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return lines;
  }
}
