package dev.sockit.core.sockettable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockit.core.net.Transport;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines copied from a real x86-64 /proc/net, checked against what ss printed for them. */
class ProcNetTest {
  private final ProcNet le = new ProcNet(ByteOrder.LITTLE_ENDIAN);

  @Test
  void tcp4ListenerAndQueues() {
    List<SocketEntry> rows =
        le.parseInet(
            List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000003 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0",
                "   1: 0100007F:B7E2 0100007F:1F90 01 0000002A:00000000 01:00000014 00000000     0        0 4343 2 0000000000000000 20 4 30 10 -1"),
            Transport.TCP,
            false);
    assertThat(rows).hasSize(2);
    SocketEntry listener = rows.get(0);
    assertThat(listener.local()).isEqualTo("127.0.0.1:8080");
    assertThat(listener.remote()).isEqualTo("0.0.0.0:*");
    assertThat(listener.state()).isEqualTo(SocketState.LISTEN);
    assertThat(listener.receiveQueue()).isEqualTo(3);
    assertThat(listener.uid()).isEqualTo(1000);
    assertThat(listener.inode()).isEqualTo(4242);
    assertThat(listener.netid()).isEqualTo("tcp");
    assertThat(listener.listening()).isTrue();
    SocketEntry client = rows.get(1);
    assertThat(client.local()).isEqualTo("127.0.0.1:47074");
    assertThat(client.remote()).isEqualTo("127.0.0.1:8080");
    assertThat(client.state()).isEqualTo(SocketState.ESTABLISHED);
    assertThat(client.sendQueue()).isEqualTo(42);
    assertThat(client.listening()).isFalse();
  }

  @Test
  void tcp6LoopbackAndMappedAddresses() {
    List<SocketEntry> rows =
        le.parseInet(
            List.of(
                "   0: 00000000000000000000000001000000:C802 00000000000000000000000001000000:8C89 06 00000000:00000000 03:00000E77 00000000     0        0 0 3 0000000078c213b0",
                "   1: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 99 1 0",
                "   2: B80D0120000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 98 1 0"),
            Transport.TCP,
            true);
    assertThat(rows)
        .extracting(SocketEntry::local)
        .containsExactly("[::1]:51202", "[::ffff:127.0.0.1]:8080", "[2001:db8::1]:80");
    assertThat(rows.get(0).remote()).isEqualTo("[::1]:35977");
    assertThat(rows.get(0).state()).isEqualTo(SocketState.TIME_WAIT);
    assertThat(rows.get(1).remote()).isEqualTo("[::]:*");
    assertThat(rows).allMatch(SocketEntry::ipv6);
  }

  @Test
  void bigEndianMachinesPrintNetworkOrder() {
    ProcNet be = new ProcNet(ByteOrder.BIG_ENDIAN);
    assertThat(be.address("7F000001")).isEqualTo("127.0.0.1");
    assertThat(le.address("7F000001")).isEqualTo("1.0.0.127");
  }

  @Test
  void udpStatesAreUnconnectedOrEstablished() {
    List<SocketEntry> rows =
        le.parseInet(
            List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
                " 1: 00000000:0035 00000000:0000 07 00000000:00000200 00:00000000 00000000   101        0 777 2 0000000000000000 0",
                " 2: 0100007F:D431 0100007F:0035 01 00000000:00000000 00:00000000 00000000     0        0 778 2 0000000000000000 0"),
            Transport.UDP,
            false);
    assertThat(rows)
        .extracting(SocketEntry::state)
        .containsExactly(SocketState.UNCONN, SocketState.ESTABLISHED);
    assertThat(rows.get(0).local()).isEqualTo("0.0.0.0:53");
    assertThat(rows.get(0).receiveQueue()).isEqualTo(512);
    assertThat(rows.get(0).listening()).isTrue();
    assertThat(rows.get(1).listening()).isFalse();
  }

  @Test
  void unixSocketsWithAndWithoutPaths() {
    List<SocketEntry> rows =
        le.parseUnix(
            List.of(
                "Num       RefCount Protocol Flags    Type St Inode Path",
                "000000008510b740: 00000002 00000000 00010000 0001 01 8346 /run/dbus/system bus socket",
                "0000000016b0e0cd: 00000003 00000000 00000000 0001 03   115",
                "0000000016b0e0ce: 00000002 00000000 00000000 0002 01   116 @/org/kernel/udev",
                "0000000016b0e0cf: 00000002 00000000 00000000 0005 03   117 /tmp/seq"));
    assertThat(rows)
        .extracting(SocketEntry::netid)
        .containsExactly("u_str", "u_str", "u_dgr", "u_seq");
    assertThat(rows)
        .extracting(SocketEntry::state)
        .containsExactly(
            SocketState.LISTEN,
            SocketState.ESTABLISHED,
            SocketState.UNCONN,
            SocketState.ESTABLISHED);
    assertThat(rows.get(0).local()).isEqualTo("/run/dbus/system bus socket");
    assertThat(rows.get(1).local()).isEqualTo("*");
    assertThat(rows.get(2).local()).isEqualTo("@/org/kernel/udev");
    assertThat(rows.get(2).listening()).isTrue();
    assertThat(rows).extracting(SocketEntry::inode).containsExactly(8346L, 115L, 116L, 117L);
  }

  @Test
  void statesParseInEveryCommonSpelling() {
    assertThat(SocketState.parse("time_wait")).isEqualTo(SocketState.TIME_WAIT);
    assertThat(SocketState.parse("TIME-WAIT")).isEqualTo(SocketState.TIME_WAIT);
    assertThat(SocketState.parse("estab")).isEqualTo(SocketState.ESTABLISHED);
    assertThat(SocketState.parse("Established")).isEqualTo(SocketState.ESTABLISHED);
    assertThat(SocketState.parse("fin-wait-1")).isEqualTo(SocketState.FIN_WAIT1);
    assertThat(SocketState.parse("close_wait")).isEqualTo(SocketState.CLOSE_WAIT);
    assertThatThrownBy(() -> SocketState.parse("open"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'open'");
  }

  @Test
  void holderDescriptions() {
    SocketEntry owned =
        le.parseInet(
                List.of(
                    "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0"),
                Transport.TCP,
                false)
            .get(0);
    assertThat(
            PortTable.describe(
                List.of(
                    owned.withProcesses(
                        List.of(
                            new ProcessRef(12, "python3", 3), new ProcessRef(13, "python3", 3))))))
        .contains("pid 12 (python3), pid 13 (python3)");
    assertThat(PortTable.describe(List.of(owned)))
        .contains("a process of uid 1000 (run as root to see which)");
    assertThat(PortTable.describe(List.of())).isEmpty();
  }
}
