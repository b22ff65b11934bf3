package dev.sockit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The runs the launcher trains the JVM's ahead-of-time caches on: a cache then holds the classes
 * and linked call sites that real runs of those commands use. Not part of the shipped jar: it is
 * compiled from {@code src/training/java} into {@code sockit-cli-*-training.jar}, and the launcher
 * runs {@code java -XX:AOTCacheOutput=... -cp sockit.jar:TRAINING.jar dev.sockit.cli.Training
 * FAMILY} (output discarded, standard input from /dev/null). sockit then runs with {@code -cp
 * sockit.jar} alone: the JVM accepts a cache made with a longer class path and takes from it every
 * class of the jars it still has (checked by {@code LauncherIT}). The JVM loads every class of its
 * cache when it starts, so each short command that scripts call gets a cache of its own, trained on
 * that command alone; {@code nc} covers the netcat-class commands ({@code tcp}, {@code udp}, {@code
 * unix}), and {@code main} the rest.
 *
 * <p>Traffic: the {@code scan} family scans ports 1-4200 of 127.0.0.1; the {@code nc} family talks
 * to peers that this class opens on 127.0.0.1 and in a temporary folder (a Unix socket); the {@code
 * resolve} family looks up {@code localhost} and {@code 127.0.0.1}, which the hosts file answers,
 * and {@code main} reads the socket tables in /proc. Nothing else is sent anywhere. A watchdog ends
 * a training run that has not finished after 30 seconds, without writing a cache.
 */
public final class Training {
  static final Map<String, List<String[]>> RUNS =
      Map.of(
          "version", List.<String[]>of(new String[] {"--version"}),
          "ip",
              List.of(
                  new String[] {"ip", "10.0.0.1/8"},
                  new String[] {"ip", "--json", "2001:db8::1/64"},
                  new String[] {"ip", "256.1.1.1"}),
          "port", List.of(new String[] {"port", "443"}, new String[] {"port", "http"}),
          "resolve",
              List.of(
                  new String[] {"resolve", "--help"},
                  new String[] {"resolve", "-"},
                  // answered from the hosts file (as the README's own example is): the lookup
                  // classes in the cache
                  new String[] {"resolve", "localhost"},
                  new String[] {"resolve", "127.0.0.1"}),
          "ifaces", List.<String[]>of(new String[] {"ifaces"}),
          "scan",
              List.of(
                  // enough ports for the two-thread scan (PortScanner's chunks)
                  new String[] {"scan", "127.0.0.1", "1-4200", "--no-progress"},
                  new String[] {
                    "scan", "127.0.0.1", "1-4", "--banner", "--banner-wait", "50ms", "--no-progress"
                  }),
          // {tcp}, {udp}: ports of this class's loopback peers; {unix}: its Unix socket. `tcp
          // listen`
          // takes a port the system chooses; the peer connects to the one its readiness line names.
          "nc",
              List.of(
                  new String[] {"tcp", "connect", "127.0.0.1", "{tcp}"},
                  new String[] {"tcp", "connect", "-x", "127.0.0.1:{tcp}"},
                  new String[] {"tcp", "listen", "127.0.0.1", "0"},
                  new String[] {"udp", "send", "127.0.0.1", "{udp}", "hello", "--wait", "50ms"},
                  new String[] {"unix", "connect", "{unix}"},
                  new String[] {"tcp", "connect", "256.1.1.1", "80"},
                  new String[] {"udp", "listen", "--help"},
                  new String[] {"unix", "listen", "--help"}),
          "main",
              List.of(
                  new String[] {"--version"},
                  new String[] {"--help"},
                  new String[] {"ip", "10.0.0.1/8"},
                  new String[] {"ports", "--help"},
                  new String[] {
                    "ports"
                  }, // reads /proc only: the socket tables, names by port, the process list
                  new String[] {"ports", "--json", "--listening"},
                  new String[] {"send", "--help"},
                  new String[] {"receive", "--help"},
                  new String[] {"bench", "client", "--help"},
                  new String[] {"probe", "--help"},
                  new String[] {"ui", "--help"}));

  /**
   * The runs of {@code family}: those written in {@link #RUNS}, and {@code NAME --help} for every
   * command of the {@link Catalogue} in that family that has no run of its own, so that a new
   * command's classes are in its family's cache without a line here. (picocli's own {@code help}
   * and {@code generate-completion} are left out: {@code --help} builds the whole tree already.)
   */
  static List<String[]> runs(String family) {
    List<String[]> runs = new ArrayList<>(RUNS.getOrDefault(family, List.of()));
    for (String name : CatalogueIndex.NAMES) {
      boolean covered = false;
      for (String[] r : runs) {
        covered |= r.length > 0 && r[0].equals(name);
      }
      boolean picocli = CatalogueIndex.type(name).getName().startsWith("picocli.");
      if (!covered && !picocli && CatalogueIndex.family(name).equals(family)) {
        runs.add(new String[] {name, "--help"});
      }
    }
    return runs;
  }

  /** How long a whole training run may take. */
  static final long WATCHDOG_MILLIS = 30_000;

  private Training() {}

