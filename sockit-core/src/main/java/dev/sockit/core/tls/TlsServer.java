package dev.sockit.core.tls;

import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.stream.SecurityLayer;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * A TLS server's side of every accepted connection: its identity, client-certificate rules and ALPN
 * choice made into a JSSE context once (one session cache, so clients resume). Pass it to {@code
 * TcpServer.bind} or {@code UnixServer.bind}: each accepted socket's handshake then runs on that
 * connection's own thread, bounded by the handshake timeout, before the handler sees it.
 *
 * <pre>{@code
 * Identity id = CertificateRequest.forListener(null, Duration.ofDays(7)).selfSigned();
 * TlsServer tls = TlsServer.of(TlsServerOptions.of(id));
 * StreamServer server = TcpServer.bind(TcpServerOptions.loopback(0), tls, echoHandler, bus);
 * }</pre>
 */
public final class TlsServer implements SecurityLayer.ServerSide {
  private final TlsServerOptions options;
  private final SSLContext context;
  private final Steps.Registry registry = new Steps.Registry();

  private TlsServer(TlsServerOptions options) throws IOException {
    this.options = options;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(
          new KeyManager[] {new KeyChooser(options.identity(), registry)},
          new TrustManager[] {
            Verifier.forServer(
                options.clientAuthorities(), options.clientAuthoritiesSource(), registry)
          },
          null);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /**
   * Prepares a server.
   *
   * @param options identity, client certificates, ALPN
   * @return the server side
   * @throws IOException if the identity cannot be used
   */
  public static TlsServer of(TlsServerOptions options) throws IOException {
    return new TlsServer(Objects.requireNonNull(options, "options"));
  }

  /** The options it was made with. */
  public TlsServerOptions options() {
    return options;
  }

  @Override
  public SecurityLayer accept(SocketChannel channel, long id, TrafficBus bus) throws IOException {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(bus, "bus");
    var remote = channel.getRemoteAddress();
    Steps steps =
        new Steps(
            bus,
            id,
            channel.getLocalAddress(),
            remote,
            false,
            null,
            SocketAddresses.format(remote));
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(false);
    SSLParameters p = engine.getSSLParameters();
    p.setProtocols(options.minVersion().andNewer());
    p.setNeedClientAuth(options.requiresClientCertificate());
    engine.setSSLParameters(p);
    if (!options.alpn().isEmpty()) {
      engine.setHandshakeApplicationProtocolSelector(
          (e, offered) -> {
            Steps s = registry.get(e);
            s.flush();
            for (String mine : options.alpn()) {
              if (offered.contains(mine)) {
                s.publish(
                    "ALPN: the client offers " + String.join(",", offered) + "; chose " + mine);
                return mine;
              }
            }
            s.publish(
                "ALPN: the client offers "
                    + (offered.isEmpty() ? "nothing" : String.join(",", offered))
                    + "; none in common with "
                    + String.join(",", options.alpn())
                    + ": no ALPN");
            return "";
          });
    }
    long startMillis = System.currentTimeMillis();
    registry.put(engine, steps);
    Deadline deadline = Deadline.start(options.handshakeTimeout(), channel);
    try {
      Handshake.Result done = Handshake.run(engine, channel, steps, deadline);
      deadline.close();
      if (deadline.expired()) {
        throw new TlsException(
            TlsException.Reason.TIMEOUT,
            "the TLS handshake with client " + steps.peerLabel + " timed out",
            "",
            null);
      }
      bus.publish(Established.event(engine, steps, null, startMillis, done.took()));
      return new TlsLayer(channel, engine, steps, done.netIn());
    } finally {
      deadline.close();
      registry.remove(engine);
    }
  }
}
