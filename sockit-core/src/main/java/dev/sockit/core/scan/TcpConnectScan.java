package dev.sockit.core.scan;

import dev.sockit.core.net.Transport;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A TCP connect scan on one platform thread: non-blocking {@code connect()} on up to {@code
 * concurrency} sockets at a time, answers collected with one {@link Selector}.
 *
 * <p>Each probe moves CONNECTING -> (BANNER) -> done. A probe is done when the connect succeeds
 * (open; with banners, after the first bytes arrive, the peer closes or the wait ends), fails
 * (refused: closed; another error: filtered) or times out (filtered). Loopback answers inside the
 * {@code connect()} call, so the result is read straight away and the selector only sees the slow
 * answers. Deadlines are FIFO because every probe of a phase waits equally long.
 */
final class TcpConnectScan {
  private final InetAddress target;
  private final ScanOptions options;
  private final IntConsumer progress;
  private final PortResult[] results;
  private final ArrayDeque<Probe> connecting = new ArrayDeque<>();
  private final ArrayDeque<Probe> reading = new ArrayDeque<>();
  private int finished;
  private int inFlight;

  private TcpConnectScan(InetAddress target, ScanOptions options, IntConsumer progress, int size) {
    this.target = target;
    this.options = options;
    this.progress = progress;
    this.results = new PortResult[size];
  }

  static List<PortResult> run(
      InetAddress target, int[] ports, ScanOptions options, IntConsumer progress)
      throws IOException {
    TcpConnectScan scan = new TcpConnectScan(target, options, progress, ports.length);
    try (Selector selector = Selector.open()) {
      scan.loop(ports, selector);
    }
    return Arrays.asList(scan.results);
  }

  private static final class Probe {
    final int index;
    final int port;
    final SocketChannel channel;
    final long started;
    long deadline;
    boolean banner;
    boolean done;

    boolean waitingForConnect() {
      return !done && !banner;
    }

    Probe(int index, int port, SocketChannel channel, long started) {
      this.index = index;
      this.port = port;
      this.channel = channel;
      this.started = started;
    }
  }

  private void loop(int[] ports, Selector selector) throws IOException {
    int next = 0;
    while (finished < ports.length) {
      while (inFlight < options.concurrency() && next < ports.length) {
        if (!start(next, ports[next], selector)) {
          break; // out of descriptors: wait for probes in flight to end
        }
        next++;
      }
      if (inFlight == 0) {
        continue;
      }
      long wait = Math.max(1, (nextDeadline() - System.nanoTime()) / 1_000_000);
      selector.select(this::ready, wait);
      expire(System.nanoTime());
    }
  }

  private boolean start(int index, int port, Selector selector) throws IOException {
    long t0 = System.nanoTime();
    SocketChannel ch;
    try {
      ch =
          SocketChannel.open(
              target instanceof Inet4Address
                  ? StandardProtocolFamily.INET
                  : StandardProtocolFamily.INET6);
    } catch (IOException e) {
      if (inFlight > 0) {
        return false;
      }
      throw new IOException("cannot open a socket to scan port " + port + ": " + e.getMessage(), e);
    }
    Probe p = new Probe(index, port, ch, t0);
    inFlight++;
    try {
      ch.configureBlocking(false);
      if (ch.connect(new InetSocketAddress(target, port)) || ch.finishConnect()) {
        opened(p, selector, null);
      } else {
        p.deadline = t0 + options.timeout().toNanos();
        ch.register(selector, SelectionKey.OP_CONNECT, p);
        connecting.add(p);
      }
    } catch (IOException e) {
      failed(p, e);
    }
    return true;
  }

  private void ready(SelectionKey key) {
    Probe p = (Probe) key.attachment();
    if (p.done) {
      return;
    }
    try {
      if (key.isConnectable()) {
        if (p.channel.finishConnect()) {
          opened(p, key.selector(), key);
        }
      } else if (key.isReadable()) {
        readBanner(p);
      }
    } catch (IOException e) {
      failed(p, e);
    }
  }

  private void opened(Probe p, Selector selector, SelectionKey key) throws IOException {
    if (target.equals(((InetSocketAddress) p.channel.getLocalAddress()).getAddress())
        && ((InetSocketAddress) p.channel.getLocalAddress()).getPort() == p.port) {
      // TCP simultaneous open: the kernel chose the scanned port as our own source port
      finish(p, PortStatus.CLOSED, "self-connect", new byte[0]);
      return;
    }
    if (!options.banner()) {
      finish(p, PortStatus.OPEN, "syn-ack", new byte[0]);
      return;
    }
    p.banner = true;
    p.deadline = System.nanoTime() + options.bannerWait().toNanos();
    if (key == null) {
      p.channel.register(selector, SelectionKey.OP_READ, p);
    } else {
      key.interestOps(SelectionKey.OP_READ);
    }
    reading.add(p);
  }

  private void readBanner(Probe p) {
    ByteBuffer buf = ByteBuffer.allocate(ScanOptions.BANNER_BYTES);
    try {
      p.channel.read(buf);
    } catch (IOException e) {
      // reset right after accepting: the port is open, it just says nothing
    }
    finish(p, PortStatus.OPEN, "syn-ack", Arrays.copyOf(buf.array(), buf.position()));
  }

  private void failed(Probe p, IOException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("refused")) {
      finish(p, PortStatus.CLOSED, "conn-refused", new byte[0]);
    } else {
      finish(p, PortStatus.FILTERED, m.toLowerCase(java.util.Locale.ROOT), new byte[0]);
    }
  }

  private void expire(long now) {
    while (!connecting.isEmpty()
        && (!connecting.peek().waitingForConnect() || connecting.peek().deadline <= now)) {
      Probe p = connecting.poll();
      if (p.waitingForConnect()) {
        finish(p, PortStatus.FILTERED, "no-response", new byte[0]);
      }
    }
    while (!reading.isEmpty() && (reading.peek().done || reading.peek().deadline <= now)) {
      Probe p = reading.poll();
      if (!p.done) {
        finish(p, PortStatus.OPEN, "syn-ack", new byte[0]);
      }
    }
  }

  private long nextDeadline() {
    long d = Long.MAX_VALUE;
    while (!connecting.isEmpty() && !connecting.peek().waitingForConnect()) {
      connecting.poll();
    }
    while (!reading.isEmpty() && reading.peek().done) {
      reading.poll();
    }
    if (!connecting.isEmpty()) {
      d = connecting.peek().deadline;
    }
    if (!reading.isEmpty()) {
      d = Math.min(d, reading.peek().deadline);
    }
    return d == Long.MAX_VALUE ? System.nanoTime() + 1_000_000 : d;
  }

  private void finish(Probe p, PortStatus status, String reason, byte[] banner) {
    p.done = true;
    try {
      p.channel.close();
    } catch (IOException e) {
      // nothing was sent on this socket; a failing close changes no result
    }
    results[p.index] =
        new PortResult(
            p.port,
            Transport.TCP,
            status,
            reason,
            Duration.ofNanos(System.nanoTime() - p.started),
            banner);
    inFlight--;
    finished++;
    progress.accept(finished);
  }
}
