package dev.sockit.core.ipmsg;

import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.net.Transport;
import dev.sockit.core.udp.DatagramEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Makes and sends this engine's packets: numbers them, writes the header in the receiver's charset,
 * publishes each one, and sends a message again until it is acknowledged or the retries are spent.
 *
 * <p>Packet numbers start at the current time in seconds, as IPMsg does, so that a restarted sockit
 * does not reuse numbers a peer has seen (iptux drops a message whose number is not above the last
 * one it had from that address).
 */
final class Outbox {
  /** The largest packet sent: iptux reads at most 8,192 bytes of a datagram. */
  static final int MAX_PACKET = 8192;

  private final DatagramEndpoint endpoint;
  private final LanOptions options;
  private final String version;
  private final Consumer<LanEvent> publish;
  private final ScheduledExecutorService timer;
  private final AtomicLong numbers = new AtomicLong(Instant.now().getEpochSecond() & 0x3FFFFFFFL);
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

  private static final class Pending {
    final IpmsgPacket packet;
    final byte[] raw;
    final InetSocketAddress to;
    final CompletableFuture<Delivery> future = new CompletableFuture<>();
    final long started = System.nanoTime();
    int attempts;
    ScheduledFuture<?> next;

    Pending(IpmsgPacket packet, byte[] raw, InetSocketAddress to) {
      this.packet = packet;
      this.raw = raw;
      this.to = to;
    }
  }

  Outbox(
      DatagramEndpoint endpoint,
      LanOptions options,
      String version,
      Consumer<LanEvent> publish,
      ScheduledExecutorService timer) {
    this.endpoint = endpoint;
    this.options = options;
    this.version = version;
    this.publish = publish;
    this.timer = timer;
  }

  /** The next packet number. */
  long nextNumber() {
    return numbers.incrementAndGet();
  }

  /** A packet from this engine, its header and {@code extra} meant for {@code charset}. */
  IpmsgPacket packet(long command, byte[] extra, Charset charset) {
    return new IpmsgPacket(
        version,
        nextNumber(),
        IpmsgText.encode(options.user(), charset),
        IpmsgText.encode(options.host(), charset),
        command,
        extra);
  }

  /**
   * Sends one packet (no acknowledgement expected).
   *
   * @throws IOException if sending fails
   */
  void send(IpmsgPacket packet, InetSocketAddress to) throws IOException {
    byte[] raw = packet.encode();
    if (raw.length > MAX_PACKET) {
      throw new IllegalArgumentException(
          "the packet is "
              + raw.length
              + " bytes; IPMsg clients read at most "
              + MAX_PACKET
              + ": send a shorter message or fewer files at once");
    }
    endpoint.send(raw, to);
    publish(raw, packet, to);
  }

  private void publish(byte[] raw, IpmsgPacket packet, InetSocketAddress to) {
    publish.accept(
        new LanEvent.Packet(
            Instant.now(),
            LanEvent.Direction.OUT,
            Transport.UDP,
            to,
            raw,
            packet,
            IpmsgBody.of(packet, null, options.legacy()),
            null));
  }

  /**
   * Sends a packet that asks for acknowledgement, again every retry interval until a {@code
   * RECVMSG} names it or the retries are spent.
   *
   * @return completes with the delivery, or exceptionally with a {@link LanException} naming the
   *     receiver and how often it was tried
   */
  CompletableFuture<Delivery> sendChecked(IpmsgPacket packet, InetSocketAddress to) {
    byte[] raw = packet.encode();
    if (raw.length > MAX_PACKET) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "the message is "
                  + raw.length
                  + " bytes as a packet; IPMsg clients read at most "
                  + MAX_PACKET
                  + ": send it in parts"));
    }
    if (pending.size() >= options.limits().maxPending()) {
      return CompletableFuture.failedFuture(
          new LanException(
              pending.size() + " messages are still awaiting acknowledgement; try again later"));
    }
    Pending p = new Pending(packet, raw, to);
    pending.put(packet.packetNo(), p);
    attempt(p);
    return p.future;
  }

  private void attempt(Pending p) {
    synchronized (p) {
      if (p.future.isDone()) {
        return;
      }
      if (p.attempts > options.retries()) {
        pending.remove(p.packet.packetNo(), p);
        Duration waited = Duration.ofNanos(System.nanoTime() - p.started);
        String reason =
            "no acknowledgement from "
                + SocketAddresses.format(p.to)
                + " after "
                + p.attempts
                + (p.attempts == 1 ? " send" : " sends")
                + " in "
                + waited.toMillis() / 1000.0
                + " s (offline, or not an IPMsg client?)";
        publish.accept(new LanEvent.Undelivered(Instant.now(), p.to, p.packet.packetNo(), reason));
        p.future.completeExceptionally(new LanException(reason));
        return;
      }
      p.attempts++;
      try {
        endpoint.send(p.raw, p.to);
        publish(p.raw, p.packet, p.to);
      } catch (IOException | RuntimeException e) {
        pending.remove(p.packet.packetNo(), p);
        p.future.completeExceptionally(
            new LanException(
                "cannot send to " + SocketAddresses.format(p.to) + ": " + e.getMessage(), e));
        return;
      }
      p.next =
          timer.schedule(() -> attempt(p), options.retryInterval().toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /**
   * A {@code RECVMSG} for {@code packetNo} arrived from {@code from}: completes that message.
   *
   * @return whether it named a message of ours awaiting acknowledgement from that address
   */
  boolean acknowledged(InetSocketAddress from, long packetNo) {
    Pending p = pending.get(packetNo);
    if (p == null || !p.to.getAddress().equals(from.getAddress())) {
      return false;
    }
    synchronized (p) {
      if (!pending.remove(packetNo, p)) {
        return false;
      }
      if (p.next != null) {
        p.next.cancel(false);
      }
      Delivery d =
          new Delivery(packetNo, p.to, p.attempts, Duration.ofNanos(System.nanoTime() - p.started));
      publish.accept(new LanEvent.Delivered(Instant.now(), p.to, packetNo, p.attempts));
      p.future.complete(d);
      return true;
    }
  }

  /** Fails every message still waiting (the engine is closing). */
  void closeAll() {
    for (Pending p : pending.values()) {
      synchronized (p) {
        if (p.next != null) {
          p.next.cancel(false);
        }
        p.future.completeExceptionally(new LanException("closed before an acknowledgement came"));
      }
    }
    pending.clear();
  }
}
