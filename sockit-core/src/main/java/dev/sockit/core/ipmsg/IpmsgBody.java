package dev.sockit.core.ipmsg;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the extra section of a packet says, read by its mode: the closed set of bodies every view
 * and the engine consume with an exhaustive {@code switch}.
 */
public sealed interface IpmsgBody {
  /** The charset the text was read with, or {@code null} when it was ASCII or there was none. */
  Charset charset();

  /**
   * An entry, answer to an entry, absence or exit: {@code nick\0group} and what follows.
   *
   * @param nick the nickname (the {@code NN:} line of the UTF-8 extension wins when present)
   * @param group the group name (likewise {@code GN:})
   * @param extension the IPMsg UTF-8 extension {@code \nUN:user\nHN:host\nNN:nick\nGN:group\n} as
   *     key/value pairs, empty when absent
   * @param iptuxEncoding the encoding iptux names in its fourth field ({@code utf-8}), or empty
   * @param charset the charset the nickname was read with
   */
  record Entry(
      String nick,
      String group,
      Map<String, String> extension,
      String iptuxEncoding,
      Charset charset)
      implements IpmsgBody {
    /** Copies the extension map. */
    public Entry {
      Objects.requireNonNull(nick, "nick");
      Objects.requireNonNull(group, "group");
      extension = Map.copyOf(extension);
      Objects.requireNonNull(iptuxEncoding, "iptuxEncoding");
    }
  }

  /**
   * A message: its text up to the first NUL and, with {@link IpmsgCommand#FILEATTACHOPT}, the
   * offered files after it.
   *
   * @param text the text
   * @param attachments the offered files and folders
   * @param charset the charset the text was read with
   */
  record Message(String text, List<Attachment> attachments, Charset charset) implements IpmsgBody {
    /** Copies the list. */
    public Message {
      Objects.requireNonNull(text, "text");
      attachments = List.copyOf(attachments);
    }
  }

  /**
   * A reference to an earlier packet ({@code RECVMSG}, {@code READMSG}, {@code ANSREADMSG}, {@code
   * DELMSG}, {@code RELEASEFILES}): its packet number in decimal.
   *
   * @param packetNo the packet referred to, or -1 when the section is not a number
   * @param raw the section as text
   */
  record Reference(long packetNo, String raw) implements IpmsgBody {
    /** Requires the raw text. */
    public Reference {
      Objects.requireNonNull(raw, "raw");
    }

    @Override
    public Charset charset() {
      return null;
    }
  }

  /**
   * A request for file data over TCP: {@code packetNo:fileId:offset} in hex ({@code GETFILEDATA}),
   * or {@code packetNo:fileId} for a folder ({@code GETDIRFILES}).
   *
   * @param packetNo the offer's packet number, or -1 when unreadable
   * @param fileId the file id as written (hex by the draft; some clients write decimal)
   * @param offset where to start, 0 when absent, -1 when unreadable
   */
  record FileRequest(long packetNo, String fileId, long offset) implements IpmsgBody {
    /** Requires the file id text. */
    public FileRequest {
      Objects.requireNonNull(fileId, "fileId");
    }

    @Override
    public Charset charset() {
      return null;
    }
  }

  /**
   * Text with no further structure: {@code GETINFO}/{@code SENDINFO}, absence info, and the modes
   * sockit does not act on.
   *
   * @param text the text up to the first NUL
   * @param charset the charset it was read with
   */
  record Text(String text, Charset charset) implements IpmsgBody {
    /** Requires the text. */
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A body sockit does not read (images, icons, encrypted text): only its size.
   *
   * @param length the extra section's length in bytes
   */
  record Opaque(int length) implements IpmsgBody {
    @Override
    public Charset charset() {
      return null;
    }
  }

  /**
   * Reads the body of {@code packet}.
   *
   * @param packet the packet
   * @param hint the charset this peer was seen to use, or {@code null}
   * @param legacy the code page to fall back to
   * @return the body
   */
  static IpmsgBody of(IpmsgPacket packet, Charset hint, Charset legacy) {
    Objects.requireNonNull(packet, "packet");
    Objects.requireNonNull(legacy, "legacy");
    byte[] extra = packet.extra();
    boolean utf8 = packet.has(IpmsgCommand.UTF8OPT);
    return switch (packet.mode()) {
      case IpmsgCommand.BR_ENTRY,
          IpmsgCommand.ANSENTRY,
          IpmsgCommand.BR_ABSENCE,
          IpmsgCommand.BR_EXIT ->
          entry(extra, utf8, hint, legacy);
      case IpmsgCommand.SENDMSG -> message(packet, extra, utf8, hint, legacy);
      case IpmsgCommand.RECVMSG,
          IpmsgCommand.READMSG,
          IpmsgCommand.ANSREADMSG,
          IpmsgCommand.DELMSG,
          IpmsgCommand.RELEASEFILES ->
          reference(extra);
      case IpmsgCommand.GETFILEDATA, IpmsgCommand.GETDIRFILES -> fileRequest(extra);
      case IpmsgCommand.NOOPERATION,
          IpmsgCommand.GETINFO,
          IpmsgCommand.SENDINFO,
          IpmsgCommand.GETABSENCEINFO,
          IpmsgCommand.SENDABSENCEINFO,
          IpmsgCommand.IPTUX_ASKSHARED,
          0xFB, // iptux's group message
          0xFC -> // iptux's signature
          text(extra, utf8, hint, legacy);
      default -> new Opaque(extra.length);
    };
  }

