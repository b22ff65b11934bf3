package dev.sockit.cli.scan;

import dev.sockit.cli.Failures;
import dev.sockit.cli.Reporting;
import dev.sockit.cli.Version;
import dev.sockit.cli.options.DurationConverter;
import dev.sockit.cli.options.FamilyOption;
import dev.sockit.cli.text.JsonText;
import dev.sockit.core.probe.Phase;
import dev.sockit.core.probe.Probe;
import dev.sockit.core.probe.ProbeOptions;
import dev.sockit.core.probe.ProbeReport;
import dev.sockit.core.probe.ProbeTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sockit probe}: DNS, TCP, TLS and HTTP of one connection, each step timed. */
@Command(
    name = "probe",
    header = "Time every step of one connection: DNS, TCP, TLS and HTTP.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Follow one connection the way a browser makes it, timing every step: DNS resolution",
      "(every address), a TCP connect to each address in turn, the TLS handshake (for https or",
      "--tls: protocol, cipher, certificate, whether it verifies) and, for a URL, one GET",
      "(status, headers, time to first byte, size)."
    },
    footer = {
      "",
      "Exit codes: 0 every step worked, 1 a step failed or the certificate is not trusted (unless -k), 2 bad input.",
      "",
      "Examples:",
      "  sockit probe http://localhost:8080/",
      "  sockit probe https://localhost:8443/ --cacert server.pem",
      "  sockit probe localhost:5432",
      "  sockit probe 127.0.0.1:8443 --tls -k --json",
      "  sockit probe http://localhost:8080/slow -m 2s"
    })
public final class ProbeCommand implements Callable<Integer>, Reporting {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "HOST:PORT|URL",
      description = "e.g. localhost:22, [::1]:443, http://localhost:8080/, https://example.org/")
  String target;

  @Option(
      names = "--tls",
      description = "Make a TLS handshake after connecting (implied by https://).")
  boolean tls;

  @Option(
      names = "--cacert",
      paramLabel = "FILE",
      description = "Trust the PEM certificates in FILE instead of the JDK's authorities.")
  Path cacert;

  @Option(
      names = {"-k", "--insecure"},
      description = "Exit 0 even when the certificate does not verify (it is still reported).")
  boolean insecure;

  @Option(
      names = "--connect-timeout",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      defaultValue = "5s",
      description = "Per address (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(
      names = {"-w", "--timeout"},
      paramLabel = "TIME",
      converter = DurationConverter.class,
      defaultValue = "10s",
      description =
          "For the TLS handshake and each read of the answer (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = {"-m", "--max-time"},
      paramLabel = "TIME",
      converter = DurationConverter.class,
      defaultValue = "0s",
      description =
          "Give up when the whole probe has taken TIME, in whatever step it is (curl's -m; default: no limit).")
  Duration maxTime;

  @Mixin FamilyOption family;

  @Option(names = "--json", description = "Print JSON (fields in docs/ports-scan-probe.md).")
  boolean json;

  @Override
  public boolean json() {
    return json;
  }

  @Override
  public Integer call() throws IOException {
    ProbeTarget t = ProbeTarget.parse(target, tls);
    if (family.both()) {
      throw new Failures.BadInput("give -4 or -6, not both");
    }
    if (connectTimeout.isZero() || timeout.isZero()) {
      throw new Failures.BadInput("timeouts must be longer than 0");
    }
    ProbeOptions options =
        ProbeOptions.defaults()
            .withFamily(family.family())
            .withTimeouts(connectTimeout, timeout)
            .withMaxTime(maxTime);
    if (cacert != null) {
      options = options.withTrusted(certificates(cacert));
    }
    ProbeReport report = Probe.run(t, options);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonText.print(out, ProbeJson.of(report, insecure));
    } else {
      ProbeTimeline.print(out, report);
    }
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    if (report.failure().isPresent()) {
      Phase.Failed f = report.failure().get();
      err.println("sockit: " + f.step() + " failed: " + f.message());
      err.flush();
      return Failures.RUNTIME;
    }
    if (report.tls().isPresent() && !report.tls().get().verified() && !insecure) {
      err.println(
          "sockit: the certificate of "
              + t.host()
              + " is not trusted: "
              + report.tls().get().verifyError()
              + " (or add -k to accept it)");
      err.flush();
      return Failures.RUNTIME;
    }
    return Failures.OK;
  }

  private static List<X509Certificate> certificates(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> certs = new ArrayList<>();
      for (java.security.cert.Certificate c :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        certs.add((X509Certificate) c);
      }
      if (certs.isEmpty()) {
        throw new Failures.BadInput(
            "--cacert "
                + file
                + " holds no certificate; give a PEM file (-----BEGIN CERTIFICATE-----)");
      }
      return certs;
    } catch (NoSuchFileException e) {
      throw new Failures.BadInput("--cacert " + file + ": no such file");
    } catch (IOException | CertificateException e) {
      throw new Failures.BadInput(
          "--cacert " + file + " is not a PEM or DER certificate file: " + e.getMessage());
    }
  }
}
