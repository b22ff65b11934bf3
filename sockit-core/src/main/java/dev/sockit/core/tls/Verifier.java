package dev.sockit.core.tls;

import dev.sockit.core.x509.CertificateInfo;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * The trust manager of every sockit TLS context: the JDK's PKIX checks decide (chain to a trusted
 * authority, dates, host name), a pin or {@code insecure} replace them when asked; a rejection is
 * explained ({@link Explain}) and every verdict is published as a step of the handshake.
 */
final class Verifier extends X509ExtendedTrustManager {
  private final TrustPolicy policy;
  private final X509ExtendedTrustManager pkix;
  private final Set<String> anchors;
  private final String trustText;
  private final Steps.Registry registry;
  private final X509Certificate[] acceptedIssuers;

  private Verifier(
      TrustPolicy policy,
      X509ExtendedTrustManager pkix,
      String trustText,
      Steps.Registry registry,
      X509Certificate[] acceptedIssuers) {
    this.policy = policy;
    this.pkix = pkix;
    this.trustText = trustText;
    this.registry = registry;
    this.acceptedIssuers = acceptedIssuers;
    Set<String> subjects = new HashSet<>();
    if (pkix != null) {
      for (X509Certificate c : pkix.getAcceptedIssuers()) {
        subjects.add(c.getSubjectX500Principal().getName(X500Principal.RFC2253));
      }
    }
    this.anchors = Set.copyOf(subjects);
  }

  /** The verifier of a client's view of servers. */
  static Verifier forClient(TrustPolicy policy, Steps.Registry registry) throws IOException {
    return switch (policy) {
      case TrustPolicy.SystemStore s -> {
        SystemTrust.Store store = SystemTrust.load();
        yield new Verifier(
            policy, pkix(store.keyStore()), store.description(), registry, new X509Certificate[0]);
      }
      case TrustPolicy.Authorities a ->
          new Verifier(
              policy,
              pkix(keyStore(a.certificates())),
              a.source(),
              registry,
              new X509Certificate[0]);
      case TrustPolicy.Pinned p ->
          new Verifier(policy, null, p.describe(), registry, new X509Certificate[0]);
      case TrustPolicy.Insecure i ->
          new Verifier(policy, null, i.describe(), registry, new X509Certificate[0]);
    };
  }

  /** The verifier of a server's view of client certificates (mutual TLS). */
  static Verifier forServer(
      List<X509Certificate> authorities, String source, Steps.Registry registry)
      throws IOException {
    if (authorities.isEmpty()) {
      return new Verifier(new TrustPolicy.Insecure(), null, "", registry, new X509Certificate[0]);
    }
    return new Verifier(
        new TrustPolicy.Authorities(authorities, source),
        pkix(keyStore(authorities)),
        source,
        registry,
        authorities.toArray(X509Certificate[]::new));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    verify(chain, registry.get(engine), () -> pkix.checkServerTrusted(chain, authType, engine));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    verify(chain, registry.get(engine), () -> pkix.checkClientTrusted(chain, authType, engine));
  }

  @FunctionalInterface
  private interface Check {
    void run() throws CertificateException;
  }

  private void verify(X509Certificate[] chain, Steps steps, Check jdk) throws CertificateException {
    steps.flush();
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the peer sent no certificate");
    }
    CertificateInfo leaf = CertificateInfo.of(chain[0]);
    String role = steps.client ? "server" : "client";
    String what =
        "verify "
            + role
            + " certificate "
            + leaf.subject()
            + (chain.length > 1 ? " (chain of " + chain.length + ")" : "");
    switch (policy) {
      case TrustPolicy.Insecure i -> {
        steps.trust("NOT verified (insecure: any certificate is accepted)");
        steps.publish(what + ": NOT verified (insecure)");
      }
      case TrustPolicy.Pinned p -> {
        for (Pin pin : p.pins()) {
          if (pin.matches(chain[0])) {
            steps.trust("pinned (" + pin + ")");
            steps.publish(what + " against the pin " + pin + ": ok");
            return;
          }
        }
        Rejection r =
            new Rejection(
                TlsException.Reason.PIN_MISMATCH,
                "the certificate of "
                    + steps.peerLabel
                    + " ("
                    + leaf.subject()
                    + ") matches no pin: it is "
                    + Pin.of(chain[0])
                    + " and its key sha256//"
                    + java.util.Base64.getEncoder()
                        .encodeToString(java.util.HexFormat.of().parseHex(leaf.spkiSha256())),
                "if that is the server you mean, pin one of those",
                null);
        steps.publish(what + " against the pin: rejected: " + r.facts);
        throw r;
      }
      case TrustPolicy.SystemStore s -> checked(chain, steps, jdk, leaf, what);
      case TrustPolicy.Authorities a -> checked(chain, steps, jdk, leaf, what);
    }
  }

  private void checked(
      X509Certificate[] chain, Steps steps, Check jdk, CertificateInfo leaf, String what)
      throws CertificateException {
    String name = steps.expectedName;
    String against = " against " + trustText + (name == null ? "" : ", name '" + name + "'");
    try {
      jdk.run();
    } catch (CertificateException e) {
      String whose =
          steps.client
              ? "the certificate of " + steps.peerLabel
              : "the certificate of client " + steps.peerLabel;
      Rejection r = Explain.chain(chain, whose, name, policy, trustText, anchors, e);
      steps.publish(what + against + ": rejected: " + r.facts);
      throw r;
    }
    steps.trust(
        "verified against "
            + trustText
            + (steps.client ? (name == null ? "; no name checked" : "; name " + name) : ""));
    steps.publish(what + against + ": ok");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    verify(chain, registry.get(null), () -> pkix.checkServerTrusted(chain, authType, socket));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    verify(chain, registry.get(null), () -> pkix.checkClientTrusted(chain, authType, socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verify(chain, registry.get(null), () -> pkix.checkServerTrusted(chain, authType));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verify(chain, registry.get(null), () -> pkix.checkClientTrusted(chain, authType));
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return acceptedIssuers.clone();
  }

  static KeyStore keyStore(List<X509Certificate> certificates) throws IOException {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      for (int i = 0; i < certificates.size(); i++) {
        ks.setCertificateEntry("trusted-" + i, certificates.get(i));
      }
      return ks;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot hold the trusted certificates: " + e.getMessage(), e);
    }
  }

  private static X509ExtendedTrustManager pkix(KeyStore store) throws IOException {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(store);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509ExtendedTrustManager x) {
          return x;
        }
      }
      throw new IOException("the JDK offers no X.509 trust manager");
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the trusted certificates: " + e.getMessage(), e);
    }
  }
}