  /**
   * Trains one family: runs its commands, then exits normally, so the JVM writes the cache. A
   * failed peer or the watchdog ends the process with a halt, which writes no cache.
   *
   * @param args the family
   */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: Training FAMILY (one of " + RUNS.keySet() + ")");
      Runtime.getRuntime().halt(2);
    }
    Main.configure(); // as every run does (and so Main is in the cache)
    watchdog();
    try {
      List<Integer> codes = run(args[0]);
      if (Boolean.getBoolean("sockit.training.verbose")) {
        System.err.println("training " + args[0] + ": exit codes " + codes);
      }
    } catch (IOException e) {
      Runtime.getRuntime().halt(1); // no cache rather than one trained on half the runs
    }
  }

  /**
   * Runs the training commands of {@code family}.
   *
   * @param family a key of {@link #RUNS}
   * @return each command's exit code
   * @throws IOException if a loopback peer cannot be opened
   */
  static List<Integer> run(String family) throws IOException {
    // Through an encoder as Cli.run's writers are (System.out and System.err), so that the cache
    // holds the classes that encoding loads.
    PrintWriter sink =
        new PrintWriter(
            java.io.OutputStream.nullOutputStream(),
            true,
            java.nio.charset.Charset.defaultCharset());
    List<Integer> codes = new ArrayList<>();
    java.io.PrintStream stderr = System.err;
    try (Peers peers = "nc".equals(family) ? new Peers() : null) {
      if (peers != null) {
        System.setErr(
            new java.io.PrintStream(
                peers.readinessWatcher(), true, java.nio.charset.StandardCharsets.UTF_8));
      }
      for (String[] args : runs(family)) {
        String[] filled = peers == null ? args : peers.fill(args);
        codes.add(Cli.create(sink, sink, filled).execute(filled));
      }
    } finally {
      System.setErr(stderr);
    }
    return codes;
  }

  /** Ends the process if training has not finished in time (a halt writes no cache). */
  static void watchdog() {
    Thread.ofPlatform()
        .daemon()
        .name("sockit-training-watchdog")
        .start(
            () -> {
              try {
                Thread.sleep(WATCHDOG_MILLIS);
              } catch (InterruptedException e) {
                return;
              }
              Runtime.getRuntime().halt(1);
            });
  }

  /**
   * Loopback peers for the netcat-class runs: a TCP listener and a Unix-socket listener that read
   * each client to its end, answer {@code ok} and close; a UDP socket that echoes; and, for {@code
   * tcp listen}, a client that connects to the port its readiness line names.
   */
  static final class Peers implements AutoCloseable {
    private final ServerSocketChannel tcp;
    private final DatagramChannel udp;
    private final ServerSocketChannel unix;
    private final Path unixDir;
    private final Path unixSocket;
    private final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();

    Peers() throws IOException {
      InetAddress loopback = InetAddress.getByName("127.0.0.1");
      tcp = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0));
      udp = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
      unixDir = Files.createTempDirectory("sockit-training");
      unixSocket = unixDir.resolve("s");
      unix =
          ServerSocketChannel.open(StandardProtocolFamily.UNIX)
              .bind(UnixDomainSocketAddress.of(unixSocket));
      threads.add(Thread.ofPlatform().daemon().start(() -> serve(tcp)));
      threads.add(Thread.ofPlatform().daemon().start(() -> serve(unix)));
      threads.add(Thread.ofPlatform().daemon().start(this::echo));
    }

    /** {@code args} with the placeholders replaced. */
    String[] fill(String[] args) throws IOException {
      String[] out = args.clone();
      for (int i = 0; i < out.length; i++) {
        out[i] =
            out[i]
                .replace("{tcp}", Integer.toString(port(tcp)))
                .replace(
                    "{udp}",
                    Integer.toString(((InetSocketAddress) udp.getLocalAddress()).getPort()))
                .replace("{unix}", unixSocket.toString());
      }
      return out;
    }

    /**
     * Standard error during training: when a `tcp listen` prints its readiness line, a client
     * connects to the port it names (so it talks only to that listener), says hello and reads to
     * the end.
     */
    java.io.OutputStream readinessWatcher() {
      java.util.regex.Pattern ready =
          java.util.regex.Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) \\(tcp\\)");
      return new java.io.OutputStream() {
        private final StringBuilder line = new StringBuilder();

        @Override
        public synchronized void write(int b) {
          if (b != '\n') {
            line.append((char) b);
            return;
          }
          java.util.regex.Matcher m = ready.matcher(line);
          if (m.find()) {
            int port = Integer.parseInt(m.group(1));
            threads.add(Thread.ofPlatform().daemon().start(() -> say(port)));
          }
          line.setLength(0);
        }
      };
    }

    private static int port(ServerSocketChannel s) throws IOException {
      return ((InetSocketAddress) s.getLocalAddress()).getPort();
    }

    private static void serve(ServerSocketChannel server) {
      ByteBuffer buf = ByteBuffer.allocate(8192);
      while (server.isOpen()) {
        try (SocketChannel c = server.accept()) {
          readToEnd(c, buf);
          c.write(ByteBuffer.wrap("ok\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (IOException e) {
          // closed at the end of training, or the client went away: next one
        }
      }
    }

    private void echo() {
      ByteBuffer buf = ByteBuffer.allocate(2048);
      while (udp.isOpen()) {
        try {
          java.net.SocketAddress from = udp.receive(buf.clear());
          udp.send(buf.flip(), from);
        } catch (IOException e) {
          return;
        }
      }
    }

    /** Connects to the listener on 127.0.0.1:{@code port}, says hello and reads until it closes. */
    private static void say(int port) {
      try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
        c.write(ByteBuffer.wrap("hello\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        c.shutdownOutput();
        readToEnd(c, ByteBuffer.allocate(8192));
      } catch (IOException e) {
        // the listener went away: its exit code tells
      }
    }

    /** Reads and drops what the other side sends, until it closes its side. */
    private static void readToEnd(SocketChannel c, ByteBuffer buf) throws IOException {
      while (c.read(buf.clear()) >= 0) {
        // nothing to keep
      }
    }

    @Override
    public void close() throws IOException {
      tcp.close();
      udp.close();
      unix.close();
      threads.forEach(Thread::interrupt);
      Files.deleteIfExists(unixSocket);
      Files.deleteIfExists(unixDir);
    }
  }
}
