package dev.sockit.core.ipmsg;

import static dev.sockit.core.ipmsg.Golden.bytes;
import static dev.sockit.core.ipmsg.Golden.packet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Packets real clients send, read by the parser. The iptux packets were captured from iptux
 * 0.8.3+git20211122 (Debian) running in a network namespace, once set to GBK and once to UTF-8
 * ({@code preference_encode}); the FeiQ packets are the ones FeiQ users publish when they script it
 * (its version field with the MAC address, GBK text, command 288 or 6291457); the IPMsg for Windows
 * and 内网通 packets are built from the protocol draft and the version strings those clients announce.
 */
class GoldenPacketTest {
  private static IpmsgBody body(IpmsgPacket p) {
    return IpmsgBody.of(p, null, IpmsgText.GB18030);
  }

  @Test
  void iptuxEntryInGbkSaysUtf8InItsFourthFieldAndIsReadAsGbk() throws Exception {
    IpmsgPacket p =
        IpmsgPacket.parse(
            bytes(
                "1_iptux 0.8.3:1:root:vm:257:\\xc6\\xf3\\xb6\\xec\\0\\xd7\\xe9\\0icon-tux.png\\0utf-8\\0"));
    assertThat(p.version()).isEqualTo("1_iptux 0.8.3");
    assertThat(p.packetNo()).isEqualTo(1);
    assertThat(new String(p.user(), StandardCharsets.US_ASCII)).isEqualTo("root");
    assertThat(IpmsgCommand.describe(p.command())).isEqualTo("BR_ENTRY|ABSENCEOPT");
    IpmsgBody.Entry e = (IpmsgBody.Entry) body(p);
    assertThat(e.nick()).isEqualTo("企鹅");
    assertThat(e.group()).isEqualTo("组");
    assertThat(e.iptuxEncoding()).isEqualTo("utf-8");
    assertThat(e.charset()).isEqualTo(IpmsgText.GB18030);
    assertThat(e.extension()).isEmpty();
  }

  @Test
  void iptuxAnswerInUtf8() throws Exception {
    IpmsgPacket p =
        IpmsgPacket.parse(
            bytes(
                "1_iptux 0.8.3:2:root:vm:259:\\xe4\\xbc\\x81\\xe9\\xb9\\x85\\0\\xe7\\xbb\\x84\\0icon-tux.png\\0utf-8\\0"));
    assertThat(IpmsgCommand.describe(p.command())).isEqualTo("ANSENTRY|ABSENCEOPT");
    IpmsgBody.Entry e = (IpmsgBody.Entry) body(p);
    assertThat(e.nick()).isEqualTo("企鹅");
    assertThat(e.group()).isEqualTo("组");
    assertThat(e.charset()).isEqualTo(StandardCharsets.UTF_8);
  }

  @Test
  void iptuxAcknowledgementNamesThePacket() throws Exception {
    IpmsgPacket p = IpmsgPacket.parse(bytes("1_iptux 0.8.3:3:root:vm:289:5002\\0"));
    assertThat(IpmsgCommand.describe(p.command())).isEqualTo("RECVMSG|SENDCHECKOPT");
    assertThat(body(p)).isEqualTo(new IpmsgBody.Reference(5002, "5002"));
  }

  @Test
  void iptuxSharedFilesInGbkWithADoubledColon() throws Exception {
    IpmsgPacket p =
        IpmsgPacket.parse(
            bytes(
                "1_iptux 0.8.3:4:root:vm:2149580832:\\x001:a::b.txt:a:0:1:\\x072:"
                    + "\\xb9\\xb2\\xcf\\xed\\xce\\xc4\\xbc\\xfe.txt:c:0:1:\\x07\\0"));
    assertThat(IpmsgCommand.describe(p.command()))
        .isEqualTo("SENDMSG|IPTUX_SHAREDOPT|FILEATTACHOPT");
    IpmsgBody.Message m = (IpmsgBody.Message) body(p);
    assertThat(m.text()).isEmpty();
    assertThat(m.attachments())
        .containsExactly(
            new Attachment(1, "a:b.txt", 10, 0, 1), new Attachment(2, "共享文件.txt", 12, 0, 1));
    assertThat(m.charset()).isEqualTo(IpmsgText.GB18030);
  }

  @Test
  void iptuxSharedFilesInUtf8() throws Exception {
    IpmsgPacket p =
        IpmsgPacket.parse(
            bytes(
                "1_iptux 0.8.3:4:root:vm:2149580832:\\x001:a::b.txt:a:0:1:\\x072:"
                    + "\\xe5\\x85\\xb1\\xe4\\xba\\xab\\xe6\\x96\\x87\\xe4\\xbb\\xb6.txt:c:0:1:\\x07\\0"));
    IpmsgBody.Message m = (IpmsgBody.Message) body(p);
    assertThat(m.attachments()).extracting(Attachment::name).containsExactly("a:b.txt", "共享文件.txt");
    assertThat(m.charset()).isEqualTo(StandardCharsets.UTF_8);
  }

