package dev.sockit.core.ipmsg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * The parsers on arbitrary bytes, as a stranger on the LAN may send them: nothing escapes but
 * {@link MalformedPacketException}, and what comes out is bounded by what went in.
 */
class IpmsgPropertyTest {
  private static final Charset[] LEGACY = {
    IpmsgText.GB18030, IpmsgText.CP932, StandardCharsets.UTF_8, Charset.forName("GBK")
  };

  @Property(tries = 3000)
  void arbitraryBytesParseOrAreRefusedAndBodiesNeverThrow(
      @ForAll("datagrams") byte[] data, @ForAll("charsetIndex") int legacy) {
    IpmsgPacket p;
    try {
      p = IpmsgPacket.parse(data);
    } catch (MalformedPacketException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
      return;
    }
    assertThat(p.version().length()).isLessThanOrEqualTo(IpmsgPacket.MAX_VERSION);
    assertThat(p.user().length + p.host().length + p.extraLength()).isLessThan(data.length);
    IpmsgBody body = IpmsgBody.of(p, null, LEGACY[legacy]);
    switch (body) {
      case IpmsgBody.Entry e -> assertThat(e.nick().length()).isLessThanOrEqualTo(data.length);
      case IpmsgBody.Message m -> {
        assertThat(m.text().length()).isLessThanOrEqualTo(data.length);
        assertThat(m.attachments().size())
            .isLessThanOrEqualTo(Math.min(Attachment.MAX_ENTRIES, data.length / 8 + 1));
      }
      case IpmsgBody.Reference r -> assertThat(r.raw().length()).isLessThanOrEqualTo(64);
      case IpmsgBody.FileRequest f -> assertThat(f.fileId().length()).isLessThanOrEqualTo(128);
      case IpmsgBody.Text t -> assertThat(t.text().length()).isLessThanOrEqualTo(data.length);
      case IpmsgBody.Opaque o -> assertThat(o.length()).isEqualTo(p.extraLength());
    }
    assertThat(IpmsgCommand.describe(p.command())).isNotEmpty();
  }

  @Property(tries = 2000)
  void wellFormedPacketsSurviveEncodeAndParse(@ForAll("packets") IpmsgPacket p)
      throws MalformedPacketException {
    assertThat(IpmsgPacket.parse(p.encode())).isEqualTo(p);
  }

  @Property(tries = 2000)
  void attachmentListsSurviveFormatAndParse(@ForAll("attachmentLists") List<Attachment> files) {
    StringBuilder sb = new StringBuilder();
    files.forEach(a -> sb.append(a.format()));
    assertThat(Attachment.parseList(sb.toString())).isEqualTo(files);
  }

  @Property(tries = 2000)
  void attachmentParsingOfAnyTextIsBounded(@ForAll @StringLength(max = 3000) String section) {
    List<Attachment> files = Attachment.parseList(section);
    assertThat(files.size()).isLessThanOrEqualTo(section.length() / 8 + 1);
    files.forEach(a -> assertThat(a.name()).isNotEmpty());
  }

  @Property(tries = 1000)
  void folderHeadersOfAnyBytesParseOrAreRefused(@ForAll @Size(max = 300) byte[] data) {
    int size = FolderHeader.headerSize(data, data.length);
    assertThat(size).isBetween(-1, FolderHeader.MAX_HEADER);
    try {
      FolderHeader h = FolderHeader.parse(data, IpmsgText.GB18030);
      assertThat(h.name()).isNotEmpty();
    } catch (MalformedPacketException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 1000)
  void textDecodesBackFromUtf8AndFromTheCodePageWhenItIsNotAlsoUtf8(
      @ForAll @StringLength(min = 1, max = 40) String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    if (new String(utf8, StandardCharsets.UTF_8).equals(text)) {
      assertThat(IpmsgText.decode(utf8, false, IpmsgText.GB18030, IpmsgText.GB18030).text())
          .isEqualTo(text);
    }
    byte[] gb = text.getBytes(IpmsgText.GB18030);
    boolean alsoUtf8 = IpmsgText.strict(gb, 0, gb.length, StandardCharsets.UTF_8) != null;
    if (new String(gb, IpmsgText.GB18030).equals(text) && !alsoUtf8) {
      assertThat(IpmsgText.decode(gb, false, IpmsgText.GB18030, IpmsgText.GB18030).text())
          .isEqualTo(text);
      assertThat(IpmsgText.decode(gb, false, null, IpmsgText.GB18030).text()).isEqualTo(text);
    }
  }

  @Provide
  Arbitrary<Integer> charsetIndex() {
    return Arbitraries.integers().between(0, LEGACY.length - 1);
  }

  /** Random bytes, and bytes that look like packets: five colons with random fields between. */
  @Provide
  Arbitrary<byte[]> datagrams() {
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
    Arbitrary<String> field =
        Arbitraries.strings().withChars("0123456789:\0\u0007abcxyz#_ 飞秋").ofMaxLength(12);
    Arbitrary<byte[]> shaped =
        Combinators.combine(field.list().ofMinSize(4).ofMaxSize(9), raw)
            .as(
                (fields, tail) -> {
                  byte[] head = String.join(":", fields).getBytes(StandardCharsets.UTF_8);
                  byte[] out = new byte[head.length + 1 + tail.length];
                  System.arraycopy(head, 0, out, 0, head.length);
                  out[head.length] = ':';
                  System.arraycopy(tail, 0, out, head.length + 1, tail.length);
                  return out;
                });
    Arbitrary<byte[]> plausible =
        Combinators.combine(
                Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.longs().between(0, 0xFFFFFFFFL),
                raw)
            .as(
                (no, cmd, tail) -> {
                  byte[] head =
                      ("1:" + no + ":u:h:" + cmd + ":").getBytes(StandardCharsets.US_ASCII);
                  byte[] out = new byte[head.length + tail.length];
                  System.arraycopy(head, 0, out, 0, head.length);
                  System.arraycopy(tail, 0, out, head.length, tail.length);
                  return out;
                });
    return Arbitraries.oneOf(raw, shaped, plausible);
  }

  @Provide
  Arbitrary<IpmsgPacket> packets() {
    Arbitrary<String> version =
        Arbitraries.strings()
            .withCharRange('!', '~')
            .excludeChars(':')
            .ofMinLength(1)
            .ofMaxLength(40);
    Arbitrary<byte[]> name =
        Arbitraries.bytes().filter(b -> b != ':' && b != 0).array(byte[].class).ofMaxSize(30);
    Arbitrary<byte[]> extra = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    return Combinators.combine(
            version,
            Arbitraries.longs().between(0, Long.MAX_VALUE),
            name,
            name,
            Arbitraries.longs().between(0, 0xFFFFFFFFL),
            extra)
        .as(IpmsgPacket::new);
  }

  @Provide
  Arbitrary<List<Attachment>> attachmentLists() {
    Arbitrary<String> names =
        Arbitraries.strings().withChars("abc:./ 文件\u00e9-_").ofMinLength(1).ofMaxLength(20);
    Arbitrary<Attachment> one =
        Combinators.combine(
                Arbitraries.longs().between(0, 1L << 40),
                names,
                Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.longs().between(0, 0xFFFFFFFFL),
                Arbitraries.longs().between(0, 0xFFFFFFFFL))
            .as(Attachment::new);
    return one.list().ofMaxSize(12);
  }
}
