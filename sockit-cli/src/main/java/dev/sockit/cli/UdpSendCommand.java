package dev.sockit.cli;

import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.tcp.TcpClient;
import dev.sockit.core.udp.Datagram;
import dev.sockit.core.udp.DatagramEndpoint;
import dev.sockit.core.udp.UdpOptions;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sockit udp send HOST PORT [TEXT]}: datagrams out, replies printed. */
@Command(
    name = "send",
    header = "Send TEXT or each line of stdin as a datagram; print the replies.",
    description = {
      "Send TEXT, or each line of stdin, as a datagram to HOST PORT (or HOST:PORT).",
      "Replies are printed as they arrive, and for --wait after the last send, so none is lost."
    },
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false)
final class UdpSendCommand implements Callable<Integer> {
  @Parameters(arity = "1..3", paramLabel = "HOST PORT [TEXT]", description = "Target and optional text (escapes \\r \\n \\t \\xNN allowed).")
  List<String> args;

  @Option(names = "--raw", description = "Send stdin in chunks (up to 65,507 bytes) instead of one datagram per line.")
  boolean raw;

  @Option(names = "--broadcast", description = "SO_BROADCAST: allow sending to a broadcast address.")
  boolean broadcast;

  @Option(names = {"-p", "--source-port"}, paramLabel = "PORT", description = "Local port to send from (replies come back to it).")
  String sourcePort;

  @Option(names = {"-s", "--source"}, paramLabel = "ADDR", description = "Local address to send from.")
  String source;

  @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "Send TEXT N times (default ${DEFAULT-VALUE}).")
  long count;

  @Option(names = "--interval", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "1s",
      description = "Pause between repeated sends (default ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--wait", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "1s",
      description = "After the last send, print replies that arrive within TIME (default ${DEFAULT-VALUE}; 0 to quit at once).")
  Duration wait;

  @Option(names = "--replies", paramLabel = "N", defaultValue = "0",
      description = "Quit as soon as N replies have arrived, without waiting out --wait (default ${DEFAULT-VALUE}: no limit).")
  int replies;

  @Option(names = "--from", description = "Print each reply on its own line after its sender's address.")
  boolean from;

  @Option(names = "--ttl", paramLabel = "HOPS", description = "IP_MULTICAST_TTL for multicast targets.")
  int ttl = -1;

  @Option(names = {"-C", "--crlf"}, description = "Send each line ending as CRLF.")
  boolean crlf;

  @ArgGroup(exclusive = true)
  FamilyOption family = new FamilyOption();

  @Mixin EncodingOption encoding;
  @Mixin OutputOptions output;

  private final Stdio io = new Stdio();

  @Override
  public Integer call() throws Exception {
    Targets.Parsed parsed = Targets.remote(args);
    if (parsed.rest().size() > 1) {
      throw new Failures.BadInput("unexpected argument '" + parsed.rest().get(1) + "'; quote TEXT with spaces");
    }
    if (count < 1) {
      throw new Failures.BadInput("--count must be at least 1, got " + count);
    }
    if (replies < 0) {
      throw new Failures.BadInput("--replies must be 0 (no limit) or more, got " + replies);
    }
    byte[] text = parsed.rest().isEmpty() ? null : encoding.encode(parsed.rest().get(0));
    InetAddress target = TcpClient.resolve(parsed.target().host(), family.family()).get(0);
    InetSocketAddress to = new InetSocketAddress(target, parsed.target().port());
    if (text != null) {
      int limit = DatagramEndpoint.payloadLimit(target);
      if (text.length > limit) {
        throw new dev.sockit.core.udp.DatagramTooLargeException(text.length, limit, dev.sockit.core.address.SocketAddresses.format(to));
      }
    }
    boolean v4 = target instanceof Inet4Address;
    UdpOptions options = UdpOptions.unbound(v4).withBroadcast(broadcast).withMulticastTtl(ttl);
    if (sourcePort != null || source != null) {
      InetAddress local = source == null ? null : Targets.bindAddress(dev.sockit.core.address.HostPort.checkHost(source));
      int port = sourcePort == null ? 0 : dev.sockit.core.address.HostPort.parsePort(sourcePort);
      options = new UdpOptions(local == null ? new InetSocketAddress(port) : new InetSocketAddress(local, port), v4, broadcast, ttl, false);
    }
    TrafficBus bus = output.bus();
    try (DatagramEndpoint udp = DatagramEndpoint.open(options, bus)) {
      DatagramPrinter printer = new DatagramPrinter(io, from);
      Thread receiver = null;
      if (text != null) {
        for (long i = 0; i < count; i++) {
          if (i > 0) {
            Thread.sleep(interval);
          }
          udp.send(text, to);
          if (receiver == null) {
            receiver = startReceiver(udp, printer);
          }
        }
      } else {
        receiver = sendStdin(udp, to, printer);
      }
      if (receiver != null && !wait.isZero()) {
        receiver.join(wait);
      }
    }
    return Failures.OK;
  }

  private Thread sendStdin(DatagramEndpoint udp, InetSocketAddress to, DatagramPrinter printer) throws IOException {
    Thread receiver = null;
    int limit = DatagramEndpoint.payloadLimit(to.getAddress());
    ByteBuffer buffer = ByteBuffer.allocate(raw ? limit : 1 << 20);
    int previous = -1;
    boolean eof = false;
    while (!eof) {
      eof = io.in.read(buffer) < 0;
      buffer.flip();
      if (raw) {
        if (buffer.hasRemaining()) {
          byte[] chunk = Arrays.copyOfRange(buffer.array(), 0, buffer.limit());
          udp.send(crlf ? dev.sockit.core.codec.Escapes.toCrlf(chunk, chunk.length, previous) : chunk, to);
          previous = chunk[chunk.length - 1];
        }
        buffer.clear();
      } else {
        sendLines(udp, to, buffer);
        if (eof && buffer.hasRemaining()) {
          udp.send(Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit()), to);
          buffer.position(buffer.limit());
        }
        buffer.compact();
        if (!eof && !buffer.hasRemaining()) {
          throw new Failures.BadInput("a line of stdin is longer than 1 MiB; use --raw to send it in chunks");
        }
      }
      if (receiver == null && udp.localAddress() != null) {
        receiver = startReceiver(udp, printer);
      }
    }
    return receiver;
  }

  /** Sends every complete line in {@code buffer}; leaves a partial line in place. */
  private void sendLines(DatagramEndpoint udp, InetSocketAddress to, ByteBuffer buffer) throws IOException {
    int start = buffer.position();
    for (int i = start; i < buffer.limit(); i++) {
      if (buffer.get(i) == '\n') {
        byte[] line = Arrays.copyOfRange(buffer.array(), start, i + 1);
        udp.send(crlf ? dev.sockit.core.codec.Escapes.toCrlf(line, line.length, -1) : line, to);
        start = i + 1;
      }
    }
    buffer.position(start);
  }

  /** Prints replies until the socket closes, or until {@code --replies} of them have arrived (the thread then ends, which ends the wait). */
  private Thread startReceiver(DatagramEndpoint udp, DatagramPrinter printer) {
    return Thread.ofPlatform().daemon().name("sockit-replies").start(() -> {
      try {
        long seen = 0;
        while (udp.isOpen() && (replies == 0 || seen < replies)) {
          Datagram d = udp.receive(null);
          if (d != null) {
            printer.print(d);
            seen++;
          }
        }
      } catch (IOException e) {
        // closed at exit: the normal way out
      }
    });
  }
}
