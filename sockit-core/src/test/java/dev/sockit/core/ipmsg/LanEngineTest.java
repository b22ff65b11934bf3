package dev.sockit.core.ipmsg;

import static dev.sockit.core.ipmsg.LanHarness.LOOPBACK;
import static dev.sockit.core.ipmsg.LanHarness.engine;
import static dev.sockit.core.ipmsg.LanHarness.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two engines on loopback, and hand-written packets from a raw UDP socket standing in for FeiQ and
 * iptux: presence, acknowledged messages, retries, read receipts, encodings and bounds.
 */
@Timeout(30)
class LanEngineTest {

  private static InetSocketAddress at(LanEngine e) {
    return new InetSocketAddress(LOOPBACK, e.port());
  }

  @Test
  void twoEnginesFindEachOtherAndExchangeAnAcknowledgedMessage() throws Exception {
    LanHarness.Recorder ra = new LanHarness.Recorder();
    LanHarness.Recorder rb = new LanHarness.Recorder();
    try (LanEngine a = engine(options("Alice").withGroup("研发"), ra);
        LanEngine b = engine(options("鲍勃"), rb)) {
      a.announce(at(b));
      LanPeer alice = rb.await(LanEvent.PeerJoined.class).peer();
      assertThat(alice.nick()).isEqualTo("Alice");
      assertThat(alice.group()).isEqualTo("研发");
      assertThat(alice.kind()).isEqualTo(ClientKind.SOCKIT);
      assertThat(alice.utf8()).isTrue();
      LanPeer bob = ra.await(LanEvent.PeerJoined.class).peer(); // b answered with ANSENTRY
      assertThat(bob.nick()).isEqualTo("鲍勃");
      assertThat(a.resolve("鲍勃")).isEqualTo(a.peers().get(0));

      Delivery d = a.send(bob, "你好, Bob", false).get(5, TimeUnit.SECONDS);
      assertThat(d.attempts()).isEqualTo(1);
      LanEvent.MessageReceived m = rb.await(LanEvent.MessageReceived.class);
      assertThat(m.text()).isEqualTo("你好, Bob");
      assertThat(m.from().nick()).isEqualTo("Alice");
      assertThat(m.sealed()).isFalse();
      LanEvent.Packet sent =
          ra.await(
              LanEvent.Packet.class,
              p ->
                  p.direction() == LanEvent.Direction.OUT
                      && p.packet().mode() == IpmsgCommand.SENDMSG);
      assertThat(IpmsgCommand.describe(sent.packet().command()))
          .isEqualTo("SENDMSG|SENDCHECKOPT|UTF8OPT");
      ra.await(LanEvent.Delivered.class, e -> e.packetNo() == d.packetNo());
    }
  }

  @Test
  void aSilentPeerIsTriedAgainThenReportedUndelivered() throws Exception {
    LanHarness.Recorder ra = new LanHarness.Recorder();
    try (LanEngine a = engine(options("Alice").withRetries(2, Duration.ofMillis(100)), ra);
        LanHarness.RawPeer silent = new LanHarness.RawPeer(LOOPBACK, "1")) {
      var future = a.send(silent.address(), "anyone?");
      assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(LanException.class)
          .cause()
          .hasMessageContaining("no acknowledgement from 127.0.0.1:" + silent.port())
          .hasMessageContaining("after 3 sends");
      long no = -1;
      for (int i = 0; i < 3; i++) {
        IpmsgPacket p = silent.receive(IpmsgCommand.SENDMSG);
        assertThat(p).as("send %d", i + 1).isNotNull();
        no = i == 0 ? p.packetNo() : no;
        assertThat(p.packetNo()).isEqualTo(no); // the same message again, not a new one
      }
      ra.await(LanEvent.Undelivered.class, u -> u.reason().contains("after 3 sends"));
    }
  }

  @Test
  void aRepeatedMessageIsAcknowledgedEachTimeAndShownOnce() throws Exception {
    LanHarness.Recorder rb = new LanHarness.Recorder();
    try (LanEngine b = engine(options("Bob"), rb);
        LanHarness.RawPeer feiq =
            new LanHarness.RawPeer(LOOPBACK, "1_lbt6_0#128#000C29D68D8F#0#0#0#4001#9")) {
      byte[] raw =
          new IpmsgPacket(
                  feiq.version,
                  4242,
                  "zhang".getBytes(),
                  "PC-1".getBytes(),
                  IpmsgCommand.SENDMSG | IpmsgCommand.SENDCHECKOPT,
                  "在吗？\0".getBytes(IpmsgText.GB18030))
              .encode();
      feiq.sendRaw(at(b), raw);
      feiq.sendRaw(at(b), raw);
      for (int i = 0; i < 2; i++) {
        IpmsgPacket ack = feiq.receive(IpmsgCommand.RECVMSG);
        assertThat(ack).isNotNull();
        assertThat(new String(ack.extra(), StandardCharsets.US_ASCII)).isEqualTo("4242\0");
      }
      LanEvent.MessageReceived m = rb.await(LanEvent.MessageReceived.class);
      assertThat(m.text()).isEqualTo("在吗？");
      assertThat(m.from().kind()).isEqualTo(ClientKind.FEIQ);
      Thread.sleep(200);
      assertThat(rb.all(LanEvent.MessageReceived.class)).hasSize(1);
    }
  }

