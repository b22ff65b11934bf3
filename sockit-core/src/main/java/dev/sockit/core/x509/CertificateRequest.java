package dev.sockit.core.x509;

import java.io.IOException;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A certificate to make: the names it covers and when it is valid. {@link #selfSigned()} makes a
 * new EC P-256 key and a certificate signed by itself (what {@code tcp listen --tls} uses when
 * given no certificate); {@link #signedBy(Identity)} has an authority sign it (tests make their own
 * small PKI this way).
 *
 * <p>The DER is written by a few lines of this package ({@code Der}) with the JDK's own key
 * generation and signatures: the library needs no ASN.1 or Bouncy Castle dependency for it.
 *
 * <pre>{@code
 * Identity server = CertificateRequest.forListener(null, Duration.ofDays(7)).selfSigned();
 * Files.writeString(Path.of("trust-me.pem"), Pem.encode(server.chain()));
 * }</pre>
 *
 * @param commonName the subject's CN
 * @param dnsNames DNS names (subjectAltName dNSName)
 * @param addresses IP addresses (subjectAltName iPAddress)
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param authority whether it may sign other certificates (a CA)
 */
public record CertificateRequest(
    String commonName,
    List<String> dnsNames,
    List<InetAddress> addresses,
    Instant notBefore,
    Instant notAfter,
    boolean authority) {

  private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
  private static final String RSA_SHA256 = "1.2.840.113549.1.1.11";
  private static final String COMMON_NAME = "2.5.4.3";
  private static final String ORGANIZATION = "2.5.4.10";
  private static final String SUBJECT_KEY_ID = "2.5.29.14";
  private static final String KEY_USAGE = "2.5.29.15";
  private static final String SUBJECT_ALT_NAME = "2.5.29.17";
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String AUTHORITY_KEY_ID = "2.5.29.35";
  private static final String EXT_KEY_USAGE = "2.5.29.37";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  /** Validates and copies the fields. */
  public CertificateRequest {
    Objects.requireNonNull(commonName, "commonName");
    dnsNames = List.copyOf(dnsNames);
    addresses = List.copyOf(addresses);
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    if (notAfter.isBefore(notBefore)) {
      throw new IllegalArgumentException("a certificate cannot expire before it starts");
    }
  }

  /**
   * A leaf certificate for {@code names}: each a DNS name or an IP literal, valid from an hour ago
   * (clocks differ) for {@code validity}.
   *
   * @param commonName the CN
   * @param validity how long from now it is valid
   * @param names DNS names and IP literals
   * @return the request
   */
  public static CertificateRequest of(String commonName, Duration validity, String... names) {
    List<String> dns = new ArrayList<>();
    List<InetAddress> ips = new ArrayList<>();
    for (String n : names) {
      if (n.indexOf(':') >= 0 || n.matches("[0-9.]+")) {
        ips.add(dev.sockit.core.address.IpLiterals.parse(n));
      } else {
        dns.add(n);
      }
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return new CertificateRequest(
        commonName, dns, ips, now.minus(Duration.ofHours(1)), now.plus(validity), false);
  }

  /**
   * The certificate for a server listening on {@code address}: its names are {@code localhost},
   * this host's name, and the address itself, or every address of this host for a wildcard ({@code
   * null}, {@code 0.0.0.0} or {@code ::}), so that a client verifies it by any name it can reach
   * the server by.
   *
   * @param address the listen address, or {@code null} for every address
   * @param validity how long it is valid
   * @return the request
   */
  public static CertificateRequest forListener(InetAddress address, Duration validity) {
    Set<String> dns = new LinkedHashSet<>();
    dns.add("localhost");
    hostName().ifPresent(dns::add);
    Set<InetAddress> ips = new LinkedHashSet<>();
    if (address == null || address.isAnyLocalAddress()) {
      boolean v4only = address != null && !(address instanceof Inet6Address);
      for (InetAddress a : localAddresses()) {
        if (!v4only || !(a instanceof Inet6Address)) {
          ips.add(a);
        }
      }
    } else {
      ips.add(address);
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return new CertificateRequest(
        "localhost",
        List.copyOf(dns),
        List.copyOf(ips),
        now.minus(Duration.ofHours(1)),
        now.plus(validity),
        false);
  }

  /** A copy valid from {@code from} to {@code until} (tests make expired certificates so). */
  public CertificateRequest withValidity(Instant from, Instant until) {
    return new CertificateRequest(commonName, dnsNames, addresses, from, until, authority);
  }

  /** A copy that may sign other certificates: a certificate authority. */
  public CertificateRequest asAuthority() {
    return new CertificateRequest(commonName, dnsNames, addresses, notBefore, notAfter, true);
  }

  /**
   * Makes a new EC P-256 key and a certificate for it, signed by that key.
   *
   * @return the key and its certificate
   */
  public Identity selfSigned() {
    KeyPair pair = newKey();
    byte[] subject = name(commonName, "sockit self-signed");
    return new Identity(
        pair.getPrivate(), List.of(sign(subject, pair, subject, pair.getPrivate(), null)));
  }

  /**
   * Makes a new EC P-256 key and a certificate for it signed by {@code issuer}.
   *
   * @param issuer the authority (its key signs; its certificate names the issuer)
   * @return the key and its chain: the new certificate, then the issuer's chain
   */
  public Identity signedBy(Identity issuer) {
    Objects.requireNonNull(issuer, "issuer");
    KeyPair pair = newKey();
    byte[] issuerName = issuer.certificate().getSubjectX500Principal().getEncoded();
    byte[] issuerKeyId = keyId(issuer.certificate().getPublicKey().getEncoded());
    List<java.security.cert.X509Certificate> chain = new ArrayList<>();
    chain.add(sign(name(commonName, "sockit"), pair, issuerName, issuer.key(), issuerKeyId));
    chain.addAll(issuer.chain());
    return new Identity(pair.getPrivate(), chain);
  }

  private java.security.cert.X509Certificate sign(
      byte[] subject, KeyPair pair, byte[] issuer, PrivateKey signer, byte[] authorityKeyId) {
    boolean rsa = signer.getAlgorithm().equals("RSA");
    byte[] algorithm =
        rsa
            ? Der.sequence(Der.oid(RSA_SHA256), Der.nullValue())
            : Der.sequence(Der.oid(ECDSA_SHA256));
    byte[] serial = new byte[16];
    new SecureRandom().nextBytes(serial);
    serial[0] &= 0x7f; // positive, as RFC 5280 wants
    byte[] spki = pair.getPublic().getEncoded();
    byte[] tbs =
        Der.sequence(
            Der.explicit(0, Der.integer(2)),
            Der.integer(new BigInteger(serial)),
            algorithm,
            issuer,
            Der.sequence(Der.time(notBefore), Der.time(notAfter)),
            subject,
            spki,
            Der.explicit(3, extensions(spki, authorityKeyId)));
    try {
      Signature s = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
      s.initSign(signer);
      s.update(tbs);
      return Pem.certificate(Der.sequence(tbs, algorithm, Der.bitString(s.sign())));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot sign a certificate: " + e.getMessage(), e);
    }
  }

  private byte[] extensions(byte[] spki, byte[] authorityKeyId) {
    List<byte[]> ext = new ArrayList<>();
    ext.add(
        extension(
            BASIC_CONSTRAINTS, true, authority ? Der.sequence(Der.bool(true)) : Der.sequence()));
    // keyUsage: digitalSignature; an authority also keyCertSign and cRLSign
    ext.add(
        extension(
            KEY_USAGE,
            true,
            authority
                ? Der.tlv(Der.BIT_STRING, new byte[] {1, (byte) 0x86})
                : Der.tlv(Der.BIT_STRING, new byte[] {7, (byte) 0x80})));
    if (!authority) {
      ext.add(
          extension(
              EXT_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH), Der.oid(CLIENT_AUTH))));
    }
    if (!dnsNames.isEmpty() || !addresses.isEmpty()) {
      List<byte[]> names = new ArrayList<>();
      for (String d : dnsNames) {
        names.add(Der.implicitPrimitive(2, d.getBytes(StandardCharsets.US_ASCII)));
      }
      for (InetAddress a : addresses) {
        names.add(Der.implicitPrimitive(7, a.getAddress()));
      }
      ext.add(extension(SUBJECT_ALT_NAME, false, Der.sequence(names.toArray(byte[][]::new))));
    }
    ext.add(extension(SUBJECT_KEY_ID, false, Der.octetString(keyId(spki))));
    if (authorityKeyId != null) {
      ext.add(
          extension(
              AUTHORITY_KEY_ID, false, Der.sequence(Der.implicitPrimitive(0, authorityKeyId))));
    }
    return Der.sequence(ext.toArray(byte[][]::new));
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical
        ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
        : Der.sequence(Der.oid(oid), Der.octetString(value));
  }

  /** A key identifier: the leftmost 160 bits of the SHA-256 of the key (RFC 7093, method 1). */
  private static byte[] keyId(byte[] spki) {
    return java.util.Arrays.copyOf(CertificateInfo.sha256(spki), 20);
  }

  private static byte[] name(String commonName, String organization) {
    return Der.sequence(
        Der.set(Der.sequence(Der.oid(ORGANIZATION), Der.utf8(organization))),
        Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
  }

  private static KeyPair newKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make an EC P-256 key: " + e.getMessage(), e);
    }
  }

  /** This host's name as the kernel knows it (no DNS lookup), when it is a usable DNS name. */
  private static java.util.Optional<String> hostName() {
    try {
      String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
      if (isDnsName(name) && !name.equals("localhost")) {
        return java.util.Optional.of(name);
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or no such file: the names without it still cover localhost and the addresses
    }
    return java.util.Optional.empty();
  }

  private static boolean isDnsName(String name) {
    if (name.isEmpty() || name.length() > 253) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (label.isEmpty()
          || label.length() > 63
          || !label.matches("[A-Za-z0-9-]+")
          || label.startsWith("-")
          || label.endsWith("-")) {
        return false;
      }
    }
    return true;
  }

  private static List<InetAddress> localAddresses() {
    List<InetAddress> out = new ArrayList<>();
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          out.add(InetAddress.getByAddress(a.getAddress())); // without the scope: SANs have none
        }
      }
    } catch (SocketException | java.net.UnknownHostException e) {
      // no interface list: loopback below still makes the certificate usable locally
    }
    if (out.isEmpty()) {
      out.add(InetAddress.getLoopbackAddress());
    }
    return out;
  }
}