  /** The NUL-separated fields of {@code extra} (at most {@code max}), as index pairs. */
  private static List<int[]> fields(byte[] extra, int max) {
    List<int[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= extra.length && out.size() < max; i++) {
      if (i == extra.length || extra[i] == 0) {
        out.add(new int[] {start, i});
        start = i + 1;
      }
    }
    return out;
  }

  private static Entry entry(byte[] extra, boolean utf8, Charset hint, Charset legacy) {
    List<int[]> f = fields(extra, 6);
    IpmsgText.Decoded nick = decode(extra, f, 0, utf8, hint, legacy);
    IpmsgText.Decoded group =
        decode(extra, f, 1, utf8, nick.charset() != null ? nick.charset() : hint, legacy);
    Map<String, String> ext = new LinkedHashMap<>();
    String iptuxEncoding = "";
    for (int i = 2; i < f.size(); i++) {
      int[] r = f.get(i);
      if (r[1] > r[0] && extra[r[0]] == '\n') {
        String lines = new String(extra, r[0], Math.min(r[1] - r[0], 2048), StandardCharsets.UTF_8);
        for (String line : lines.split("\n")) {
          int colon = line.indexOf(':');
          if (colon == 2 && ext.size() < 16) {
            ext.putIfAbsent(line.substring(0, 2), line.substring(3));
          }
        }
      } else if (i == 3 && r[1] - r[0] <= 32 && IpmsgText.isAscii(extra, r[0], r[1])) {
        iptuxEncoding = new String(extra, r[0], r[1] - r[0], StandardCharsets.US_ASCII);
      }
    }
    Charset charset = nick.charset() != null ? nick.charset() : group.charset();
    String n = ext.getOrDefault("NN", nick.text());
    String g = ext.getOrDefault("GN", group.text());
    return new Entry(n, g, ext, iptuxEncoding, charset);
  }

  private static Message message(
      IpmsgPacket packet, byte[] extra, boolean utf8, Charset hint, Charset legacy) {
    List<int[]> f = fields(extra, 3);
    IpmsgText.Decoded text = decode(extra, f, 0, utf8, hint, legacy);
    Charset charset = text.charset();
    List<Attachment> files = List.of();
    if (packet.has(IpmsgCommand.FILEATTACHOPT) && f.size() > 1) {
      IpmsgText.Decoded list = decode(extra, f, 1, utf8, charset != null ? charset : hint, legacy);
      files = Attachment.parseList(list.text());
      charset = charset != null ? charset : list.charset();
    }
    return new Message(text.text(), files, charset);
  }

  private static Reference reference(byte[] extra) {
    String raw = asciiUntilNul(extra, 64);
    String digits = raw.strip();
    long n = -1;
    if (!digits.isEmpty() && digits.length() <= 19 && digits.chars().allMatch(Character::isDigit)) {
      n = Long.parseLong(digits);
    }
    return new Reference(n, raw);
  }

  private static FileRequest fileRequest(byte[] extra) {
    String raw = asciiUntilNul(extra, 128);
    String[] p = raw.split(":", -1);
    long packetNo = Attachment.hex(p[0]);
    String fileId = p.length > 1 ? p[1].strip() : "";
    long offset = p.length > 2 && !p[2].isBlank() ? Attachment.hex(p[2]) : 0;
    return new FileRequest(packetNo, fileId, offset);
  }

  private static Text text(byte[] extra, boolean utf8, Charset hint, Charset legacy) {
    IpmsgText.Decoded d = decode(extra, fields(extra, 1), 0, utf8, hint, legacy);
    return new Text(d.text(), d.charset());
  }

  private static IpmsgText.Decoded decode(
      byte[] extra, List<int[]> f, int index, boolean utf8, Charset hint, Charset legacy) {
    if (index >= f.size()) {
      return new IpmsgText.Decoded("", null);
    }
    int[] r = f.get(index);
    return IpmsgText.decode(extra, r[0], r[1], utf8, hint, legacy);
  }

  private static String asciiUntilNul(byte[] extra, int max) {
    int end = 0;
    while (end < extra.length && end < max && extra[end] != 0) {
      end++;
    }
    return new String(extra, 0, end, StandardCharsets.ISO_8859_1);
  }
}