  @Test
  void aGbkPeerIsAnsweredInGbkWithoutTheUtf8Option() throws Exception {
    LanHarness.Recorder rb = new LanHarness.Recorder();
    try (LanEngine b = engine(options("Bob"), rb);
        LanHarness.RawPeer feiq =
            new LanHarness.RawPeer(LOOPBACK, "1_lbt6_0#128#000C29D68D8F#0#0#0#4001#9")) {
      feiq.send(at(b), "zhang", "PC-1", 0x600001, "飞秋用户\0工作组\0".getBytes(IpmsgText.GB18030));
      IpmsgPacket answer = feiq.receive(IpmsgCommand.ANSENTRY);
      assertThat(answer).isNotNull();
      LanPeer p = rb.await(LanEvent.PeerJoined.class).peer();
      assertThat(p.nick()).isEqualTo("飞秋用户");
      assertThat(p.group()).isEqualTo("工作组");
      assertThat(p.charset()).isEqualTo(IpmsgText.GB18030);
      assertThat(p.utf8()).isFalse();
      b.send(p, "收到，谢谢", false);
      IpmsgPacket msg = feiq.receive(IpmsgCommand.SENDMSG);
      assertThat(msg.has(IpmsgCommand.UTF8OPT)).isFalse();
      assertThat(new String(msg.extra(), IpmsgText.GB18030)).isEqualTo("收到，谢谢\0");
    }
  }

  @Test
  void sealedMessageGetsItsReadReceipt() throws Exception {
    LanHarness.Recorder ra = new LanHarness.Recorder();
    LanHarness.Recorder rb = new LanHarness.Recorder();
    try (LanEngine a = engine(options("Alice"), ra);
        LanEngine b = engine(options("Bob"), rb)) {
      a.announce(at(b));
      LanPeer bob = ra.await(LanEvent.PeerJoined.class).peer();
      Delivery d = a.send(bob, "for your eyes", true).get(5, TimeUnit.SECONDS);
      LanEvent.MessageReceived m = rb.await(LanEvent.MessageReceived.class);
      assertThat(m.sealed()).isTrue();
      assertThat(ra.all(LanEvent.Read.class)).isEmpty();
      b.markRead(m);
      LanEvent.Read read = ra.await(LanEvent.Read.class);
      assertThat(read.packetNo()).isEqualTo(d.packetNo());
      // READCHECKOPT asked for ANSREADMSG: alice answered
      rb.await(
          LanEvent.Packet.class,
          p -> p.packet() != null && p.packet().mode() == IpmsgCommand.ANSREADMSG);
    }
  }

  @Test
  void oneMachineWithTwoAddressesIsOnePeerUntilItLeavesFromBoth() throws Exception {
    LanHarness.Recorder rb = new LanHarness.Recorder();
    try (LanEngine b = engine(options("Bob"), rb);
        LanHarness.RawPeer nic1 = new LanHarness.RawPeer(InetAddress.getByName("127.0.0.2"), "1");
        LanHarness.RawPeer nic2 = new LanHarness.RawPeer(InetAddress.getByName("127.0.0.3"), "1");
        LanHarness.RawPeer other =
            new LanHarness.RawPeer(InetAddress.getByName("127.0.0.4"), "1")) {
      byte[] entry = "Dual\0ops\0".getBytes(StandardCharsets.US_ASCII);
      nic1.send(at(b), "dual", "twonic", IpmsgCommand.BR_ENTRY, entry);
      rb.await(LanEvent.PeerJoined.class);
      nic2.send(at(b), "dual", "twonic", IpmsgCommand.BR_ENTRY, entry);
      LanPeer merged =
          rb.await(LanEvent.PeerChanged.class, c -> c.peer().addresses().size() == 2).peer();
      assertThat(merged.addresses())
          .extracting(a -> a.getAddress().getHostAddress())
          .containsExactly("127.0.0.3", "127.0.0.2");
      other.send(at(b), "dual", "twonic", IpmsgCommand.BR_ENTRY, "Other\0ops\0".getBytes());
      rb.await(LanEvent.PeerJoined.class, j -> j.peer().nick().equals("Other"));
      assertThat(b.peers()).hasSize(2);

      nic1.send(at(b), "dual", "twonic", IpmsgCommand.BR_EXIT, new byte[] {0});
      rb.await(LanEvent.PeerChanged.class, c -> c.peer().addresses().size() == 1);
      nic2.send(at(b), "dual", "twonic", IpmsgCommand.BR_EXIT, new byte[] {0});
      assertThat(rb.await(LanEvent.PeerLeft.class).peer().nick()).isEqualTo("Dual");
      assertThat(b.peers()).extracting(LanPeer::nick).containsExactly("Other");
    }
  }

