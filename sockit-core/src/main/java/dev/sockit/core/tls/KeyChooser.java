package dev.sockit.core.tls;

import dev.sockit.core.x509.Identity;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the one identity sockit was given. A client presents it whenever the server asks, even
 * when the server's list of acceptable issuers does not name its issuer (as openssl and curl do:
 * the JDK's own key manager would silently send nothing, and the server's "certificate required"
 * would be a mystery); it also notes that the server asked.
 */
final class KeyChooser extends X509ExtendedKeyManager {
  private static final String ALIAS = "sockit";
  private final Identity identity;
  private final Steps.Registry registry;

  KeyChooser(Identity identity, Steps.Registry registry) {
    this.identity = identity;
    this.registry = registry;
  }

  private boolean fits(String keyType) {
    if (identity == null || keyType == null) {
      return false;
    }
    String algorithm = identity.key().getAlgorithm();
    return keyType.equals(algorithm)
        || keyType.startsWith(algorithm + "_")
        || (keyType.equals("EdDSA") && (algorithm.equals("Ed25519") || algorithm.equals("Ed448")));
  }

  private String client(String[] keyTypes, SSLEngine engine) {
    boolean fits = false;
    for (String k : keyTypes) {
      fits |= fits(k);
    }
    registry.get(engine).certificateRequested(fits, identity);
    return fits ? ALIAS : null;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return client(keyTypes, engine);
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return client(keyTypes, null);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return fits(keyType) ? ALIAS : null;
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return fits(keyType) ? ALIAS : null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return fits(keyType) ? new String[] {ALIAS} : null;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return fits(keyType) ? new String[] {ALIAS} : null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return identity != null && ALIAS.equals(alias)
        ? identity.chain().toArray(X509Certificate[]::new)
        : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return identity != null && ALIAS.equals(alias) ? identity.key() : null;
  }
}
