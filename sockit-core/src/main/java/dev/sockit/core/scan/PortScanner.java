package dev.sockit.core.scan;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Scans the ports of one host that the caller names: a TCP connect scan (the full handshake, as
 * {@code nmap -sT} does; no raw packets, no privileges) or a UDP probe scan. Nothing here picks
 * targets by itself.
 *
 * <p>Results come back in the order of the port list. {@code progress} is called on a scanning
 * thread (large TCP scans use one per core) with the number of ports finished so far, once per
 * port; keep it cheap and thread-safe.
 */
public final class PortScanner {
  private static final int PORTS_PER_THREAD = 2048;
  private static final int MAX_THREADS = 4;

  private PortScanner() {}

  /**
   * Does ahead of time what the first TCP scan would otherwise do when it starts: on Java 22+ it
   * links the libc calls (a few milliseconds each, for the generated call stubs). Optional; a
   * command line can call it on another thread while it parses its arguments and resolves the host.
   */
  public static void prepare() {
    NativeConnectScan.available();
  }

  /**
   * TCP connect scan.
   *
   * @param target the host's address
   * @param ports which ports
   * @param options timeout, concurrency, banners
   * @param progress told the number of finished ports after each one
   * @return one result per port, ascending
   * @throws IOException if no socket can be opened at all
   * @throws NullPointerException if an argument is null
   */
  public static List<PortResult> tcp(InetAddress target, PortList ports, ScanOptions options, IntConsumer progress) throws IOException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(progress, "progress");
    int[] all = ports.toArray();
    int threads = Math.min(Runtime.getRuntime().availableProcessors(), Math.min(MAX_THREADS, all.length / PORTS_PER_THREAD));
    if (threads <= 1) {
      return connectScan(target, all, options, progress);
    }
    return striped(target, all, options, progress, threads);
  }

  /** Through libc where the JDK allows it (22+, native access), else through NIO; banners need NIO. */
  private static List<PortResult> connectScan(InetAddress target, int[] ports, ScanOptions options, IntConsumer progress)
      throws IOException {
    return !options.banner() && NativeConnectScan.available()
        ? NativeConnectScan.run(target, ports, options, progress)
        : TcpConnectScan.run(target, ports, options, progress);
  }

  /**
   * A connect costs more CPU (socket setup and teardown in the kernel and the JDK) than waiting,
   * so large scans run one selector thread per core, each with every n-th port and its share of
   * the concurrency.
   */
  private static List<PortResult> striped(InetAddress target, int[] all, ScanOptions options, IntConsumer progress, int threads)
      throws IOException {
    AtomicInteger done = new AtomicInteger();
    IntConsumer shared = ignored -> progress.accept(done.incrementAndGet());
    ScanOptions share = options.withConcurrency(Math.max(1, options.concurrency() / threads));
    List<List<PortResult>> parts = new ArrayList<>(Collections.nCopies(threads, null));
    IOException[] failure = new IOException[threads];
    List<Thread> workers = new ArrayList<>();
    for (int k = 0; k < threads; k++) {
      int stripe = k;
      int[] mine = new int[(all.length - stripe + threads - 1) / threads];
      for (int j = 0; j < mine.length; j++) {
        mine[j] = all[stripe + j * threads];
      }
      workers.add(Thread.ofPlatform().name("sockit-scan-" + k).start(() -> {
        try {
          parts.set(stripe, connectScan(target, mine, share, shared));
        } catch (IOException e) {
          failure[stripe] = e;
        } catch (RuntimeException | Error e) {
          failure[stripe] = new IOException("scan failed: " + e, e); // reported, not a dead thread and a missing part
        }
      }));
    }
    for (Thread t : workers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        workers.forEach(Thread::interrupt);
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("scan interrupted");
      }
    }
    for (IOException e : failure) {
      if (e != null) {
        throw e;
      }
    }
    PortResult[] merged = new PortResult[all.length];
    for (int k = 0; k < threads; k++) {
      List<PortResult> part = parts.get(k);
      for (int j = 0; j < part.size(); j++) {
        merged[k + j * threads] = part.get(j);
      }
    }
    return Collections.unmodifiableList(Arrays.asList(merged));
  }

  /**
   * UDP probe scan.
   *
   * @param target the host's address
   * @param ports which ports
   * @param options timeout per try, retries, concurrency
   * @param progress told the number of finished ports after each one
   * @return one result per port, ascending
   * @throws IOException if a socket cannot be opened
   * @throws NullPointerException if an argument is null
   */
  public static List<PortResult> udp(InetAddress target, PortList ports, ScanOptions options, IntConsumer progress) throws IOException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(progress, "progress");
    return UdpProbeScan.run(target, ports.toArray(), options, progress);
  }
}
