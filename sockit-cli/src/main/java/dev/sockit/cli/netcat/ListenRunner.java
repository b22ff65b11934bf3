package dev.sockit.cli.netcat;

import dev.sockit.cli.Failures;
import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.stream.Broker;
import dev.sockit.core.stream.Connection;
import dev.sockit.core.stream.ConnectionHandler;
import dev.sockit.core.stream.ServerLimits;
import dev.sockit.core.stream.StreamServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The listen side shared by {@code tcp listen} and {@code unix listen}: modes, stdin fan-out,
 * readiness line.
 */
final class ListenRunner {
  /** Opens the server with the given limits and handler. */
  @FunctionalInterface
  interface Binder {
    StreamServer bind(ServerLimits limits, ConnectionHandler handler) throws IOException;
  }

  private final ListenOptions listen;
  private final RelayOptions relay;
  private final byte[] greeting;
  private final Stdio io = new Stdio();
  private final AtomicInteger exitCode = new AtomicInteger(Failures.OK);
  private final java.util.concurrent.atomic.AtomicReference<IOException> failure =
      new java.util.concurrent.atomic.AtomicReference<>();

  ListenRunner(ListenOptions listen, RelayOptions relay, byte[] greeting) {
    this.listen = listen;
    this.relay = relay;
    this.greeting = greeting;
  }

  int run(Binder binder, ServerLimits base, PrintStream err)
      throws IOException, InterruptedException {
    listen.validate();
    boolean multi = listen.multiClient();
    ServerLimits limits =
        base.withBacklog(listen.backlog)
            .withMaxConnections(listen.maxConns)
            .withAcceptLimit(multi ? 0 : 1);
    if (relay.idleTimeout != null && multi) {
      limits = limits.withIdleTimeout(relay.idleTimeout);
    }
    Broker broker = listen.broker || listen.chat ? new Broker(listen.chat) : null;
    ConnectionHandler handler = handler(broker, multi);
    try (StreamServer server = binder.bind(limits, handler)) {
      err.println(
          "listening on "
              + SocketAddresses.format(server.localAddress())
              + " ("
              + server.transport().label()
              + ")");
      err.flush();
      if (multi && greeting == null && !listen.echo && !relay.recvOnly) {
        Thread.ofPlatform().daemon().name("sockit-stdin").start(() -> fanOutStdin(server, broker));
      }
      server.awaitStop(null);
    }
    IOException e = failure.get();
    if (e != null) {
      throw e;
    }
    return exitCode.get();
  }

  private ConnectionHandler handler(Broker broker, boolean multi) {
    if (greeting != null) {
      return c -> {
        c.write(greeting);
        c.shutdownOutput();
      };
    }
    if (listen.echo) {
      return ListenRunner::echo;
    }
    if (broker != null) {
      return broker.handler();
    }
    if (multi) {
      return this::toStdout;
    }
    return c -> {
      try {
        exitCode.set(new StreamRelay(c, relay, io).run());
      } catch (IOException e) {
        failure.set(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  private static void echo(Connection c) throws IOException {
    // Small on purpose: an echo server may hold tens of thousands of mostly idle clients.
    ByteBuffer buffer = ByteBuffer.allocate(4 * 1024);
    while (c.read(buffer.clear()) >= 0) {
      c.write(buffer.flip());
    }
  }

  private void toStdout(Connection c) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    while (c.read(buffer.clear()) >= 0) {
      io.write(buffer.flip());
    }
  }

  private void fanOutStdin(StreamServer server, Broker broker) {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    try {
      while (io.in.read(buffer.clear()) >= 0) {
        byte[] chunk = java.util.Arrays.copyOf(buffer.array(), buffer.position());
        if (relay.crlf) {
          chunk = dev.sockit.core.codec.Escapes.toCrlf(chunk, chunk.length, -1);
        }
        if (broker != null) {
          broker.broadcast(chunk);
          continue;
        }
        for (Connection c : server.connections()) {
          try {
            c.write(chunk);
          } catch (IOException e) {
            c.close();
          }
        }
      }
    } catch (IOException e) {
      // stdin failed: keep serving clients, as ncat -k does when stdin ends.
      System.getLogger(ListenRunner.class.getName())
          .log(System.Logger.Level.DEBUG, "stdin ended", e);
    }
  }
}
