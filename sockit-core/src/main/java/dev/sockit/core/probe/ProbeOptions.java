package dev.sockit.core.probe;

import dev.sockit.core.net.Family;
import dev.sockit.core.tcp.TcpClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to probe.
 *
 * @param connectTimeout how long each TCP connect may take
 * @param timeout how long the TLS handshake and each read of the HTTP answer may wait
 * @param family which address family to use
 * @param trusted certificates to trust instead of the JDK's default authorities (like curl's {@code
 *     --cacert}); empty for the defaults
 * @param maxBody stop reading an HTTP body after this many bytes (the size is then a lower bound)
 * @param resolver turns the host into addresses; {@link #systemResolver(Family)} normally
 * @param maxTime the whole probe, from the first lookup to the last byte (curl's {@code -m}); the
 *     step under way then fails; {@link Duration#ZERO} for no limit
 */
public record ProbeOptions(
    Duration connectTimeout,
    Duration timeout,
    Family family,
    List<X509Certificate> trusted,
    long maxBody,
    Resolver resolver,
    Duration maxTime) {

  /** Turns a host into addresses, in the order connects are tried. */
  @FunctionalInterface
  public interface Resolver {
    /**
     * Resolves {@code host}.
     *
     * @param host a name or literal
     * @return at least one address
     * @throws UnknownHostException if there is none
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  /** Validates and copies the fields. */
  public ProbeOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(maxTime, "maxTime");
    trusted = List.copyOf(trusted);
    if (maxTime.isNegative()) {
      throw new IllegalArgumentException("maxTime must not be negative");
    }
    if (connectTimeout.isNegative()
        || connectTimeout.isZero()
        || timeout.isNegative()
        || timeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxBody < 0) {
      throw new IllegalArgumentException("maxBody must not be negative");
    }
  }

  /**
   * The system resolver, keeping only {@code family}.
   *
   * @param family which addresses to keep
   * @return the resolver
   */
  public static Resolver systemResolver(Family family) {
    return host -> TcpClient.resolve(host, family);
  }

  /**
   * 5 s per connect, 10 s per read, any family, default trust, 64 MiB of body, no overall limit.
   */
  public static ProbeOptions defaults() {
    return new ProbeOptions(
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Family.ANY,
        List.of(),
        64L << 20,
        systemResolver(Family.ANY),
        Duration.ZERO);
  }

  /**
   * A copy with other timeouts.
   *
   * @param connect per connect attempt
   * @param read per TLS handshake and read
   * @return the copy
   */
  public ProbeOptions withTimeouts(Duration connect, Duration read) {
    return new ProbeOptions(connect, read, family, trusted, maxBody, resolver, maxTime);
  }

  /**
   * A copy that trusts only {@code certificates}.
   *
   * @param certificates the trust anchors
   * @return the copy
   */
  public ProbeOptions withTrusted(List<X509Certificate> certificates) {
    return new ProbeOptions(
        connectTimeout, timeout, family, certificates, maxBody, resolver, maxTime);
  }

  /**
   * A copy that resolves through {@code r}.
   *
   * @param r the resolver
   * @return the copy
   */
  public ProbeOptions withResolver(Resolver r) {
    return new ProbeOptions(connectTimeout, timeout, family, trusted, maxBody, r, maxTime);
  }

  /**
   * A copy limited to {@code f}, resolving with the system resolver for that family.
   *
   * @param f the family
   * @return the copy
   */
  public ProbeOptions withFamily(Family f) {
    return new ProbeOptions(
        connectTimeout, timeout, f, trusted, maxBody, systemResolver(f), maxTime);
  }

  /**
   * A copy with a limit on the whole probe.
   *
   * @param limit from the first lookup to the last byte; {@link Duration#ZERO} for none
   * @return the copy
   */
  public ProbeOptions withMaxTime(Duration limit) {
    return new ProbeOptions(connectTimeout, timeout, family, trusted, maxBody, resolver, limit);
  }
}
