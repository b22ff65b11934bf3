package dev.sockit.cli.scan;

import dev.sockit.core.probe.Phase;
import dev.sockit.core.probe.ProbeReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON form of a probe: the target, then one object per phase with its step name and times. */
final class ProbeJson {
  private ProbeJson() {}

  /**
   * The document; {@code ok} is true exactly when {@code sockit probe} exits 0: no step failed, and
   * any certificate verified or {@code insecure} (-k) accepts it.
   */
  static Map<String, Object> of(ProbeReport report, boolean insecure) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("target", report.target().toString());
    doc.put("host", report.target().host());
    doc.put("port", report.target().port());
    doc.put(
        "ok",
        report.failure().isEmpty()
            && (insecure || report.tls().map(Phase.Tls::verified).orElse(true)));
    doc.put("totalMs", ms(report.total()));
    List<Map<String, Object>> phases = new ArrayList<>();
    for (Phase p : report.phases()) {
      phases.add(phase(p));
    }
    doc.put("phases", phases);
    return doc;
  }

  private static Map<String, Object> phase(Phase p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "step",
        switch (p) {
          case Phase.Resolved r -> "dns";
          case Phase.Connect c -> "connect";
          case Phase.Tls t -> "tls";
          case Phase.Http h -> "http";
          case Phase.Failed f -> "failed";
        });
    m.put("startMs", ms(p.start()));
    m.put("tookMs", ms(p.took()));
    switch (p) {
      case Phase.Resolved r -> {
        m.put("host", r.host());
        m.put("literal", r.literal());
        m.put("addresses", r.addresses());
      }
      case Phase.Connect c -> {
        m.put("remote", c.remote());
        m.put("ok", c.ok());
        m.put("local", c.local());
        m.put("error", c.error());
      }
      case Phase.Tls t -> {
        m.put("protocol", t.protocol());
        m.put("cipher", t.cipher());
        m.put("alpn", t.alpn().isEmpty() ? null : t.alpn());
        m.put("serverName", t.serverName());
        m.put("verified", t.verified());
        m.put("verifyError", t.verifyError());
        List<Map<String, Object>> chain = new ArrayList<>();
        for (dev.sockit.core.x509.CertificateInfo c : t.chain()) {
          chain.add(dev.sockit.cli.text.TlsText.json(c));
        }
        m.put("chain", chain);
      }
      case Phase.Http h -> {
        m.put("request", h.request());
        m.put("requestHeaders", h.requestHeaders());
        m.put("timeToFirstByteMs", ms(h.timeToFirstByte()));
        m.put("statusLine", h.statusLine());
        m.put("status", h.status());
        m.put("headers", h.headers());
        m.put("bodyBytes", h.bodyBytes());
        m.put("complete", h.complete());
        m.put("headComplete", h.headComplete());
      }
      case Phase.Failed f -> {
        m.put("failedStep", f.step());
        m.put("message", f.message());
      }
    }
    return m;
  }

  private static double ms(Duration d) {
    return d.toNanos() / 1e6;
  }
}
