package dev.sockit.core.probe;

import dev.sockit.core.address.SocketAddresses;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Follows one connection through every step a browser takes, timing each: DNS resolution (every
 * address), a TCP connect to each address in turn until one answers, the TLS handshake (for https
 * or when asked) and an HTTP GET (for URLs). A step that fails ends the probe with a {@link
 * Phase.Failed}; the report never throws for network trouble.
 *
 * <pre>{@code
 * ProbeReport r = Probe.run(ProbeTarget.parse("https://example.org/", false), ProbeOptions.defaults());
 * r.phases().forEach(System.out::println);
 * }</pre>
 */
public final class Probe {
  private Probe() {}

  /**
   * Runs the probe.
   *
   * @param target what to probe
   * @param options timeouts, trust, resolver
   * @return the timeline; check {@link ProbeReport#failure()}
   * @throws NullPointerException if an argument is null
   */
  public static ProbeReport run(ProbeTarget target, ProbeOptions options) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    warmUp();
    TlsStep.Prepared tlsSetup;
    try {
      // JSSE's own set-up (tens of milliseconds in a fresh JVM) is done before the clock starts, as
      // curl sets up its TLS library before its timers; the phases then add up to the total.
      tlsSetup = target.tls() ? TlsStep.prepare(options) : null;
    } catch (IOException e) {
      return report(
          target,
          List.of(
              new Phase.Failed(
                  Duration.ZERO, Duration.ZERO, "tls", String.valueOf(e.getMessage()))),
          System.nanoTime());
    }
    long t0 = System.nanoTime();
    try (Deadline deadline = new Deadline(options.maxTime())) {
      return run(target, options, tlsSetup, deadline, t0);
    }
  }

  private static ProbeReport run(
      ProbeTarget target,
      ProbeOptions options,
      TlsStep.Prepared tlsSetup,
      Deadline deadline,
      long t0) {
    List<Phase> phases = new ArrayList<>();
    List<InetAddress> addresses = resolve(target, options, phases, t0);
    if (addresses.isEmpty()) {
      return report(target, phases, t0);
    }
    if (deadline.expired()) { // a lookup cannot be cut short; the probe stops after it
      phases.add(
          new Phase.Failed(
              since(t0, System.nanoTime()),
              Duration.ZERO,
              "connect",
              deadline.message() + " before connecting"));
      return report(target, phases, t0);
    }
    Socket socket = connect(target, options, addresses, phases, t0, deadline);
    if (socket == null) {
      return report(target, phases, t0);
    }
    Socket stream = socket;
    String step = "tls";
    long stepStart = System.nanoTime();
    try {
      if (target.tls()) {
        TlsStep.Result tls = TlsStep.handshake(tlsSetup, socket, target, options, t0);
        phases.add(tls.phase());
        stream = tls.socket();
      }
      if (target.http()) {
        step = "http";
        stepStart = System.nanoTime();
        phases.add(HttpStep.exchange(stream, target, options, t0));
      }
    } catch (IOException e) {
      if (e instanceof HttpStep.PartialAnswer partial) {
        phases.add(partial.partial); // the status and headers that did arrive
      }
      String why = deadline.expired() ? deadline.message() : String.valueOf(e.getMessage());
      phases.add(
          new Phase.Failed(
              since(t0, stepStart), Duration.ofNanos(System.nanoTime() - stepStart), step, why));
    } finally {
      close(stream);
      close(socket);
    }
    return report(target, phases, t0);
  }

  private static List<InetAddress> resolve(
      ProbeTarget target, ProbeOptions options, List<Phase> phases, long t0) {
    long start = System.nanoTime();
    try {
      List<InetAddress> all = options.resolver().resolve(target.host());
      phases.add(
          new Phase.Resolved(
              since(t0, start),
              Duration.ofNanos(System.nanoTime() - start),
              target.host(),
              all.stream().map(SocketAddresses::formatIp).toList(),
              isLiteral(target.host())));
      return all;
    } catch (UnknownHostException e) {
      phases.add(
          new Phase.Failed(
              since(t0, start),
              Duration.ofNanos(System.nanoTime() - start),
              "dns",
              String.valueOf(e.getMessage())));
      return List.of();
    }
  }

  private static Socket connect(
      ProbeTarget target,
      ProbeOptions options,
      List<InetAddress> addresses,
      List<Phase> phases,
      long t0,
      Deadline deadline) {
    List<String> failures = new ArrayList<>();
    long first = System.nanoTime();
    for (InetAddress address : addresses) {
      if (deadline.expired()) {
        break; // the addresses left are not tried
      }
      InetSocketAddress remote = new InetSocketAddress(address, target.port());
      String where = SocketAddresses.format(remote);
      long start = System.nanoTime();
      Socket socket = new Socket();
      deadline.watch(socket);
      try {
        socket.connect(remote, (int) Math.max(1, options.connectTimeout().toMillis()));
        phases.add(
            new Phase.Connect(
                since(t0, start),
                Duration.ofNanos(System.nanoTime() - start),
                where,
                true,
                SocketAddresses.format(socket.getLocalSocketAddress()),
                null));
        return socket;
      } catch (IOException e) {
        close(socket);
        String why = deadline.expired() ? deadline.message() : reason(e, options.connectTimeout());
        failures.add(where + " " + why);
        phases.add(
            new Phase.Connect(
                since(t0, start),
                Duration.ofNanos(System.nanoTime() - start),
                where,
                false,
                null,
                why));
      }
    }
    phases.add(
        new Phase.Failed(
            since(t0, first),
            Duration.ofNanos(System.nanoTime() - first),
            "connect",
            "cannot connect to "
                + target.hostForUrl()
                + ":"
                + target.port()
                + ": "
                + String.join("; ", failures)));
    return null;
  }

  /**
   * The limit on a whole probe ({@link ProbeOptions#maxTime()}): when it runs out, the socket of
   * the step under way is closed, which ends a connect, a handshake or a read at once.
   */
  private static final class Deadline implements AutoCloseable {
    private final Duration limit;
    private final java.util.concurrent.atomic.AtomicReference<Socket> current =
        new java.util.concurrent.atomic.AtomicReference<>();
    private final Thread timer;
    private volatile boolean expired;

    Deadline(Duration limit) {
      this.limit = limit;
      this.timer =
          limit.isZero()
              ? null
              : Thread.ofVirtual()
                  .name("sockit-probe-deadline")
                  .start(
                      () -> {
                        try {
                          Thread.sleep(limit);
                        } catch (InterruptedException e) {
                          return; // the probe ended first
                        }
                        expired = true;
                        Probe.close(current.get());
                      });
    }

    /** The socket to close when the time runs out. */
    void watch(Socket s) {
      current.set(s);
      if (expired) {
        Probe.close(s);
      }
    }

    boolean expired() {
      return expired;
    }

    String message() {
      return "gave up when the time limit (" + seconds(limit) + ") ran out";
    }

    @Override
    public void close() {
      if (timer != null) {
        timer.interrupt();
      }
    }
  }

  private static String reason(IOException e, Duration timeout) {
    if (e instanceof SocketTimeoutException) {
      return "timed out (no answer: a firewall drops packets, the host is down, or the listener's accept queue is full)";
    }
    String m = String.valueOf(e.getMessage());
    if (e instanceof ConnectException && m.toLowerCase(java.util.Locale.ROOT).contains("refused")) {
      return "refused (nothing listening)";
    }
    if (e instanceof NoRouteToHostException) {
      return "no route to host";
    }
    return m;
  }

  /**
   * Loads the socket classes before the clock starts, so that a cold JVM does not add its class
   * loading to the first connect's handshake time.
   */
  private static void warmUp() {
    try (Socket s = new Socket()) {
      s.setTcpNoDelay(true);
    } catch (IOException e) {
      // only a warm-up: the real connect reports any problem
    }
  }

  static boolean isLiteral(String host) {
    return host.indexOf(':') >= 0
        || !host.isEmpty() && host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  private static Duration since(long t0, long t) {
    return Duration.ofNanos(t - t0);
  }

  private static ProbeReport report(ProbeTarget target, List<Phase> phases, long t0) {
    return new ProbeReport(target, phases, Duration.ofNanos(System.nanoTime() - t0));
  }

  private static void close(Socket s) {
    if (s == null) {
      return;
    }
    try {
      s.close();
    } catch (IOException e) {
      // the probe is over; a failing close changes nothing it measured
    }
  }
}
