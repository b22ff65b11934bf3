/**
 * Certificates and keys, with the JDK alone: {@link dev.sockit.core.x509.Pem} reads and writes PEM
 * (certificates; PKCS#8, PKCS#1 and SEC1 keys, encrypted PKCS#8 too), {@link
 * dev.sockit.core.x509.Identity} loads a key with its chain from PEM or PKCS#12 files, {@link
 * dev.sockit.core.x509.CertificateInfo} describes a certificate as every view shows it (subject,
 * names, issuer, validity, key, SHA-256), and {@link dev.sockit.core.x509.CertificateRequest} makes
 * self-signed or authority-signed EC certificates (a small DER encoder, no ASN.1 library).
 *
 * <pre>{@code
 * Identity id = CertificateRequest.of("localhost", Duration.ofDays(7), "localhost", "127.0.0.1").selfSigned();
 * CertificateInfo info = CertificateInfo.of(id.certificate());
 * System.out.println(info.subject() + " " + info.subjectAltNames() + " SHA-256 " + info.sha256());
 * Files.writeString(Path.of("server.pem"), Pem.encode(id.chain()));
 * }</pre>
 */
package dev.sockit.core.x509;
