package dev.sockit.cli.netcat;

import dev.sockit.cli.BindFailure;
import dev.sockit.cli.Failures;
import dev.sockit.cli.Reporting;
import dev.sockit.cli.Version;
import dev.sockit.cli.options.EncodingOption;
import dev.sockit.cli.options.FamilyOption;
import dev.sockit.cli.options.Targets;
import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.udp.Datagram;
import dev.sockit.core.udp.DatagramEndpoint;
import dev.sockit.core.udp.UdpOptions;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sockit udp listen [ADDR] PORT}: a bound UDP receiver. */
@Command(
    name = "listen",
    header = "Print each datagram that arrives on [ADDR] PORT; reply from stdin.",
    description = {
      "Bind [ADDR] PORT and print each datagram that arrives, from any sender.",
      "Lines typed on stdin go to the last sender."
    },
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false)
final class UdpListenCommand implements Callable<Integer>, Reporting {
  @Parameters(
      arity = "1..2",
      paramLabel = "[ADDR] PORT",
      description = "Local address (default: every address) and port (0: any).")
  List<String> where;

  @Option(
      names = "--from",
      description = "Print each datagram on its own line after its sender's address.")
  boolean from;

  @Option(names = "--echo", description = "Send each datagram back to its sender.")
  boolean echo;

  @Option(names = "--reply", paramLabel = "TEXT", description = "Answer each datagram with TEXT.")
  String reply;

  @Option(
      names = "--multicast",
      paramLabel = "GROUP",
      description = "Join multicast GROUP (e.g. 239.1.2.3).")
  String multicast;

  @Option(
      names = "--iface",
      paramLabel = "NAME",
      description =
          "Interface to join the multicast group on (default: the first multicast-capable one that is up).")
  String iface;

  @Option(names = "--count", paramLabel = "N", description = "Exit after N datagrams.")
  long count;

  @ArgGroup(exclusive = true)
  FamilyOption family = new FamilyOption();

  @Mixin EncodingOption encoding;
  @Mixin OutputOptions output;

  private final AtomicReference<Datagram> lastSender = new AtomicReference<>();

  @Override
  public boolean debug() {
    return output.debug.on();
  }

  @Override
  public Integer call() throws Exception {
    if (echo && reply != null) {
      throw new Failures.BadInput("choose --echo or --reply, not both");
    }
    if (count < 0) {
      throw new Failures.BadInput("--count must not be negative, got " + count);
    }
    Targets.Parsed parsed = Targets.local(where);
    int port = Targets.localPort(parsed);
    InetAddress group = multicast == null ? null : multicastGroup(multicast);
    InetAddress address =
        parsed.target() == null ? null : family.check(Targets.bindAddress(parsed.target().host()));
    if (group != null) {
      family.check(group);
    }
    dev.sockit.core.net.Family f = family.family();
    if (f == dev.sockit.core.net.Family.ANY && address == null && group instanceof Inet4Address) {
      f = dev.sockit.core.net.Family.IPV4;
    }
    byte[] answer = reply == null ? null : encoding.encode(reply);
    TrafficBus bus = output.bus();
    Stdio io = new Stdio();
    DatagramPrinter printer = new DatagramPrinter(io, from);
    // bound to every address: answer each datagram from the address it was sent to
    UdpOptions options =
        UdpOptions.bound(address, port, f)
            .withReuseAddress(group != null)
            .withPacketInfo(address == null || address.isAnyLocalAddress());
    try (DatagramEndpoint udp = open(options, bus)) {
      if (group != null) {
        udp.join(group, networkInterface(group));
      }
      System.err.println(
          "listening on "
              + SocketAddresses.format(udp.localAddress())
              + " (udp)"
              + (group == null ? "" : ", joined " + SocketAddresses.formatIp(group)));
      System.err.flush();
      Thread.ofPlatform().daemon().name("sockit-stdin").start(() -> sendStdinToLastSender(udp, io));
      for (long n = 0; count == 0 || n < count; n++) {
        Datagram d = udp.receive(null);
        lastSender.set(d);
        printer.print(d);
        if (echo) {
          udp.reply(d, d.data());
        } else if (answer != null) {
          udp.reply(d, answer);
        }
      }
    }
    return Failures.OK;
  }

  private void sendStdinToLastSender(DatagramEndpoint udp, Stdio io) {
    ByteBuffer buffer =
        ByteBuffer.allocate(DatagramEndpoint.payloadLimit(InetAddress.getLoopbackAddress()));
    try {
      while (io.in.read(buffer.clear()) >= 0) {
        Datagram to = lastSender.get();
        if (to != null && buffer.position() > 0) {
          udp.reply(to, Arrays.copyOf(buffer.array(), buffer.position()));
        }
      }
    } catch (IOException e) {
      System.getLogger(UdpListenCommand.class.getName())
          .log(System.Logger.Level.DEBUG, "stdin ended", e);
    }
  }

  private static InetAddress multicastGroup(String text) {
    InetAddress group = dev.sockit.core.address.IpLiterals.parse(text);
    if (!group.isMulticastAddress()) {
      throw new Failures.BadInput(
          text
              + " is not a multicast group; IPv4 groups are 224.0.0.0-239.255.255.255, IPv6 groups start with ff");
    }
    return group;
  }

  private NetworkInterface networkInterface(InetAddress group) throws SocketException {
    if (iface != null) {
      NetworkInterface ni = NetworkInterface.getByName(iface);
      if (ni == null) {
        throw new Failures.BadInput(
            "no network interface named '" + iface + "'; see 'ip link' for the names here");
      }
      return ni;
    }
    for (NetworkInterface ni :
        java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (ni.isUp()
          && ni.supportsMulticast()
          && !ni.isLoopback()
          && ni.inetAddresses()
              .anyMatch(a -> (a instanceof Inet4Address) == (group instanceof Inet4Address))) {
        return ni;
      }
    }
    throw new SocketException(
        "no interface that is up supports multicast for "
            + SocketAddresses.formatIp(group)
            + "; name one with --iface");
  }

  /** Opens the socket; when the port is taken, the message names the process holding it (Linux). */
  private static DatagramEndpoint open(UdpOptions options, TrafficBus bus)
      throws java.io.IOException {
    try {
      return DatagramEndpoint.open(options, bus);
    } catch (java.net.BindException e) {
      throw BindFailure.withHolder(e, options.bind(), dev.sockit.core.net.Transport.UDP);
    }
  }
}
