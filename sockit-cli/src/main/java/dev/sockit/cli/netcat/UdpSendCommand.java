package dev.sockit.cli.netcat;

import dev.sockit.cli.Failures;
import dev.sockit.cli.Reporting;
import dev.sockit.cli.Version;
import dev.sockit.cli.options.DurationConverter;
import dev.sockit.cli.options.EncodingOption;
import dev.sockit.cli.options.FamilyOption;
import dev.sockit.cli.options.Targets;
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
final class UdpSendCommand implements Callable<Integer>, Reporting {
  @Parameters(
      arity = "1..3",
      paramLabel = "HOST PORT [TEXT]",
      description = "Target and optional text (escapes \\r \\n \\t \\xNN allowed).")
  List<String> args;

  @Option(
      names = "--raw",
      description = "Send stdin in chunks (up to 65,507 bytes) instead of one datagram per line.")
  boolean raw;

  @Option(
      names = "--broadcast",
      description = "SO_BROADCAST: allow sending to a broadcast address.")
  boolean broadcast;

  @Option(
      names = {"-p", "--source-port"},
      paramLabel = "PORT",
      description = "Local port to send from (replies come back to it).")
  String sourcePort;

  @Option(
      names = {"-s", "--source"},
      paramLabel = "ADDR",
      description = "Local address to send from.")
  String source;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "1",
      description = "Send TEXT N times (default ${DEFAULT-VALUE}).")
  long count;

  @Option(
      names = "--interval",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      defaultValue = "1s",
      description = "Pause between repeated sends (default ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(
      names = "--wait",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      defaultValue = "1s",
      description =
          "After the last send, print replies that arrive within TIME (default ${DEFAULT-VALUE}; 0 to quit at once).")
  Duration wait;

  @Option(
      names = "--replies",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Quit as soon as N replies from the target have arrived, sending no more; exit 1 if --wait ends first"
              + " (default ${DEFAULT-VALUE}: no limit).")
  int replies;

  @Option(
      names = "--from",
      description = "Print each reply on its own line after its sender's address.")
  boolean from;

  @Option(
      names = "--ttl",
      paramLabel = "HOPS",
      description = "IP_MULTICAST_TTL for multicast targets.")
  int ttl = -1;

  @Option(
      names = {"-C", "--crlf"},
      description = "Send each line ending as CRLF.")
  boolean crlf;

  @ArgGroup(exclusive = true)
  FamilyOption family = new FamilyOption();

  @Mixin EncodingOption encoding;
  @Mixin OutputOptions output;

  private final Stdio io = new Stdio();

  @Override
  public boolean debug() {
    return output.debug.on();
  }

  @Override
  public Integer call() throws Exception {
    Targets.Parsed parsed = Targets.remote(args);
    if (parsed.rest().size() > 1) {
      throw new Failures.BadInput(
          "unexpected argument '" + parsed.rest().get(1) + "'; quote TEXT with spaces");
    }
    if (count < 1) {
      throw new Failures.BadInput("--count must be at least 1, got " + count);
    }
    if (replies < 0) {
      throw new Failures.BadInput("--replies must be 0 (no limit) or more, got " + replies);
    }
    if (replies > 0 && wait.isZero()) {
      throw new Failures.BadInput(
          "--replies "
              + replies
              + " needs time to wait for them: give --wait a time (e.g. --wait 5s), not 0");
    }
    byte[] text = parsed.rest().isEmpty() ? null : encoding.encode(parsed.rest().get(0));
    InetAddress target = TcpClient.resolve(parsed.target().host(), family.family()).get(0);
    InetSocketAddress to = new InetSocketAddress(target, parsed.target().port());
    if (text != null) {
      int limit = DatagramEndpoint.payloadLimit(target);
      if (text.length > limit) {
        throw new dev.sockit.core.udp.DatagramTooLargeException(
            text.length, limit, dev.sockit.core.address.SocketAddresses.format(to));
      }
    }
    boolean v4 = target instanceof Inet4Address;
    UdpOptions options = UdpOptions.unbound(v4).withBroadcast(broadcast).withMulticastTtl(ttl);
    if (sourcePort != null || source != null) {
      InetAddress local =
          source == null
              ? null
              : Targets.bindAddress(dev.sockit.core.address.HostPort.checkHost(source));
      int port = sourcePort == null ? 0 : dev.sockit.core.address.HostPort.parsePort(sourcePort);
      options =
          new UdpOptions(
              local == null ? new InetSocketAddress(port) : new InetSocketAddress(local, port),
              v4,
              broadcast,
              ttl,
              false);
    }
    TrafficBus bus = output.bus();
    // ICMP errors ("port unreachable") reported on the unconnected socket, which still sees a reply
    // from another address; where that cannot be had, a connected socket reports them instead
    options = options.withIcmpErrors(true);
    try (DatagramEndpoint udp = DatagramEndpoint.open(options, bus)) {
      if (!udp.reportsIcmpErrors() && !to.getAddress().isMulticastAddress() && !broadcast) {
        udp.connect(to);
      }
      DatagramPrinter printer = new DatagramPrinter(io, from);
      Replies got = new Replies(to);
      if (text != null) {
        for (long i = 0; i < count && !got.enough(); i++) {
          if (i > 0 && got.awaitEnough(interval)) {
            break; // the replies asked for are in: nothing more is sent
          }
          udp.send(text, to);
          got.start(udp, printer);
        }
      } else {
        // on a thread of its own: a read of stdin cannot be cut short when the replies are in
        java.util.concurrent.CompletableFuture<Void> sent =
            new java.util.concurrent.CompletableFuture<>();
        Thread.ofPlatform()
            .daemon()
            .name("sockit-stdin")
            .start(
                () -> {
                  try {
                    sendStdin(udp, to, printer, got);
                    sent.complete(null);
                  } catch (Throwable t) {
                    sent.completeExceptionally(t);
                  }
                });
        try {
          java.util.concurrent.CompletableFuture.anyOf(sent, got.done).get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          throw e.getCause() instanceof RuntimeException r ? r : new IOException(e.getCause());
        }
      }
      if (got.started() && !wait.isZero() && !got.enough()) {
        got.awaitEnough(wait);
      }
      got.check();
      if (replies > 0 && !got.started()) {
        throw new java.io.IOException(
            "stdin was empty: nothing was sent to "
                + dev.sockit.core.address.SocketAddresses.format(to)
                + ", so no reply could come");
      }
      if (replies > 0 && !got.enough()) {
        throw new java.io.IOException(
            got.count()
                + " of "
                + replies
                + " repl"
                + (replies == 1 ? "y" : "ies")
                + " from "
                + dev.sockit.core.address.SocketAddresses.format(to)
                + " arrived within "
                + (wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms")
                + " (--wait)"
                + got.others());
      }
    }
    return Failures.OK;
  }

  /**
   * The replies: printed by a thread of their own as they arrive; with {@code --replies N}, the
   * first N from the target (its address; any sender for a broadcast or multicast target) end the
   * wait and the sending.
   */
  private final class Replies {
    private final InetSocketAddress to;

    /** Completed once the replies asked for are in (never without --replies). */
    final java.util.concurrent.CompletableFuture<Void> done =
        new java.util.concurrent.CompletableFuture<>();

    private final java.util.concurrent.atomic.AtomicLong counted =
        new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong othersCount =
        new java.util.concurrent.atomic.AtomicLong();
    private final java.util.Set<String> others = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Thread reader;

    Replies(InetSocketAddress to) {
      this.to = to;
    }

    void start(DatagramEndpoint udp, DatagramPrinter printer) {
      if (reader == null) {
        reader = startReceiver(udp, printer, this);
      }
    }

    boolean started() {
      return reader != null;
    }

    /** A datagram arrived; true when it is the last one asked for. */
    boolean received(Datagram d) {
      InetAddress a = to.getAddress();
      boolean fromTarget =
          a.isMulticastAddress()
              || a.isAnyLocalAddress()
              || broadcast
              || d.sender() instanceof InetSocketAddress s && a.equals(s.getAddress());
      if (!fromTarget) {
        othersCount.incrementAndGet();
        if (others.size() < 3) {
          others.add(dev.sockit.core.address.SocketAddresses.format(d.sender()));
        }
      }
      if (fromTarget && replies > 0 && counted.incrementAndGet() >= replies) {
        done.complete(null);
        return true;
      }
      return false;
    }

    boolean enough() {
      return done.isDone() && !done.isCompletedExceptionally();
    }

    /** Throws the receiving failure, if there was one. */
    void check() throws IOException, InterruptedException {
      if (done.isCompletedExceptionally()) {
        awaitEnough(Duration.ZERO);
      }
    }

    long count() {
      return counted.get();
    }

    /**
     * Waits up to {@code time} (or until the replies asked for are in); true if they are. An ICMP
     * error for what was sent ends the wait at once, thrown.
     */
    boolean awaitEnough(Duration time) throws InterruptedException, IOException {
      try {
        done.get(time.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        return true;
      } catch (java.util.concurrent.TimeoutException e) {
        return false;
      } catch (java.util.concurrent.ExecutionException e) {
        throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
      }
    }

    /** Receiving failed (an ICMP error for the target): the command ends with it. */
    void fail(IOException e) {
      done.completeExceptionally(e);
    }

    /** Datagrams that came from another address than the target's, the first few of them. */
    String others() {
      return others.isEmpty()
          ? ""
          : "; "
              + othersCount.get()
              + (othersCount.get() == 1 ? " datagram" : " datagrams")
              + " came from "
              + String.join(", ", others)
              + " instead, which is not where the request went (a server that answers from"
              + " another of its addresses)";
    }
  }

  /** Sends stdin (lines, or chunks with --raw) until it ends or the replies asked for are in. */
  private void sendStdin(
      DatagramEndpoint udp, InetSocketAddress to, DatagramPrinter printer, Replies got)
      throws IOException {
    int limit = DatagramEndpoint.payloadLimit(to.getAddress());
    ByteBuffer buffer = ByteBuffer.allocate(raw ? limit : 1 << 20);
    int previous = -1;
    boolean eof = false;
    while (!eof && !got.enough()) {
      eof = io.in.read(buffer) < 0;
      buffer.flip();
      if (raw) {
        if (buffer.hasRemaining()) {
          byte[] chunk = Arrays.copyOfRange(buffer.array(), 0, buffer.limit());
          udp.send(
              crlf ? dev.sockit.core.codec.Escapes.toCrlf(chunk, chunk.length, previous) : chunk,
              to);
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
          throw new Failures.BadInput(
              "a line of stdin is longer than 1 MiB; use --raw to send it in chunks");
        }
      }
      if (udp.localAddress() != null) {
        got.start(udp, printer);
      }
    }
  }

  /** Sends every complete line in {@code buffer}; leaves a partial line in place. */
  private void sendLines(DatagramEndpoint udp, InetSocketAddress to, ByteBuffer buffer)
      throws IOException {
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

  /**
   * Prints replies until the socket closes, or until the last of {@code --replies} from the target
   * is printed.
   */
  private Thread startReceiver(DatagramEndpoint udp, DatagramPrinter printer, Replies got) {
    return Thread.ofPlatform()
        .daemon()
        .name("sockit-replies")
        .start(
            () -> {
              try {
                while (udp.isOpen()) {
                  Datagram d = udp.receive(null);
                  if (d != null) {
                    printer.print(d);
                    if (got.received(d)) {
                      return;
                    }
                  }
                }
              } catch (IOException e) {
                if (udp.isOpen()) {
                  got.fail(e); // an ICMP error: the target is not there
                }
                // else closed at exit: the normal way out
              }
            });
  }
}
