package dev.sockit.core.probe;

import dev.sockit.core.x509.CertificateInfo;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One step of a probe, timed: {@code start} is the offset from the beginning of the probe, {@code
 * took} how long the step lasted. Consume with an exhaustive {@code switch}.
 */
public sealed interface Phase {

  /** When the phase began, measured from the start of the probe. */
  Duration start();

  /** How long it took. */
  Duration took();

  /**
   * DNS resolution (or none, for an IP literal).
   *
   * @param host the name looked up
   * @param addresses every address, in the order connects are tried
   * @param literal whether the host was an IP literal, so no lookup happened
   */
  record Resolved(
      Duration start, Duration took, String host, List<String> addresses, boolean literal)
      implements Phase {
    /** Validates and copies the fields. */
    public Resolved {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(took, "took");
      Objects.requireNonNull(host, "host");
      addresses = List.copyOf(addresses);
    }
  }

  /**
   * One TCP connect ({@code SYN, SYN-ACK, ACK}): {@code took} is the handshake time.
   *
   * @param remote the address tried, e.g. {@code [::1]:443}
   * @param ok whether it connected
   * @param local our end when connected, else {@code null}
   * @param error why it failed ({@code refused}, {@code timed out}, ...), else {@code null}
   */
  record Connect(
      Duration start, Duration took, String remote, boolean ok, String local, String error)
      implements Phase {
    /** Validates the fields. */
    public Connect {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(took, "took");
      Objects.requireNonNull(remote, "remote");
    }
  }

  /**
   * A TLS handshake.
   *
   * @param protocol e.g. {@code TLSv1.3}
   * @param cipher e.g. {@code TLS_AES_256_GCM_SHA384}
   * @param alpn the application protocol agreed, or empty
   * @param serverName the name sent as SNI, or {@code null} for an IP literal
   * @param chain the server's certificates, its own first: subject, names, issuer, validity, key,
   *     SHA-256 (as the TLS views of every command show them)
   * @param verified whether the chain leads to a trusted authority and names the host
   * @param verifyError why not, else {@code null}
   */
  record Tls(
      Duration start,
      Duration took,
      String protocol,
      String cipher,
      String alpn,
      String serverName,
      List<CertificateInfo> chain,
      boolean verified,
      String verifyError)
      implements Phase {
    /** Validates and copies the fields. */
    public Tls {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(took, "took");
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(cipher, "cipher");
      Objects.requireNonNull(alpn, "alpn");
      chain = List.copyOf(chain);
    }
  }

  /**
   * An HTTP/1.1 GET and its answer. {@code took} runs from sending the request to the last body
   * byte.
   *
   * @param request the request line, e.g. {@code GET / HTTP/1.1}
   * @param requestHeaders the headers sent, {@code Name: value} (an Authorization value is shown
   *     without its secret)
   * @param timeToFirstByte from the request sent to the first byte of the answer
   * @param statusLine e.g. {@code HTTP/1.1 200 OK}
   * @param status the status code
   * @param headers the response headers as sent, {@code Name: value}
   * @param bodyBytes the body size after removing chunked framing
   * @param complete whether the whole body was read ({@code false} past the size limit, or when the
   *     answer broke off: then a {@link Failed} http step follows)
   * @param headComplete whether the headers ended ({@code false} when the answer broke off inside
   *     them: {@code headers} are those that arrived, and no body was read)
   */
  record Http(
      Duration start,
      Duration took,
      String request,
      List<String> requestHeaders,
      Duration timeToFirstByte,
      String statusLine,
      int status,
      List<String> headers,
      long bodyBytes,
      boolean complete,
      boolean headComplete)
      implements Phase {
    /** Validates and copies the fields. */
    public Http {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(took, "took");
      Objects.requireNonNull(request, "request");
      requestHeaders = List.copyOf(requestHeaders);
      Objects.requireNonNull(timeToFirstByte, "timeToFirstByte");
      Objects.requireNonNull(statusLine, "statusLine");
      headers = List.copyOf(headers);
    }
  }

  /**
   * The step that ended the probe early.
   *
   * @param step which step: {@code dns}, {@code connect}, {@code tls} or {@code http}
   * @param message what went wrong, one line
   */
  record Failed(Duration start, Duration took, String step, String message) implements Phase {
    /** Validates the fields. */
    public Failed {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(took, "took");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(message, "message");
    }
  }
}
