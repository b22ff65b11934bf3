package dev.sockit.core.probe;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The timeline of one probe.
 *
 * @param target what was probed
 * @param phases the steps in the order they happened
 * @param total from the start of the probe to the end of the last step
 */
public record ProbeReport(ProbeTarget target, List<Phase> phases, Duration total) {
  /** Validates and copies the fields. */
  public ProbeReport {
    Objects.requireNonNull(target, "target");
    phases = List.copyOf(phases);
    Objects.requireNonNull(total, "total");
  }

  /**
   * The failure that ended the probe, if any.
   *
   * @return the failed step
   */
  public Optional<Phase.Failed> failure() {
    return phases.stream()
        .filter(p -> p instanceof Phase.Failed)
        .map(Phase.Failed.class::cast)
        .findFirst();
  }

  /**
   * The TLS step, if one happened.
   *
   * @return the handshake
   */
  public Optional<Phase.Tls> tls() {
    return phases.stream()
        .filter(p -> p instanceof Phase.Tls)
        .map(Phase.Tls.class::cast)
        .findFirst();
  }

  /**
   * The HTTP step, if one happened.
   *
   * @return the exchange
   */
  public Optional<Phase.Http> http() {
    return phases.stream()
        .filter(p -> p instanceof Phase.Http)
        .map(Phase.Http.class::cast)
        .findFirst();
  }
}
