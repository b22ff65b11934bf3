package dev.sockit.core.tls;

import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.stream.SecurityLayer;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * A TLS client, ready to secure connections: the options turned into a JSSE context once (trust
 * store loaded, client certificate set), so that every connection it secures shares the session
 * cache and a second connection to the same server resumes.
 *
 * <pre>{@code
 * TlsClient tls = TlsClient.of(TlsClientOptions.defaults().withAlpn(List.of("http/1.1")));
 * try (Connection c = TcpClient.connect(TcpClientOptions.of("example.org", 443), tls, bus)) {
 *   c.write("HEAD / HTTP/1.1\r\nHost: example.org\r\n\r\n".getBytes(US_ASCII));
 * }
 * }</pre>
 */
public final class TlsClient implements SecurityLayer.ClientSide {
  private final TlsClientOptions options;
  private final SSLContext context;
  private final Steps.Registry registry = new Steps.Registry();

  private TlsClient(TlsClientOptions options) throws IOException {
    this.options = options;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(
          new KeyManager[] {new KeyChooser(options.identity(), registry)},
          new TrustManager[] {Verifier.forClient(options.trust(), registry)},
          null);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /**
   * Prepares a client.
   *
   * @param options trust, names, protocols, client certificate
   * @return the client
   * @throws IOException if the system trust store cannot be read
   */
  public static TlsClient of(TlsClientOptions options) throws IOException {
    return new TlsClient(Objects.requireNonNull(options, "options"));
  }

  /** The options it was made with. */
  public TlsClientOptions options() {
    return options;
  }

  /**
   * Secures a connected channel: the STARTTLS preamble if one is set, then the handshake, each step
   * published on {@code bus}, then a {@code TlsEstablished} event.
   *
   * @param channel a connected, blocking channel
   * @param host the host name or IP literal connected to (it gives the default SNI and the name
   *     checked), or {@code null} when there is none (a Unix socket)
   * @param port the port connected to (sessions are cached by host and port), or 0
   * @param id the connection id events carry
   * @param bus where events go
   * @return the layer for a {@code Connection} to read and write through
   * @throws TlsException if the server cannot be verified or the handshake fails; the message names
   *     why
   * @throws IOException if the connection fails
   */
  @Override
  public SecurityLayer secure(SocketChannel channel, String host, int port, long id, TrafficBus bus)
      throws IOException {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(bus, "bus");
    String sni = sni(host);
    String expected = options.serverName() == null ? host : sni;
    SocketAddress remote = channel.getRemoteAddress();
    String label = host == null ? SocketAddresses.format(remote) : hostPort(host, port);
    Steps steps = new Steps(bus, id, channel.getLocalAddress(), remote, true, expected, label);
    SSLEngine engine = engine(expected, port, sni);
    long startMillis = System.currentTimeMillis();
    registry.put(engine, steps);
    Deadline deadline = Deadline.start(options.handshakeTimeout(), channel);
    try {
      if (options.startTls() != null) {
        try {
          StartTlsDialog.run(options.startTls(), channel, expected, steps);
        } catch (IOException e) {
          if (deadline.expired() && !(e instanceof TlsException)) {
            throw new TlsException(
                TlsException.Reason.TIMEOUT,
                "starttls "
                    + options.startTls().label()
                    + " with "
                    + label
                    + ": no answer within "
                    + deadline.limit().toMillis() / 1000.0
                    + " s",
                "",
                e);
          }
          throw e;
        }
      }
      Handshake.Result done = Handshake.run(engine, channel, steps, deadline);
      deadline.close();
      if (deadline.expired()) {
        throw new TlsException(
            TlsException.Reason.TIMEOUT,
            "the TLS handshake with " + label + " timed out",
            "",
            null);
      }
      bus.publish(Established.event(engine, steps, sni, startMillis, done.took()));
      return new TlsLayer(channel, engine, steps, done.netIn());
    } finally {
      deadline.close();
      registry.remove(engine);
    }
  }

  /** The SNI name to send, or {@code null}: the option, else the host unless it is a literal. */
  private String sni(String host) {
    String asked = options.serverName();
    if (asked != null) {
      return asked.isEmpty() ? null : asked;
    }
    return host == null || isLiteral(host) ? null : host;
  }

  private SSLEngine engine(String expected, int port, String sni) {
    SSLEngine engine =
        expected == null ? context.createSSLEngine() : context.createSSLEngine(expected, port);
    engine.setUseClientMode(true);
    SSLParameters p = engine.getSSLParameters();
    p.setProtocols(options.minVersion().andNewer());
    try {
      p.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + sni + "' cannot be sent as a server name: " + e.getMessage(), e);
    }
    p.setEndpointIdentificationAlgorithm(
        expected == null
                || options.trust() instanceof TrustPolicy.Pinned
                || options.trust() instanceof TrustPolicy.Insecure
            ? null
            : "HTTPS");
    if (!options.alpn().isEmpty()) {
      p.setApplicationProtocols(options.alpn().toArray(String[]::new));
    }
    engine.setSSLParameters(p);
    return engine;
  }

  static boolean isLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
  }

  private static String hostPort(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + (port > 0 ? ":" + port : "");
  }
}
