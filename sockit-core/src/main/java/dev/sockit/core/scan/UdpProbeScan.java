package dev.sockit.core.scan;

import dev.sockit.core.net.Transport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A UDP scan: one connected {@link DatagramSocket} per port, on its own virtual thread, sends a
 * probe (a DNS or NTP request on those ports, a single newline elsewhere) and waits. A reply means
 * open; an ICMP port-unreachable, which Linux reports on the connected socket, means closed;
 * silence after the retries means open|filtered, because UDP services often ignore a probe they do
 * not understand. Hosts rate-limit ICMP errors, so UDP scans of many ports on a remote host are
 * slow and uncertain; that is why sockit scans UDP only when asked.
 *
 * <p>nmap sends an empty datagram where it has no protocol probe. The JDK sends nothing at all for
 * an empty buffer on a connected socket, and only a connected socket hears the ICMP error that
 * marks a port closed, so sockit sends one newline byte instead.
 */
final class UdpProbeScan {
  private static final byte[] DNS_ROOT_NS = {
    0x53, 0x4b, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1
  };
  private static final byte[] NTP_CLIENT = ntpClient();
  private static final byte[] NEWLINE = {'\n'};

  private UdpProbeScan() {}

  private static byte[] ntpClient() {
    byte[] b = new byte[48];
    b[0] = 0x23; // leap 0, version 4, mode 3 (client)
    return b;
  }

  /** The probe sent to {@code port}. */
  static byte[] payload(int port) {
    return switch (port) {
      case 53, 5353 -> DNS_ROOT_NS.clone();
      case 123 -> NTP_CLIENT.clone();
      default -> NEWLINE.clone();
    };
  }

  static List<PortResult> run(
      InetAddress target, int[] ports, ScanOptions options, IntConsumer progress)
      throws IOException {
    PortResult[] results = new PortResult[ports.length];
    Semaphore slots = new Semaphore(options.concurrency());
    AtomicInteger finished = new AtomicInteger();
    try (ExecutorService perProbe = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < ports.length; i++) {
        int index = i;
        slots.acquire();
        perProbe.execute(
            () -> {
              try {
                results[index] = probe(target, ports[index], options);
              } finally {
                slots.release();
                progress.accept(finished.incrementAndGet());
              }
            });
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("UDP scan interrupted");
    }
    return Arrays.asList(results);
  }

  private static PortResult probe(InetAddress target, int port, ScanOptions options) {
    long start = System.nanoTime();
    byte[] payload = payload(port);
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.connect(target, port);
      socket.setSoTimeout((int) Math.max(1, options.timeout().toMillis()));
      byte[] reply = new byte[2048];
      for (int attempt = 0; attempt <= options.retries(); attempt++) {
        socket.send(new DatagramPacket(payload, payload.length));
        try {
          socket.receive(new DatagramPacket(reply, reply.length));
          return result(port, PortStatus.OPEN, "udp-response", start);
        } catch (SocketTimeoutException e) {
          // silence: try again, then call it open|filtered
        }
      }
      return result(port, PortStatus.OPEN_FILTERED, "no-response", start);
    } catch (PortUnreachableException e) {
      return result(port, PortStatus.CLOSED, "port-unreach", start);
    } catch (IOException e) {
      return result(
          port,
          PortStatus.FILTERED,
          String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT),
          start);
    }
  }

  private static PortResult result(int port, PortStatus status, String reason, long start) {
    return new PortResult(
        port,
        Transport.UDP,
        status,
        reason,
        Duration.ofNanos(System.nanoTime() - start),
        new byte[0]);
  }
}