  @Test
  void theTableIsBoundedAndSaysSo() throws Exception {
    LanHarness.Recorder rb = new LanHarness.Recorder();
    LanOptions.Limits small =
        new LanOptions.Limits(3, 4, 4, 2, 100, 1 << 20, Duration.ofSeconds(5));
    try (LanEngine b = engine(options("Bob").withLimits(small), rb)) {
      for (int i = 0; i < 6; i++) {
        try (LanHarness.RawPeer p =
            new LanHarness.RawPeer(InetAddress.getByName("127.0.1." + (i + 1)), "1")) {
          p.send(at(b), "u" + i, "h" + i, IpmsgCommand.BR_ENTRY, ("n" + i + "\0").getBytes());
        }
      }
      rb.await(LanEvent.Notice.class, n -> n.message().contains("newcomers not listed"));
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (b.refusedPeers() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(b.peers()).hasSize(3);
      assertThat(b.refusedPeers()).isEqualTo(3);
    }
  }

  @Test
  void garbageIsReportedAndDoesNotStopTheEngine() throws Exception {
    LanHarness.Recorder rb = new LanHarness.Recorder();
    try (LanEngine b = engine(options("Bob"), rb);
        LanHarness.RawPeer p = new LanHarness.RawPeer(LOOPBACK, "1")) {
      p.sendRaw(at(b), "GET / HTTP/1.1\r\n\r\n".getBytes());
      p.sendRaw(at(b), new byte[] {':', ':', ':', ':', ':', 0, -1});
      assertThat(rb.await(LanEvent.Packet.class, e -> e.problem() != null).problem())
          .contains("header fields");
      p.send(at(b), "u", "h", IpmsgCommand.GETINFO, new byte[] {0});
      IpmsgPacket info = p.receive(IpmsgCommand.SENDINFO);
      assertThat(new String(info.extra(), StandardCharsets.US_ASCII)).startsWith("sockit");
    }
  }

  @Test
  void ourOwnBroadcastLoopedBackIsNotAPeer() throws Exception {
    LanHarness.Recorder ra = new LanHarness.Recorder();
    try (LanEngine a = engine(options("Alice").withAnnounceTo(java.util.List.of(LOOPBACK)), ra)) {
      // start() announced to 127.0.0.1 at its own port: the packet comes back to it
      ra.await(
          LanEvent.Packet.class,
          p ->
              p.direction() == LanEvent.Direction.IN && p.packet().mode() == IpmsgCommand.BR_ENTRY);
      Thread.sleep(100);
      assertThat(a.peers()).isEmpty();
    }
  }

  @Test
  void unknownNamesAndAmbiguousNicknamesAreRefusedWithTheReason() throws Exception {
    LanHarness.Recorder rb = new LanHarness.Recorder();
    try (LanEngine b = engine(options("Bob"), rb);
        LanHarness.RawPeer p1 = new LanHarness.RawPeer(InetAddress.getByName("127.0.0.5"), "1");
        LanHarness.RawPeer p2 =
            new LanHarness.RawPeer(InetAddress.getByName("127.0.0.6"), "1_iptux 0.8.3")) {
      p1.send(at(b), "a", "h1", IpmsgCommand.BR_ENTRY, "Li\0\0".getBytes());
      p2.send(at(b), "b", "h2", IpmsgCommand.BR_ENTRY, "Li\0\0".getBytes());
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (b.peers().size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThatThrownBy(() -> b.resolve("Li"))
          .hasMessage(
              "2 peers are named 'Li': 127.0.0.5 (IPMsg), 127.0.0.6 (iptux); name one by IP address");
      assertThat(b.resolve("127.0.0.6").kind()).isEqualTo(ClientKind.IPTUX);
      assertThatThrownBy(() -> b.resolve("Wang")).hasMessageContaining("no peer is named 'Wang'");
      assertThatThrownBy(() -> b.resolve("10.9.9.9")).hasMessageContaining("nobody was heard at");
    }
  }

  @Test
  void aMessageTooLongForIptuxIsRefusedBeforeSending() throws Exception {
    try (LanEngine a = engine(options("Alice"), new LanHarness.Recorder());
        LanHarness.RawPeer p = new LanHarness.RawPeer(LOOPBACK, "1")) {
      var f = a.send(p.address(), "x".repeat(9000));
      assertThatThrownBy(f::join)
          .isInstanceOf(CompletionException.class)
          .hasMessageContaining("at most 8192");
    }
  }
}
