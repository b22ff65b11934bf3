package dev.sockit.core.tls;

import java.util.Locale;

/** The TLS versions sockit speaks; nothing older than 1.2 (RFC 8996 deprecates 1.0 and 1.1). */
public enum TlsVersion {
  /** TLS 1.2 (RFC 5246). */
  TLS_1_2("TLSv1.2"),
  /** TLS 1.3 (RFC 8446). */
  TLS_1_3("TLSv1.3");

  private final String jsseName;

  TlsVersion(String jsseName) {
    this.jsseName = jsseName;
  }

  /** The JSSE protocol name, e.g. {@code TLSv1.3}. */
  public String jsseName() {
    return jsseName;
  }

  /** The JSSE names of this version and every newer one sockit speaks. */
  String[] andNewer() {
    return this == TLS_1_3 ? new String[] {"TLSv1.3"} : new String[] {"TLSv1.3", "TLSv1.2"};
  }

  /**
   * Parses {@code 1.2}, {@code 1.3}, {@code TLSv1.2}, {@code tls1.3}...
   *
   * @param text the version
   * @return the version
   * @throws IllegalArgumentException naming the text and the choices
   */
  public static TlsVersion parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT).replace("tlsv", "").replace("tls", "");
    return switch (t) {
      case "1.2" -> TLS_1_2;
      case "1.3" -> TLS_1_3;
      default ->
          throw new IllegalArgumentException(
              "'" + text + "' is not a TLS version sockit speaks: use 1.2 or 1.3");
    };
  }
}
