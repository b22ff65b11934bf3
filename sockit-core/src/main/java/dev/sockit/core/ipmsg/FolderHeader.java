package dev.sockit.core.ipmsg;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * One record of a folder transfer ({@link IpmsgCommand#GETDIRFILES}): {@code
 * headerSize:name:size:attr[:14=mtime...]:} followed by {@code size} bytes of content for a file.
 * {@code headerSize} is in hex and counts the whole header, its own digits included; a folder
 * record opens a folder, and a {@link Attachment#RETPARENT} record (named {@code .}) closes it.
 *
 * @param name the name as sent (one path component; unchecked)
 * @param size the content size in bytes (0 for folders)
 * @param attr the attribute word; its low 8 bits are the type
 * @param mtime the modification time in seconds (from the {@code 14=} extended attribute), or 0
 */
public record FolderHeader(String name, long size, long attr, long mtime) {
  /** The longest header accepted, in bytes. */
  public static final int MAX_HEADER = 4096;

  /** Requires the name and non-negative numbers. */
  public FolderHeader {
    Objects.requireNonNull(name, "name");
    if (size < 0 || attr < 0 || mtime < 0) {
      throw new IllegalArgumentException("negative number in folder header '" + name + "'");
    }
  }

  /** The type: the low 8 bits of {@link #attr()}. */
  public int type() {
    return (int) (attr & 0xFF);
  }

  /**
   * The header size a record starts with: the hex digits before the first colon.
   *
   * @param bytes the bytes read so far
   * @param length how many
   * @return the size, 0 when no colon has arrived yet, or -1 when the start is not a hex size of at
   *     most {@link #MAX_HEADER}
   */
  public static int headerSize(byte[] bytes, int length) {
    for (int i = 0; i < length && i <= 8; i++) {
      if (bytes[i] == ':') {
        long v = Attachment.hex(new String(bytes, 0, i, StandardCharsets.US_ASCII));
        return v <= i || v > MAX_HEADER ? -1 : (int) v;
      }
    }
    return length > 8 ? -1 : 0;
  }

  /**
   * Reads a complete header.
   *
   * @param bytes the header's bytes (exactly {@code headerSize} of them)
   * @param charset the charset of the name
   * @return the header
   * @throws MalformedPacketException naming what is wrong
   */
  public static FolderHeader parse(byte[] bytes, Charset charset) throws MalformedPacketException {
    String s = new String(bytes, charset);
    int colon = s.indexOf(':');
    if (colon < 0) {
      throw new MalformedPacketException("folder header without a size field");
    }
    String[] name = Attachment.escapedField(s, colon + 1, Attachment.MAX_NAME);
    if (name == null || name[0].isEmpty()) {
      throw new MalformedPacketException("folder header without a name");
    }
    String[] rest = s.substring(Integer.parseInt(name[1])).split(":", -1);
    if (rest.length < 2) {
      throw new MalformedPacketException("folder header '" + name[0] + "' without size or type");
    }
    long size = Attachment.hex(rest[0]);
    long attr = Attachment.hex(rest[1]);
    if (size < 0 || attr < 0) {
      throw new MalformedPacketException("folder header '" + name[0] + "': bad size or type");
    }
    long mtime = 0;
    for (int i = 2; i < rest.length; i++) {
      int eq = rest[i].indexOf('=');
      if (eq > 0 && Attachment.hex(rest[i].substring(0, eq)) == 0x14) {
        mtime = Math.max(0, Attachment.hex(rest[i].substring(eq + 1)));
      }
    }
    return new FolderHeader(name[0], size, attr, mtime);
  }

  /**
   * The header as it is sent, its size field four hex digits wide (wider if ever needed).
   *
   * @param charset the charset for the name
   * @return the bytes
   */
  public byte[] encode(Charset charset) {
    String body =
        ':'
            + Attachment.escape(name)
            + ':'
            + Long.toHexString(size)
            + ':'
            + Long.toHexString(attr)
            + ':'
            + (mtime > 0 ? "14=" + Long.toHexString(mtime) + ':' : "");
    byte[] tail = body.getBytes(charset);
    int total = tail.length + 4;
    String digits = String.format(Locale.ROOT, "%04x", total);
    if (digits.length() > 4) {
      total = tail.length + digits.length();
      digits = String.format(Locale.ROOT, "%0" + digits.length() + "x", total);
    }
    byte[] out = new byte[total];
    System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, out, 0, digits.length());
    System.arraycopy(tail, 0, out, digits.length(), tail.length);
    return out;
  }
}
