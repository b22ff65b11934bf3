package dev.sockit.core.ipmsg;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the table learns what each peer reads, and merges a peer's addresses. */
class PresenceTableTest {
  private static PresenceTable.Heard heard(
      String ip, String nick, boolean announcedUtf8, Charset textCharset) throws Exception {
    return new PresenceTable.Heard(
        new InetSocketAddress(InetAddress.getByName(ip), 2425),
        "u",
        "h",
        "1_iptux 0.8.3",
        nick,
        "",
        null,
        announcedUtf8,
        textCharset,
        Instant.now());
  }

  @Test
  void textThatIsNotUtf8SettlesTheCodePageAndLaterUtf8LookingTextDoesNotUndoIt() throws Exception {
    PresenceTable t = new PresenceTable(10);
    t.heard(heard("10.0.0.1", "企鹅", false, IpmsgText.GB18030));
    LanPeer p = t.heard(heard("10.0.0.1", null, false, StandardCharsets.UTF_8)).peer();
    assertThat(p.charset()).isEqualTo(IpmsgText.GB18030);
    assertThat(p.utf8()).isFalse();
    assertThat(p.sendCharset(IpmsgText.GB18030)).isEqualTo(IpmsgText.GB18030);
  }

  @Test
  void utf8TextFromAPeerWithNoCodePageYetMeansUtf8AndCodePageTextUndoesIt() throws Exception {
    PresenceTable t = new PresenceTable(10);
    t.heard(heard("10.0.0.1", "tux", false, null)); // ASCII teaches nothing
    LanPeer p = t.heard(heard("10.0.0.1", null, false, StandardCharsets.UTF_8)).peer();
    assertThat(p.utf8()).isTrue();
    p = t.heard(heard("10.0.0.1", null, false, IpmsgText.GB18030)).peer();
    assertThat(p.utf8()).isFalse();
    assertThat(p.sendCharset(IpmsgText.CP932)).isEqualTo(IpmsgText.GB18030);
  }

  @Test
  void anAnnouncedUtf8StaysAndAForcedCharsetWins() throws Exception {
    PresenceTable t = new PresenceTable(10);
    LanPeer p = t.heard(heard("10.0.0.1", "a", true, IpmsgText.GB18030)).peer();
    assertThat(p.utf8()).isTrue();
    p = t.force(p.id(), IpmsgText.CP932);
    assertThat(p.utf8()).isFalse();
    assertThat(p.sendCharset(IpmsgText.GB18030)).isEqualTo(IpmsgText.CP932);
  }

  @Test
  void anAddressReusedBySomeoneElseLeavesItsOldPeer() throws Exception {
    PresenceTable t = new PresenceTable(10);
    t.heard(heard("10.0.0.1", "a", false, null));
    PresenceTable.Heard other =
        new PresenceTable.Heard(
            new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 2425),
            "v",
            "g",
            "1",
            "b",
            "",
            null,
            false,
            null,
            Instant.now());
    assertThat(t.heard(other).change()).isEqualTo(PresenceTable.Change.JOINED);
    assertThat(t.all()).extracting(LanPeer::nick).containsExactly("b");
  }
}
