package dev.sockit.core.scan;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Scans the ports of one host that the caller names: a TCP connect scan (the full handshake, as
 * {@code nmap -sT} does; no raw packets, no privileges) or a UDP probe scan. Nothing here picks
 * targets by itself.
 *
 * <p>Results come back in the order of the port list. {@code progress} is called on a scanning
 * thread (large TCP scans use one per core) with the number of ports finished so far: after each
 * port, or after every few dozen ports when several threads scan, and always at the end; keep it
 * cheap and thread-safe.
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
  public static List<PortResult> tcp(
      InetAddress target, PortList ports, ScanOptions options, IntConsumer progress)
      throws IOException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(progress, "progress");
    int[] all = ports.toArray();
    int threads =
        Math.min(
            Runtime.getRuntime().availableProcessors(),
            Math.min(MAX_THREADS, all.length / PORTS_PER_THREAD));
    if (threads <= 1) {
      return connectScan(target, all, options, progress);
    }
    return striped(target, all, options, progress, threads);
  }

  /**
   * Through libc where the JDK allows it (22+, native access), else through NIO; banners need NIO.
   */
  private static List<PortResult> connectScan(
      InetAddress target, int[] ports, ScanOptions options, IntConsumer progress)
      throws IOException {
    return !options.banner() && NativeConnectScan.available()
        ? NativeConnectScan.run(target, ports, options, progress)
        : TcpConnectScan.run(target, ports, options, progress);
  }

  /**
   * A connect costs more CPU (socket setup and teardown in the kernel and the JDK) than waiting, so
   * large scans run one thread per core, each with its share of the concurrency. A loopback scan
   * (answered within each connect call, see {@link NativeConnectScan}) hands out the ports in
   * chunks, so that both threads end together even when one of them started later or shared its
   * core with the JIT; other targets give each thread every n-th port, so that slow answers are
   * waited for together rather than chunk by chunk.
   */
  private static List<PortResult> striped(
      InetAddress target, int[] all, ScanOptions options, IntConsumer progress, int threads)
      throws IOException {
    AtomicInteger done = new AtomicInteger();
    ScanOptions share = options.withConcurrency(Math.max(1, options.concurrency() / threads));
    boolean chunked =
        !options.banner() && NativeConnectScan.available() && NativeConnectScan.blocking(target);
    AtomicInteger cursor = new AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean dropped =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicBoolean stopped =
        new java.util.concurrent.atomic.AtomicBoolean();
    PortResult[] merged = new PortResult[all.length];
    IOException[] failure = new IOException[threads];
    List<Thread> workers = new ArrayList<>();
    for (int k = 0; k < threads; k++) {
      int stripe = k;
      workers.add(
          Thread.ofPlatform()
              .name("sockit-scan-" + k)
              .start(
                  () -> {
                    // Batched where probes are answered within their call (a loopback scan):
                    // elsewhere a thread
                    // waits for answers, and a batch held through the wait would stall the progress
                    // bar.
                    Batched counter = new Batched(done, progress, chunked ? Batched.BATCH : 1);
                    try {
                      if (chunked) {
                        for (int from;
                            !stopped.get() && (from = cursor.getAndAdd(CHUNK)) < all.length; ) {
                          int[] mine =
                              Arrays.copyOfRange(all, from, Math.min(all.length, from + CHUNK));
                          List<PortResult> part =
                              NativeConnectScan.run(target, mine, share, counter, dropped);
                          for (int j = 0; j < part.size(); j++) {
                            merged[from + j] = part.get(j);
                          }
                        }
                      } else {
                        int[] mine = new int[(all.length - stripe + threads - 1) / threads];
                        for (int j = 0; j < mine.length; j++) {
                          mine[j] = all[stripe + j * threads];
                        }
                        List<PortResult> part = connectScan(target, mine, share, counter);
                        for (int j = 0; j < part.size(); j++) {
                          merged[stripe + j * threads] = part.get(j);
                        }
                      }
                      counter.flush();
                    } catch (IOException e) {
                      failure[stripe] = e;
                      stopped.set(
                          true); // the other threads take no more chunks: the failure is reported
                      // now
                    } catch (RuntimeException | Error e) {
                      failure[stripe] =
                          new IOException(
                              "scan failed: " + e,
                              e); // reported, not a dead thread and a missing part
                      stopped.set(true);
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
    return List.of(merged);
  }

  /** Ports per chunk of a loopback scan: about a millisecond of work. */
  private static final int CHUNK = 512;

  /**
   * One scanning thread's progress, added to the shared count every {@value #BATCH} ports on a
   * loopback scan: the threads would otherwise take the shared counter's cache line from each other
   * once per port. Other scans add every port at once.
   */
  private static final class Batched implements IntConsumer {
    static final int BATCH = 64;
    private final AtomicInteger done;
    private final IntConsumer progress;
    private final int size;
    private int pending;

    Batched(AtomicInteger done, IntConsumer progress, int size) {
      this.done = done;
      this.progress = progress;
      this.size = size;
    }

    @Override
    public void accept(int ignored) {
      if (++pending >= size) {
        flush();
      }
    }

    void flush() {
      if (pending > 0) {
        progress.accept(done.addAndGet(pending));
        pending = 0;
      }
    }
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
  public static List<PortResult> udp(
      InetAddress target, PortList ports, ScanOptions options, IntConsumer progress)
      throws IOException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(progress, "progress");
    return UdpProbeScan.run(target, ports.toArray(), options, progress);
  }
}
