package dev.sockit.core.ipmsg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The command words and extra sections of the packets sockit writes. */
final class Compose {
  private Compose() {}

  /**
   * An entry, answer, absence or exit: {@code CAPUTF8OPT} always (sockit reads UTF-8), {@code
   * UTF8OPT} when the text is UTF-8, {@code ABSENCEOPT} when absent.
   */
  static long entryCommand(int mode, boolean absent, Charset charset) {
    long command = mode | IpmsgCommand.CAPUTF8OPT | (absent ? IpmsgCommand.ABSENCEOPT : 0);
    return charset.equals(StandardCharsets.UTF_8) ? command | IpmsgCommand.UTF8OPT : command;
  }

  /**
   * {@code nick\0group\0} in {@code charset}, then the IPMsg UTF-8 extension {@code
   * \nUN:user\nHN:host\nNN:nick\nGN:group\n} and a NUL; an exit carries only the NUL.
   */
  static byte[] entryExtra(int mode, LanOptions o, Charset charset) {
    ByteArrayOutputStream extra = new ByteArrayOutputStream();
    if (mode != IpmsgCommand.BR_EXIT) {
      extra.writeBytes(IpmsgText.encode(o.nick(), charset));
      extra.write(0);
      extra.writeBytes(IpmsgText.encode(o.group(), charset));
      extra.write(0);
      String ext =
          "\nUN:" + o.user() + "\nHN:" + o.host() + "\nNN:" + o.nick() + "\nGN:" + o.group() + "\n";
      extra.writeBytes(ext.getBytes(StandardCharsets.UTF_8));
    }
    extra.write(0);
    return extra.toByteArray();
  }

  /** A message asking for acknowledgement; sealed ones ask for a read receipt too. */
  static long messageCommand(boolean seal, boolean files, Charset charset) {
    long command = IpmsgCommand.SENDMSG | IpmsgCommand.SENDCHECKOPT;
    if (seal) {
      command |= IpmsgCommand.SECRETOPT | IpmsgCommand.READCHECKOPT;
    }
    if (files) {
      command |= IpmsgCommand.FILEATTACHOPT;
    }
    return charset.equals(StandardCharsets.UTF_8) ? command | IpmsgCommand.UTF8OPT : command;
  }

  /** {@code text\0}, then the offered files and a NUL when there are any. */
  static byte[] messageExtra(String text, List<Attachment> files, Charset charset) {
    ByteArrayOutputStream extra = new ByteArrayOutputStream();
    extra.writeBytes(IpmsgText.encode(text.replace('\0', ' '), charset));
    extra.write(0);
    if (!files.isEmpty()) {
      StringBuilder list = new StringBuilder();
      files.forEach(f -> list.append(f.format()));
      extra.writeBytes(IpmsgText.encode(list.toString(), charset));
      extra.write(0);
    }
    return extra.toByteArray();
  }

  /** A packet number in decimal and a NUL: the extra of {@code RECVMSG}, {@code READMSG}... */
  static byte[] reference(long packetNo) {
    return (packetNo + "\0").getBytes(StandardCharsets.US_ASCII);
  }
}
