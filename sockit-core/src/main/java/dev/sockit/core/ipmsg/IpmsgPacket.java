package dev.sockit.core.ipmsg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One IPMsg packet, {@code version:packetNo:user:host:command:extra}, as bytes: the user, host and
 * extra sections are kept undecoded because their encoding (GBK, UTF-8, CP932...) is only known
 * from the options and from who sent them; {@link IpmsgText} decodes them.
 *
 * <p>{@link #parse(byte[])} is tolerant of what real clients send (a missing extra section, spaces
 * around numbers, FeiQ's long version field) and strict about size: every header field is bounded,
 * so a stranger's datagram costs at most its own length.
 *
 * @param version the version field, e.g. {@code 1}, {@code 1_iptux 0.8.3} or FeiQ's {@code
 *     1_lbt6_0#128#MAC#...} (read as ISO-8859-1, so any bytes survive)
 * @param packetNo the packet number, a decimal number chosen by the sender
 * @param user the sender's login name, undecoded
 * @param host the sender's host name, undecoded
 * @param command the command word: mode and options (see {@link IpmsgCommand})
 * @param extra everything after the fifth colon, undecoded, including any NUL bytes
 */
public record IpmsgPacket(
    String version, long packetNo, byte[] user, byte[] host, long command, byte[] extra) {
  /** The largest version field accepted. */
  public static final int MAX_VERSION = 256;

  /** The largest user or host field accepted. */
  public static final int MAX_NAME = 256;

  /** The largest datagram accepted: a UDP datagram over IPv4. */
  public static final int MAX_DATAGRAM = 65_507;

  /**
   * Validates and copies the fields.
   *
   * @throws IllegalArgumentException if a field is too long, contains a colon where none may be, or
   *     a number is out of range
   */
  public IpmsgPacket {
    Objects.requireNonNull(version, "version");
    user = Objects.requireNonNull(user, "user").clone();
    host = Objects.requireNonNull(host, "host").clone();
    extra = Objects.requireNonNull(extra, "extra").clone();
    if (version.length() > MAX_VERSION || version.indexOf(':') >= 0) {
      throw new IllegalArgumentException("the version field is too long or contains ':'");
    }
    if (user.length > MAX_NAME
        || host.length > MAX_NAME
        || contains(user, ':')
        || contains(host, ':')) {
      throw new IllegalArgumentException(
          "user and host must be at most " + MAX_NAME + " bytes without ':'");
    }
    if (packetNo < 0) {
      throw new IllegalArgumentException("packet number " + packetNo + " is negative");
    }
    if (command < 0 || command > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("command " + command + " is not a 32-bit word");
    }
  }

  @Override
  public byte[] user() {
    return user.clone();
  }

  @Override
  public byte[] host() {
    return host.clone();
  }

  @Override
  public byte[] extra() {
    return extra.clone();
  }

  /** The mode: the low 8 bits of the command. */
  public int mode() {
    return IpmsgCommand.mode(command);
  }

  /**
   * Whether every bit of {@code option} is set in the command.
   *
   * @param option option bits
   * @return whether all are set
   */
  public boolean has(long option) {
    return IpmsgCommand.has(command, option);
  }

  /** The number of bytes in the extra section. */
  public int extraLength() {
    return extra.length;
  }

  /** The user field as ISO-8859-1 (lossless); use {@link IpmsgText} to read it as text. */
  String userLatin1() {
    return new String(user, StandardCharsets.ISO_8859_1);
  }

  /** The host field as ISO-8859-1 (lossless). */
  String hostLatin1() {
    return new String(host, StandardCharsets.ISO_8859_1);
  }

  /**
   * The packet as it goes on the wire.
   *
   * @return {@code version:packetNo:user:host:command:extra}
   */
  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + user.length + extra.length);
    out.writeBytes(version.getBytes(StandardCharsets.ISO_8859_1));
    out.write(':');
    out.writeBytes(Long.toString(packetNo).getBytes(StandardCharsets.US_ASCII));
    out.write(':');
    out.writeBytes(user);
    out.write(':');
    out.writeBytes(host);
    out.write(':');
    out.writeBytes(Long.toString(command).getBytes(StandardCharsets.US_ASCII));
    out.write(':');
    out.writeBytes(extra);
    return out.toByteArray();
  }

  /**
   * Reads a packet from a datagram (or the start of a TCP request).
   *
   * @param data the bytes
   * @return the packet
   * @throws MalformedPacketException naming what is wrong: fewer than five fields, a field too
   *     long, a packet number or command that is not a decimal number
   */
  public static IpmsgPacket parse(byte[] data) throws MalformedPacketException {
    Objects.requireNonNull(data, "data");
    return parse(data, data.length);
  }

  /**
   * Reads a packet from the first {@code length} bytes of {@code data}.
   *
   * @param data the bytes
   * @param length how many of them
   * @return the packet
   * @throws MalformedPacketException naming what is wrong
   */
  public static IpmsgPacket parse(byte[] data, int length) throws MalformedPacketException {
    Objects.checkFromIndexSize(0, length, data.length);
    if (length > MAX_DATAGRAM) {
      throw new MalformedPacketException(
          length + " bytes is more than one datagram (" + MAX_DATAGRAM + ")");
    }
    if (length == 0) {
      throw new MalformedPacketException("empty");
    }
    int[] colons = new int[5];
    int found = 0;
    for (int i = 0; i < length && found < 5; i++) {
      if (data[i] == ':') {
        colons[found++] = i;
      } else if (data[i] == 0) {
        if (found < 4) {
          throw new MalformedPacketException(
              "a NUL byte inside the header (field " + (found + 1) + ")");
        }
        break; // a command ended by NUL, without a fifth colon
      }
    }
    if (found < 4) {
      throw new MalformedPacketException(
          "only " + (found + 1) + " of the 5 header fields (version:packetNo:user:host:command)");
    }
    int commandEnd = found == 5 ? colons[4] : commandEnd(data, colons[3] + 1, length);
    if (colons[0] > MAX_VERSION) {
      throw new MalformedPacketException("version field longer than " + MAX_VERSION + " bytes");
    }
    if (colons[2] - colons[1] - 1 > MAX_NAME || colons[3] - colons[2] - 1 > MAX_NAME) {
      throw new MalformedPacketException("user or host field longer than " + MAX_NAME + " bytes");
    }
    String version = new String(data, 0, colons[0], StandardCharsets.ISO_8859_1);
    long packetNo = number(data, colons[0] + 1, colons[1], "packet number", Long.MAX_VALUE);
    byte[] user = Arrays.copyOfRange(data, colons[1] + 1, colons[2]);
    byte[] host = Arrays.copyOfRange(data, colons[2] + 1, colons[3]);
    long command = number(data, colons[3] + 1, commandEnd, "command", 0xFFFFFFFFL);
    byte[] extra = found == 5 ? Arrays.copyOfRange(data, colons[4] + 1, length) : new byte[0];
    return new IpmsgPacket(version, packetNo, user, host, command, extra);
  }

  /** Where a command without a fifth colon ends: at a NUL or at the end. */
  private static int commandEnd(byte[] data, int from, int length) {
    for (int i = from; i < length; i++) {
      if (data[i] == 0) {
        return i;
      }
    }
    return length;
  }

  private static long number(byte[] data, int from, int to, String what, long max)
      throws MalformedPacketException {
    while (from < to && data[from] == ' ') {
      from++;
    }
    while (to > from && data[to - 1] == ' ') {
      to--;
    }
    if (from == to) {
      throw new MalformedPacketException("the " + what + " is empty");
    }
    if (to - from > 19) {
      throw new MalformedPacketException("the " + what + " has more than 19 digits");
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int d = data[i] - '0';
      if (d < 0 || d > 9) {
        throw new MalformedPacketException(
            "the " + what + " '" + printable(data, from, to) + "' is not a decimal number");
      }
      value = value * 10 + d;
      if (value < 0 || value > max) {
        throw new MalformedPacketException("the " + what + " is out of range");
      }
    }
    return value;
  }

  private static String printable(byte[] data, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to && sb.length() < 40; i++) {
      int b = data[i] & 0xFF;
      sb.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02x", b));
    }
    return sb.toString();
  }

  private static boolean contains(byte[] bytes, int b) {
    for (byte x : bytes) {
      if (x == b) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpmsgPacket p
        && version.equals(p.version)
        && packetNo == p.packetNo
        && command == p.command
        && Arrays.equals(user, p.user)
        && Arrays.equals(host, p.host)
        && Arrays.equals(extra, p.extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, packetNo, command, Arrays.hashCode(user), Arrays.hashCode(host))
            * 31
        + Arrays.hashCode(extra);
  }

  @Override
  public String toString() {
    return version
        + ":"
        + packetNo
        + ":"
        + userLatin1()
        + ":"
        + hostLatin1()
        + ":"
        + IpmsgCommand.describe(command)
        + ": ("
        + extra.length
        + " bytes)";
  }
}
