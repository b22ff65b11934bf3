package dev.sockit.core.tls;

import java.util.Locale;

/**
 * Protocols that start in plaintext and upgrade the same connection to TLS, as {@code openssl
 * s_client -starttls} knows them. sockit talks the plaintext preamble, then runs the handshake.
 */
public enum StartTls {
  /** SMTP (RFC 3207): greeting, {@code EHLO}, {@code STARTTLS}, {@code 220}. */
  SMTP,
  /** IMAP (RFC 2595): greeting, {@code a STARTTLS}, {@code a OK}. */
  IMAP,
  /** POP3 (RFC 2595): greeting, {@code STLS}, {@code +OK}. */
  POP3,
  /** FTP (RFC 4217): greeting, {@code AUTH TLS}, {@code 234}. */
  FTP,
  /** XMPP (RFC 6120): stream header, {@code <starttls/>}, {@code <proceed/>}. */
  XMPP,
  /** PostgreSQL: an {@code SSLRequest} message, answered {@code S}. */
  POSTGRES;

  /** The lower-case name used on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a protocol name ({@code smtp}, {@code imap}, {@code pop3}, {@code ftp}, {@code xmpp},
   * {@code postgres}).
   *
   * @param text the name
   * @return the protocol
   * @throws IllegalArgumentException naming the text and the choices
   */
  public static StartTls parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    for (StartTls s : values()) {
      if (s.label().equals(t) || (s == POSTGRES && t.equals("postgresql"))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "'"
            + text
            + "' is not a STARTTLS protocol sockit knows: smtp, imap, pop3, ftp, xmpp, postgres");
  }
}