  @Test
  void iptuxSharedFolderAndFile() throws Exception {
    IpmsgPacket p =
        IpmsgPacket.parse(
            bytes(
                "1_iptux 0.8.3:5:root:vm:2149580832:\\x001:shared1.txt:19:0:1:\\x072:shdir:5:0:2:\\x07\\0"));
    List<Attachment> files = ((IpmsgBody.Message) body(p)).attachments();
    assertThat(files).hasSize(2);
    assertThat(files.get(0).isFile()).isTrue();
    assertThat(files.get(0).size()).isEqualTo(25);
    assertThat(files.get(1).isFolder()).isTrue();
    assertThat(files.get(1).name()).isEqualTo("shdir");
  }

  @Test
  void messagesTypedIntoIptuxInGbkAndInUtf8WithoutTheUtf8Option() throws Exception {
    // typed into iptux's chat window (through the X Test extension), iptux set to GBK, then UTF-8
    IpmsgPacket gbk =
        IpmsgPacket.parse(
            bytes(
                "1_iptux 0.8.3:6:root:vm:288:\\xc4\\xe3\\xba\\xc3 sockit\\xa3\\xac\\xce\\xd2"
                    + "\\xca\\xc7\\xc6\\xf3\\xb6\\xec\\0"));
    IpmsgPacket utf8 =
        IpmsgPacket.parse(
            bytes(
                "1_iptux 0.8.3:6:root:vm:288:\\xe4\\xbd\\xa0\\xe5\\xa5\\xbd sockit\\xef\\xbc"
                    + "\\x8c\\xe6\\x88\\x91\\xe6\\x98\\xaf\\xe4\\xbc\\x81\\xe9\\xb9\\x85\\0"));
    for (IpmsgPacket p : List.of(gbk, utf8)) {
      assertThat(IpmsgCommand.describe(p.command())).isEqualTo("SENDMSG|SENDCHECKOPT");
      // whatever the peer was seen to use before: the bytes decide between UTF-8 and GBK
      for (java.nio.charset.Charset hint :
          new java.nio.charset.Charset[] {null, IpmsgText.GB18030, StandardCharsets.UTF_8}) {
        assertThat(((IpmsgBody.Message) IpmsgBody.of(p, hint, IpmsgText.GB18030)).text())
            .isEqualTo("你好 sockit，我是企鹅");
      }
    }
    assertThat(((IpmsgBody.Message) body(gbk)).charset()).isEqualTo(IpmsgText.GB18030);
    assertThat(((IpmsgBody.Message) body(utf8)).charset()).isEqualTo(StandardCharsets.UTF_8);
  }

  @Test
  void feiqEntryWithItsVersionFieldInGbk() throws Exception {
    IpmsgPacket p =
        IpmsgPacket.parse(
            packet(
                "1_lbt6_0#128#000C29D68D8F#0#0#0#4001#9:1399716676:Administrator:PC-2014:6291457:",
                "飞秋用户\0工作组\0",
                IpmsgText.GB18030));
    assertThat(p.version()).isEqualTo("1_lbt6_0#128#000C29D68D8F#0#0#0#4001#9");
    assertThat(IpmsgCommand.describe(p.command())).isEqualTo("BR_ENTRY|FILEATTACHOPT|ENCRYPTOPT");
    IpmsgBody.Entry e = (IpmsgBody.Entry) body(p);
    assertThat(e.nick()).isEqualTo("飞秋用户");
    assertThat(e.group()).isEqualTo("工作组");
    assertThat(e.charset()).isEqualTo(IpmsgText.GB18030);
    assertThat(ClientKind.of(p.version())).isEqualTo(ClientKind.FEIQ);
  }

  @Test
  void feiqMessageInGbk() throws Exception {
    IpmsgPacket p =
        IpmsgPacket.parse(
            packet(
                "1_lbt4_10#32899#002481627512#0#0#0:1289671407:Adminstrator:MICROSO-697TGLD:288:",
                "这是一个测试消息。",
                IpmsgText.GB18030));
    assertThat(IpmsgCommand.describe(p.command())).isEqualTo("SENDMSG|SENDCHECKOPT");
    IpmsgBody.Message m = (IpmsgBody.Message) body(p);
    assertThat(m.text()).isEqualTo("这是一个测试消息。");
    assertThat(m.charset()).isEqualTo(IpmsgText.GB18030);
    assertThat(m.attachments()).isEmpty();
  }

