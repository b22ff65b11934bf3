package dev.sockit.core.ipmsg;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Engines on loopback, a recorder of their events, and a raw UDP peer that speaks by hand. */
final class LanHarness {
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private LanHarness() {}

  /** Options for an engine on 127.0.0.1, any port, fast retries. */
  static LanOptions options(String nick) {
    return LanOptions.of(
            nick,
            nick.toLowerCase(java.util.Locale.ROOT).replace(' ', '_'),
            "box-" + nick.hashCode())
        .withBind(LOOPBACK, 0)
        .withRetries(3, Duration.ofMillis(200));
  }

  /** Records every event; waits for one that matches. */
  static final class Recorder implements LanListener {
    final List<LanEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(LanEvent event) {
      events.add(event);
      synchronized (this) {
        notifyAll();
      }
    }

    <T extends LanEvent> T await(Class<T> type, Predicate<T> match) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      synchronized (this) {
        while (true) {
          for (LanEvent e : events) {
            if (type.isInstance(e) && match.test(type.cast(e))) {
              return type.cast(e);
            }
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError("no " + type.getSimpleName() + " matched; events: " + events);
          }
          wait(Math.max(1, left / 1_000_000));
        }
      }
    }

    <T extends LanEvent> T await(Class<T> type) throws InterruptedException {
      return await(type, e -> true);
    }

    <T extends LanEvent> List<T> all(Class<T> type) {
      List<T> out = new ArrayList<>();
      for (LanEvent e : events) {
        if (type.isInstance(e)) {
          out.add(type.cast(e));
        }
      }
      return out;
    }
  }

  /** Opens, subscribes and starts an engine. */
  static LanEngine engine(LanOptions options, Recorder recorder) throws IOException {
    LanEngine e = LanEngine.open(options);
    e.subscribe(recorder);
    e.start();
    return e;
  }

  /** A UDP socket that speaks IPMsg by hand. */
  static final class RawPeer implements AutoCloseable {
    final DatagramSocket socket;
    final String version;
    long packetNo = 7000;

    RawPeer(InetAddress bind, String version) throws IOException {
      this.socket = new DatagramSocket(new InetSocketAddress(bind, 0));
      this.socket.setSoTimeout(5000);
      this.version = version;
    }

    int port() {
      return socket.getLocalPort();
    }

    InetSocketAddress address() {
      return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    long send(InetSocketAddress to, String user, String host, long command, byte[] extra)
        throws IOException {
      long no = ++packetNo;
      byte[] raw =
          new IpmsgPacket(
                  version,
                  no,
                  user.getBytes(StandardCharsets.UTF_8),
                  host.getBytes(StandardCharsets.UTF_8),
                  command,
                  extra)
              .encode();
      socket.send(new DatagramPacket(raw, raw.length, to));
      return no;
    }

    void sendRaw(InetSocketAddress to, byte[] raw) throws IOException {
      socket.send(new DatagramPacket(raw, raw.length, to));
    }

    /** The next packet, or {@code null} after the timeout. */
    IpmsgPacket receive() throws IOException {
      byte[] buf = new byte[65536];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (SocketTimeoutException e) {
        return null;
      }
      try {
        return IpmsgPacket.parse(Arrays.copyOf(buf, p.getLength()));
      } catch (MalformedPacketException e) {
        throw new AssertionError("sockit sent a malformed packet: " + e.getMessage());
      }
    }

    /** Receives until a packet of {@code mode} comes (others are dropped). */
    IpmsgPacket receive(int mode) throws IOException {
      for (int i = 0; i < 50; i++) {
        IpmsgPacket p = receive();
        if (p == null) {
          return null;
        }
        if (p.mode() == mode) {
          return p;
        }
      }
      return null;
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  static byte[] text(String s, Charset cs) {
    return s.getBytes(cs);
  }
}
