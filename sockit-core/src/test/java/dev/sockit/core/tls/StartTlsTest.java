package dev.sockit.core.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockit.core.event.RecordingListener;
import dev.sockit.core.event.TrafficBus;
import dev.sockit.core.event.TrafficEvent;
import dev.sockit.core.stream.Connection;
import dev.sockit.core.stream.ConnectionIo;
import dev.sockit.core.tcp.TcpClient;
import dev.sockit.core.tcp.TcpClientOptions;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * STARTTLS against scripted servers on real loopback sockets: each speaks its protocol's plaintext
 * preamble, upgrades the same socket with the JDK's own TLS server, and echoes a line.
 */
@Timeout(20)
class StartTlsTest {
  private static final TestPki PKI = TestPki.get();

  /** One side of a scripted preamble: what the server does before upgrading. */
  @FunctionalInterface
  private interface Script {
    void run(BufferedReader in, OutputStream out, DataInputStream raw) throws IOException;
  }

  private static void say(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(US_ASCII));
    out.flush();
  }

  private static Script script(StartTls protocol) {
    return switch (protocol) {
      case SMTP ->
          (in, out, raw) -> {
            say(out, "220-mail.test ESMTP\r\n220 ready\r\n");
            assertThat(in.readLine()).startsWith("EHLO [127.0.0.1]");
            say(out, "250-mail.test\r\n250-8BITMIME\r\n250 STARTTLS\r\n");
            assertThat(in.readLine()).isEqualTo("STARTTLS");
            say(out, "220 go ahead\r\n");
          };
      case IMAP ->
          (in, out, raw) -> {
            say(out, "* OK IMAP4rev1 ready\r\n");
            String line = in.readLine();
            assertThat(line).endsWith(" STARTTLS");
            say(out, "* a note first\r\n" + line.split(" ")[0] + " OK begin TLS\r\n");
          };
      case POP3 ->
          (in, out, raw) -> {
            say(out, "+OK POP3 ready\r\n");
            assertThat(in.readLine()).isEqualTo("STLS");
            say(out, "+OK begin TLS\r\n");
          };
      case FTP ->
          (in, out, raw) -> {
            say(out, "220 FTP ready\r\n");
            assertThat(in.readLine()).isEqualTo("AUTH TLS");
            say(out, "234 AUTH TLS ok\r\n");
          };
      case XMPP ->
          (in, out, raw) -> {
            StringBuilder header = new StringBuilder();
            while (!header.toString().endsWith("version='1.0'>")) {
              header.append((char) in.read());
            }
            assertThat(header).contains("to='localhost'");
            say(
                out,
                "<?xml version='1.0'?><stream:stream from='localhost' version='1.0'>"
                    + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>"
                    + "<required/></starttls></stream:features>");
            StringBuilder ask = new StringBuilder();
            while (!ask.toString().endsWith("/>")) {
              ask.append((char) in.read());
            }
            assertThat(ask).contains("<starttls");
            say(out, "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
          };
      case POSTGRES ->
          (in, out, raw) -> {
            assertThat(raw.readInt()).isEqualTo(8);
            assertThat(raw.readInt()).isEqualTo(80877103);
            say(out, "S");
          };
    };
  }

  /** A server that runs {@code script}, then (if {@code upgrade}) TLS and a line echo. */
  private static ServerSocket serve(Script script, boolean upgrade, AtomicReference<Throwable> err)
      throws Exception {
    ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    SSLContext ctx = serverContext();
    Thread.ofVirtual()
        .start(
            () -> {
              try (Socket plain = listener.accept()) {
                InputStream rawIn = plain.getInputStream();
                // a reader that takes one byte at a time: nothing past the preamble is swallowed
                BufferedReader in = new BufferedReader(new InputStreamReader(rawIn, US_ASCII), 1);
                script.run(in, plain.getOutputStream(), new DataInputStream(rawIn));
                if (!upgrade) {
                  return;
                }
                SSLSocket tls =
                    (SSLSocket)
                        ctx.getSocketFactory().createSocket(plain, null, plain.getPort(), false);
                tls.setUseClientMode(false);
                String line =
                    new BufferedReader(new InputStreamReader(tls.getInputStream(), US_ASCII))
                        .readLine();
                tls.getOutputStream().write((line + "\n").getBytes(US_ASCII));
                tls.getOutputStream().flush();
                tls.close();
              } catch (Throwable t) {
                err.set(t);
              }
            });
    return listener;
  }

  private static SSLContext serverContext() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        "k", PKI.server.key(), new char[0], PKI.server.chain().toArray(Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
    kmf.init(ks, new char[0]);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  @ParameterizedTest
  @EnumSource(StartTls.class)
  void talksThePreambleThenUpgradesTheSameConnection(StartTls protocol) throws Exception {
    AtomicReference<Throwable> err = new AtomicReference<>();
    TrafficBus bus = new TrafficBus();
    RecordingListener events = RecordingListener.withPayloads();
    bus.subscribe(events);
    try (ServerSocket server = serve(script(protocol), true, err);
        Connection c =
            TcpClient.connect(
                TcpClientOptions.of("localhost", server.getLocalPort()),
                TlsClient.of(
                    TlsClientOptions.defaults().withTrust(PKI.trustCa()).withStartTls(protocol)),
                bus)) {
      c.write("ping over tls\n".getBytes(US_ASCII));
      assertThat(ConnectionIo.readLine(c)).isEqualTo("ping over tls\n");
    }
    assertThat(err.get()).isNull();
    // the preamble is shown as plaintext traffic before the handshake, the rest after it
    int established = events.events().indexOf(events.await(TrafficEvent.TlsEstablished.class));
    assertThat(events.events().subList(0, established))
        .anyMatch(e -> e instanceof TrafficEvent.Sent)
        .anyMatch(e -> e instanceof TrafficEvent.Received);
    assertThat(events.all(TrafficEvent.TlsStep.class))
        .anyMatch(s -> s.step().startsWith("starttls " + protocol.label() + ": "));
  }

  @Test
  void anSmtpServerThatRefusesIsQuoted() throws Exception {
    AtomicReference<Throwable> err = new AtomicReference<>();
    Script refuse =
        (in, out, raw) -> {
          say(out, "220 ready\r\n");
          in.readLine();
          say(out, "250 mail.test\r\n");
          in.readLine();
          say(out, "454 TLS not available due to temporary reason\r\n");
        };
    try (ServerSocket server = serve(refuse, false, err)) {
      assertThatThrownBy(
              () ->
                  TcpClient.connect(
                          TcpClientOptions.of("127.0.0.1", server.getLocalPort()),
                          TlsClient.of(TlsClientOptions.defaults().withStartTls(StartTls.SMTP)),
                          new TrafficBus())
                      .close())
          .isInstanceOfSatisfying(
              TlsException.class,
              e -> assertThat(e.reason()).isEqualTo(TlsException.Reason.STARTTLS_REFUSED))
          .hasMessage(
              "starttls smtp with 127.0.0.1:"
                  + server.getLocalPort()
                  + ": the server answered STARTTLS with something other than 220:"
                  + " '454 TLS not available due to temporary reason'");
    }
  }

  @Test
  void aPostgresServerWithoutTlsSaysN() throws Exception {
    AtomicReference<Throwable> err = new AtomicReference<>();
    Script no =
        (in, out, raw) -> {
          raw.readInt();
          raw.readInt();
          say(out, "N");
        };
    try (ServerSocket server = serve(no, false, err)) {
      assertThatThrownBy(
              () ->
                  TcpClient.connect(
                          TcpClientOptions.of("127.0.0.1", server.getLocalPort()),
                          TlsClient.of(TlsClientOptions.defaults().withStartTls(StartTls.POSTGRES)),
                          new TrafficBus())
                      .close())
          .hasMessageContaining("the server does not do TLS (it answered N)");
    }
  }

  @Test
  void parsesProtocolNames() {
    assertThat(StartTls.parse("SMTP")).isEqualTo(StartTls.SMTP);
    assertThat(StartTls.parse("postgresql")).isEqualTo(StartTls.POSTGRES);
    assertThatThrownBy(() -> StartTls.parse("ldap"))
        .hasMessage(
            "'ldap' is not a STARTTLS protocol sockit knows: smtp, imap, pop3, ftp, xmpp, postgres");
  }
}