  @Test
  void neiwangtongIsRecognisedByItsVersion() throws Exception {
    IpmsgPacket p =
        IpmsgPacket.parse(packet("1@shiyeline:7:lisi:LISI-PC:1:", "李四\0财务部\0", IpmsgText.GB18030));
    IpmsgBody.Entry e = (IpmsgBody.Entry) body(p);
    assertThat(e.nick()).isEqualTo("李四");
    assertThat(e.group()).isEqualTo("财务部");
    assertThat(ClientKind.of(p.version())).isEqualTo(ClientKind.NEIWANGTONG);
  }

  @Test
  void ipmsgEntryWithTheUtf8ExtensionPrefersItsNickname() throws Exception {
    byte[] legacy = "taro\0dev\0".getBytes(IpmsgText.CP932);
    byte[] ext = "\nUN:taro\nHN:TARO-PC\nNN:太郎\nGN:開発\n\0".getBytes(StandardCharsets.UTF_8);
    byte[] data = concat(("1:100:taro:TARO-PC:" + (0x01000000 | 1) + ":").getBytes(), legacy, ext);
    IpmsgPacket p = IpmsgPacket.parse(data);
    assertThat(IpmsgCommand.describe(p.command())).isEqualTo("BR_ENTRY|CAPUTF8OPT");
    IpmsgBody.Entry e = (IpmsgBody.Entry) IpmsgBody.of(p, null, IpmsgText.CP932);
    assertThat(e.nick()).isEqualTo("太郎");
    assertThat(e.group()).isEqualTo("開発");
    assertThat(e.extension()).containsAllEntriesOf(Map.of("UN", "taro", "HN", "TARO-PC"));
  }

  @Test
  void japaneseMessageInCp932() throws Exception {
    IpmsgPacket p =
        IpmsgPacket.parse(packet("1:101:taro:TARO-PC:288:", "こんにちは\0", IpmsgText.CP932));
    IpmsgBody.Message m = (IpmsgBody.Message) IpmsgBody.of(p, null, IpmsgText.CP932);
    assertThat(m.text()).isEqualTo("こんにちは");
  }

  @Test
  void utf8OptionWins() throws Exception {
    IpmsgPacket p =
        IpmsgPacket.parse(
            packet(
                "1:9:u:h:" + (IpmsgCommand.SENDMSG | IpmsgCommand.UTF8OPT) + ":",
                "你好\0",
                StandardCharsets.UTF_8));
    assertThat(((IpmsgBody.Message) body(p)).text()).isEqualTo("你好");
  }

  @Test
  void attachmentsWithDoubledColonsAndExtendedAttributes() throws Exception {
    IpmsgPacket p =
        IpmsgPacket.parse(
            bytes(
                "1:102:u:h:2097440:see files\\x000:a::b.txt:1f:5f5e1000:1:14=5f5e1000:\\x07"
                    + "1:dir::x:0:5f5e1000:2:\\x07:2:::lead:0:0:1\\0"));
    assertThat(IpmsgCommand.describe(p.command())).isEqualTo("SENDMSG|SENDCHECKOPT|FILEATTACHOPT");
    IpmsgBody.Message m = (IpmsgBody.Message) body(p);
    assertThat(m.text()).isEqualTo("see files");
    assertThat(m.attachments())
        .containsExactly(
            new Attachment(0, "a:b.txt", 31, 0x5f5e1000L, 1),
            new Attachment(1, "dir:x", 0, 0x5f5e1000L, 2),
            new Attachment(2, ":lead", 0, 0, 1));
  }

  @Test
  void attachmentRoundTrip() {
    List<Attachment> files =
        List.of(
            new Attachment(3, "x:y::z.bin", 1L << 40, 1_700_000_000, 1),
            new Attachment(4, "文件夹", 0, 0, 2));
    StringBuilder sb = new StringBuilder();
    files.forEach(a -> sb.append(a.format()));
    assertThat(Attachment.parseList(sb.toString())).isEqualTo(files);
  }

  @Test
  void aBrokenEntryKeepsTheOnesBeforeIt() {
    assertThat(Attachment.parseList("1:good:5:0:1:\u0007x:bad:zz:0:1:\u00073:later:1:0:1:\u0007"))
        .containsExactly(new Attachment(1, "good", 5, 0, 1));
  }

  @Test
  void exitWithoutAFifthColon() throws Exception {
    IpmsgPacket p = IpmsgPacket.parse(bytes("1_iptux 0.8.3:9:root:vm:65538"));
    assertThat(IpmsgCommand.describe(p.command())).isEqualTo("BR_EXIT|DIALUPOPT");
    assertThat(p.extraLength()).isZero();
    IpmsgPacket q = IpmsgPacket.parse(bytes("1:9:root:vm:2\\0trailing"));
    assertThat(q.mode()).isEqualTo(IpmsgCommand.BR_EXIT);
  }

