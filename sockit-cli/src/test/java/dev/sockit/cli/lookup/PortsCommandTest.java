package dev.sockit.cli.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockit.cli.Cli;
import dev.sockit.core.net.Transport;
import dev.sockit.core.servicename.ServiceNames;
import dev.sockit.core.sockettable.SocketEntry;
import dev.sockit.core.sockettable.SocketState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ports run in-process, output captured: bad input, JSON shape, the service column. */
@Timeout(60)
class PortsCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Cli.create(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
  }

  @Test
  void badInputExits2WithOneLine() {
    assertThat(run("ports", "--state", "open")).isEqualTo(2);
    assertThat(err.toString()).contains("state 'open' is unknown");
    err.getBuffer().setLength(0);
    assertThat(run("ports", "--port", "nosuchservice")).isEqualTo(2);
  }

  @Test
  void portsJsonListsOurListenerWithService() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      assertThat(run("ports", "--port", String.valueOf(s.getLocalPort()), "--json")).isZero();
      String json = out.toString();
      assertThat(json)
          .contains("\"state\": \"LISTEN\"")
          .contains("\"localPort\": " + s.getLocalPort())
          .contains("\"pid\": " + ProcessHandle.current().pid())
          .contains("\"listening\": true");
    }
  }

  @Test
  void serviceColumnNamesTheServerSide() {
    ServiceNames names = ServiceNames.standard();
    SocketEntry listener = entry(SocketState.LISTEN, 22, 0);
    SocketEntry outgoing = entry(SocketState.ESTABLISHED, 51000, 443);
    SocketEntry incoming = entry(SocketState.ESTABLISHED, 22, 51000);
    assertThat(PortsCommand.service(listener, names)).contains("ssh");
    assertThat(PortsCommand.service(outgoing, names)).contains("https");
    assertThat(PortsCommand.service(incoming, names)).contains("ssh");
  }

  private static SocketEntry entry(SocketState state, int local, int remote) {
    return new SocketEntry(
        Transport.TCP,
        "tcp",
        "127.0.0.1",
        local,
        "127.0.0.1",
        remote,
        state,
        0,
        0,
        0,
        1,
        List.of());
  }
}
