package dev.sockit.core.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * How a client decides to trust a server (and a server a client's certificate): the system's
 * authorities, given authorities, a pin, or nothing at all. Consume with an exhaustive {@code
 * switch}.
 */
public sealed interface TrustPolicy {

  /** In words, for messages: {@code the system trust store}, {@code ca.pem}... */
  String describe();

  /**
   * The authorities this machine trusts: the operating system's bundle ({@code
   * /etc/ssl/certs/ca-certificates.crt} and its kin, where administrators add their own), else the
   * JDK's {@code cacerts}.
   */
  record SystemStore() implements TrustPolicy {
    @Override
    public String describe() {
      return "the system trust store";
    }
  }

  /**
   * Exactly these authorities (or self-signed certificates), as {@code curl --cacert} and {@code
   * openssl -CAfile}.
   *
   * @param certificates the trusted certificates
   * @param source where they came from, for messages (e.g. the file name)
   */
  record Authorities(List<X509Certificate> certificates, String source) implements TrustPolicy {
    /** Validates and copies the fields. */
    public Authorities {
      certificates = List.copyOf(certificates);
      Objects.requireNonNull(source, "source");
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("no trusted certificate given (" + source + ")");
      }
    }

    @Override
    public String describe() {
      return source;
    }
  }

  /**
   * Accept the peer exactly when its certificate or key matches one of the pins, whoever issued it
   * and whatever names and dates it carries: the pin is the trust.
   *
   * @param pins the accepted certificates or keys
   */
  record Pinned(List<Pin> pins) implements TrustPolicy {
    /** Validates and copies the pins. */
    public Pinned {
      pins = List.copyOf(pins);
      if (pins.isEmpty()) {
        throw new IllegalArgumentException("no pin given");
      }
    }

    @Override
    public String describe() {
      return "the pin "
          + pins.get(0)
          + (pins.size() > 1 ? " (and " + (pins.size() - 1) + " more)" : "");
    }
  }

  /** Accept any certificate: encryption without authentication. Say so loudly in every view. */
  record Insecure() implements TrustPolicy {
    @Override
    public String describe() {
      return "nothing (insecure: the peer is not verified)";
    }
  }

  /** The system's authorities. */
  static TrustPolicy system() {
    return new SystemStore();
  }
}