  @Test
  void fileRequestsInHex() throws Exception {
    IpmsgPacket p = IpmsgPacket.parse(bytes("1_iptux 0.8.3:7:root:vm:2097248:1389:1a:0\\0"));
    assertThat(IpmsgCommand.describe(p.command())).isEqualTo("GETFILEDATA|FILEATTACHOPT");
    assertThat(body(p)).isEqualTo(new IpmsgBody.FileRequest(0x1389, "1a", 0));
    IpmsgPacket dir = IpmsgPacket.parse(bytes("1:8:u:h:98:ff:2:"));
    assertThat(body(dir)).isEqualTo(new IpmsgBody.FileRequest(0xff, "2", 0));
    IpmsgPacket resume = IpmsgPacket.parse(bytes("1:8:u:h:96:10:0:100000:\\0"));
    assertThat(body(resume)).isEqualTo(new IpmsgBody.FileRequest(0x10, "0", 0x100000));
  }

  @Test
  void unknownModesAreOpaqueAndNamed() throws Exception {
    IpmsgPacket knock =
        IpmsgPacket.parse(bytes("1_lbt6_0#128#000C29D68D8F#0#0#0#4001#9:5:a:b:209:"));
    assertThat(IpmsgCommand.describe(knock.command())).isEqualTo("FEIQ_KNOCK");
    assertThat(body(knock)).isEqualTo(new IpmsgBody.Opaque(0));
    assertThat(IpmsgCommand.describe(0x7B | 0x40000000L)).isEqualTo("0x7b|IPTUX_PASSWDOPT");
    assertThat(IpmsgCommand.describe(0x20 | 0x10000000L)).isEqualTo("SENDMSG|0x10000000");
  }

  @Test
  void folderHeaderRoundTripAndIptuxForm() throws Exception {
    FolderHeader h = new FolderHeader("dir:one", 0, 2, 0x5f5e1000L);
    byte[] enc = h.encode(StandardCharsets.UTF_8);
    assertThat(FolderHeader.headerSize(enc, enc.length)).isEqualTo(enc.length);
    assertThat(FolderHeader.parse(enc, StandardCharsets.UTF_8)).isEqualTo(h);
    byte[] iptux = bytes("0029:b.txt:000000003:1:14=5f5e1000:16=5f5e1000:");
    assertThat(FolderHeader.headerSize(iptux, iptux.length)).isEqualTo(0x29);
    assertThat(FolderHeader.parse(iptux, StandardCharsets.UTF_8))
        .isEqualTo(new FolderHeader("b.txt", 3, 1, 0x5f5e1000L));
    assertThat(FolderHeader.headerSize(bytes("zz:"), 3)).isEqualTo(-1);
    assertThat(FolderHeader.headerSize(bytes("00"), 2)).isZero();
  }

  @Test
  void malformedPacketsSayWhatIsWrong() {
    assertThatThrownBy(() -> IpmsgPacket.parse(bytes("hello")))
        .isInstanceOf(MalformedPacketException.class)
        .hasMessageContaining("only 1 of the 5 header fields");
    assertThatThrownBy(() -> IpmsgPacket.parse(bytes("1:abc:u:h:32:x")))
        .hasMessageContaining("packet number 'abc' is not a decimal number");
    assertThatThrownBy(() -> IpmsgPacket.parse(bytes("1:2:u\\0:h:32:x")))
        .hasMessageContaining("NUL byte inside the header");
    assertThatThrownBy(() -> IpmsgPacket.parse(bytes("1:2:u:h:99999999999:x")))
        .hasMessageContaining("command is out of range");
    assertThatThrownBy(() -> IpmsgPacket.parse("v".repeat(300).concat(":1:u:h:1:").getBytes()))
        .hasMessageContaining("version field longer than 256");
    assertThatThrownBy(() -> IpmsgPacket.parse(new byte[0])).hasMessage("empty");
  }

  @Test
  void encodeIsTheInverseOfParse() throws Exception {
    byte[] wire =
        bytes(
            "1_iptux 0.8.3:1:root:vm:257:\\xc6\\xf3\\xb6\\xec\\0\\xd7\\xe9\\0icon-tux.png\\0utf-8\\0");
    assertThat(IpmsgPacket.parse(wire).encode()).isEqualTo(wire);
  }

  @Test
  void printableEscapesTerminalControls() {
    assertThat(IpmsgText.printable("hi\u001b[2Jthere\nok\u202e"))
        .isEqualTo("hi\\x1b[2Jthere\nok\\u{202e}");
    assertThat(IpmsgText.printable("普通")).isEqualTo("普通");
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
