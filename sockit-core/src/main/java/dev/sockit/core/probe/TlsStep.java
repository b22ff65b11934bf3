package dev.sockit.core.probe;

import dev.sockit.core.x509.CertificateInfo;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS handshake of a probe. Verification (chain to a trusted authority, host name, dates) is
 * done by the JDK's own trust manager, but its verdict is recorded instead of aborting the
 * handshake, so the report shows the certificate even when it would be rejected.
 */
final class TlsStep {
  private TlsStep() {}

  /** The handshake's result: the TLS socket to continue on and the phase to report. */
  record Result(SSLSocket socket, Phase.Tls phase) {}

  /**
   * A TLS context whose trust manager records its verdict, made before the probe's clock starts.
   */
  record Prepared(SSLContext context, Recording trust) {}

  static Prepared prepare(ProbeOptions options) throws IOException {
    try {
      Recording trust = new Recording(delegate(options.trusted()));
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {trust}, null);
      try (SSLSocket unconnected =
          (SSLSocket) ctx.getSocketFactory().createSocket()) { // loads the socket classes too
        unconnected.setSSLParameters(unconnected.getSSLParameters());
      }
      return new Prepared(ctx, trust);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  static Result handshake(
      Prepared setup, Socket plain, ProbeTarget target, ProbeOptions options, long probeStart)
      throws IOException {
    long start = System.nanoTime(); // from the end of the connect: the phases leave no gap
    Recording trust = setup.trust();
    SSLSocket ssl =
        (SSLSocket)
            setup
                .context()
                .getSocketFactory()
                .createSocket(plain, target.host(), target.port(), true);
    String sni = Probe.isLiteral(target.host()) ? null : target.host();
    SSLParameters params = ssl.getSSLParameters();
    if (sni != null) {
      params.setServerNames(List.of(new SNIHostName(sni)));
    }
    params.setEndpointIdentificationAlgorithm("HTTPS");
    if (target.http()) {
      params.setApplicationProtocols(new String[] {"http/1.1"});
    }
    ssl.setSSLParameters(params);
    ssl.setSoTimeout((int) Math.max(1, options.timeout().toMillis()));
    try {
      ssl.startHandshake();
    } catch (java.net.SocketTimeoutException e) {
      throw new IOException(
          "no TLS answer within "
              + Probe.seconds(options.timeout())
              + " (is this port really TLS?)",
          e);
    } catch (javax.net.ssl.SSLException e) {
      throw new IOException(
          "TLS handshake failed: " + e.getMessage() + " (is this port really TLS?)", e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    SSLSession session = ssl.getSession();
    List<CertificateInfo> chain = new ArrayList<>();
    for (java.security.cert.Certificate c : session.getPeerCertificates()) {
      if (c instanceof X509Certificate x) {
        chain.add(CertificateInfo.of(x));
      }
    }
    String alpn = ssl.getApplicationProtocol() == null ? "" : ssl.getApplicationProtocol();
    Phase.Tls phase =
        new Phase.Tls(
            Duration.ofNanos(start - probeStart),
            took,
            session.getProtocol(),
            session.getCipherSuite(),
            alpn,
            sni,
            chain,
            trust.error == null,
            trust.error == null ? null : explain(trust.error));
    return new Result(ssl, phase);
  }

  private static String explain(CertificateException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("unable to find valid certification path")) {
      return "not issued by a trusted authority (self-signed or unknown CA); to trust it, pass its certificate with --cacert FILE";
    }
    if (e instanceof java.security.cert.CertificateExpiredException || m.contains("NotAfter")) {
      return "expired: " + m;
    }
    return m;
  }

  private static X509ExtendedTrustManager delegate(List<X509Certificate> trusted)
      throws IOException {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (trusted.isEmpty()) {
        tmf.init((KeyStore) null);
      } else {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        for (int i = 0; i < trusted.size(); i++) {
          ks.setCertificateEntry("trusted-" + i, trusted.get(i));
        }
        tmf.init(ks);
      }
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509ExtendedTrustManager x) {
          return x;
        }
      }
      throw new IOException("the JDK offers no X.509 trust manager");
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load trusted certificates: " + e.getMessage(), e);
    }
  }

  /** Asks the JDK's trust manager and writes down its answer instead of failing the handshake. */
  private static final class Recording extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private CertificateException error;

    Recording(X509ExtendedTrustManager delegate) {
      this.delegate = delegate;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      try {
        delegate.checkServerTrusted(chain, authType, socket);
      } catch (CertificateException e) {
        error = e;
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      try {
        delegate.checkServerTrusted(chain, authType, engine);
      } catch (CertificateException e) {
        error = e;
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      try {
        delegate.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        error = e;
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a probe does not accept clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a probe does not accept clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("a probe does not accept clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }
}
