package dev.sockit.core.ipmsg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command word of an IPMsg packet: the low 8 bits are the mode (what the packet is), the upper
 * 24 bits are option flags. Some option bits mean different things for different modes (0x100 is
 * {@code ABSENCEOPT} on an entry and {@code SENDCHECKOPT} on a message), so {@link #describe(long)}
 * names them by the mode they came with.
 *
 * <p>Values are from the IPMsg protocol draft (modes and options), with the extensions FeiQ and
 * iptux use, named with their client's prefix.
 */
public final class IpmsgCommand {
  /** No operation. */
  public static final int NOOPERATION = 0x00;

  /** "I am here", broadcast when a client starts. */
  public static final int BR_ENTRY = 0x01;

  /** "I am leaving". */
  public static final int BR_EXIT = 0x02;

  /** The unicast answer to {@link #BR_ENTRY}. */
  public static final int ANSENTRY = 0x03;

  /** Absence or nickname change. */
  public static final int BR_ABSENCE = 0x04;

  /** A message. */
  public static final int SENDMSG = 0x20;

  /** Acknowledges a message; the extra section is its packet number. */
  public static final int RECVMSG = 0x21;

  /** A sealed message was opened (read receipt); the extra section is its packet number. */
  public static final int READMSG = 0x30;

  /** A sealed message was deleted unread. */
  public static final int DELMSG = 0x31;

  /** Acknowledges a {@link #READMSG} that asked for it. */
  public static final int ANSREADMSG = 0x32;

  /** Asks for the peer's version text. */
  public static final int GETINFO = 0x40;

  /** The answer to {@link #GETINFO}. */
  public static final int SENDINFO = 0x41;

  /** Asks for the peer's absence text. */
  public static final int GETABSENCEINFO = 0x50;

  /** The answer to {@link #GETABSENCEINFO}. */
  public static final int SENDABSENCEINFO = 0x51;

  /** Over TCP: send me the bytes of an offered file from an offset. */
  public static final int GETFILEDATA = 0x60;

  /** The offered files will not be fetched. */
  public static final int RELEASEFILES = 0x61;

  /** Over TCP: send me an offered folder. */
  public static final int GETDIRFILES = 0x62;

  /** Option on entries: the sender is absent. */
  public static final int ABSENCEOPT = 0x100;

  /** Option on messages: acknowledge with {@link #RECVMSG}. */
  public static final int SENDCHECKOPT = 0x100;

  /** Option on messages: sealed; send {@link #READMSG} when opened. */
  public static final int SECRETOPT = 0x200;

  /** Option on messages: sent to many; do not acknowledge. */
  public static final int BROADCASTOPT = 0x400;

  /** Option on messages: sent to a group. */
  public static final int MULTICASTOPT = 0x800;

  /** Option on messages: an automatic reply; never answer it automatically. */
  public static final int AUTORETOPT = 0x2000;

  /** Option on messages: a resend of an earlier packet. */
  public static final int RETRYOPT = 0x4000;

  /** Option on messages: the reader should answer {@link #READMSG} with {@link #ANSREADMSG}. */
  public static final int READCHECKOPT = 0x100000;

  /** Option: the sender uses a dial-up line (unicast entries). */
  public static final int DIALUPOPT = 0x10000;

  /** Option on messages: files are attached. */
  public static final int FILEATTACHOPT = 0x200000;

  /** Option: the text is encrypted (not supported by sockit). */
  public static final int ENCRYPTOPT = 0x400000;

  /** Option: the text of this packet is UTF-8. */
  public static final int UTF8OPT = 0x800000;

  /** Option on entries: the sender understands UTF-8. */
  public static final int CAPUTF8OPT = 0x1000000;

  /** iptux's option on a file list: shared files, not a message. */
  public static final long IPTUX_SHAREDOPT = 0x80000000L;

  /** iptux's option: the shared files need a password. */
  public static final int IPTUX_PASSWDOPT = 0x40000000;

  /** iptux's request for a peer's shared files. */
  public static final int IPTUX_ASKSHARED = 0xFF;

  private static final String[] MODE_NAMES = new String[256];

  static {
    String[][] names = {
      {"0", "NOOPERATION"},
      {"1", "BR_ENTRY"},
      {"2", "BR_EXIT"},
      {"3", "ANSENTRY"},
      {"4", "BR_ABSENCE"},
      {"16", "BR_ISGETLIST"},
      {"17", "OKGETLIST"},
      {"18", "GETLIST"},
      {"19", "ANSLIST"},
      {"24", "BR_ISGETLIST2"},
      {"32", "SENDMSG"},
      {"33", "RECVMSG"},
      {"48", "READMSG"},
      {"49", "DELMSG"},
      {"50", "ANSREADMSG"},
      {"64", "GETINFO"},
      {"65", "SENDINFO"},
      {"80", "GETABSENCEINFO"},
      {"81", "SENDABSENCEINFO"},
      {"96", "GETFILEDATA"},
      {"97", "RELEASEFILES"},
      {"98", "GETDIRFILES"},
      {"114", "GETPUBKEY"},
      {"115", "ANSPUBKEY"},
      {"119", "FEIQ_OPEN_YOU"},
      {"121", "FEIQ_INPUTTING"},
      {"122", "FEIQ_INPUT_END"},
      {"192", "FEIQ_SENDIMAGE"},
      {"209", "FEIQ_KNOCK"},
      {"251", "IPTUX_SENDMSG"},
      {"252", "IPTUX_SEND_SIGN"},
      {"253", "IPTUX_SENDSUBLAYER"},
      {"254", "IPTUX_SENDICON"},
      {"255", "IPTUX_ASKSHARED"},
    };
    for (String[] n : names) {
      MODE_NAMES[Integer.parseInt(n[0])] = n[1];
    }
  }

  /** Option names for every mode (bit, name), after the mode-specific ones. */
  private static final Named[] COMMON_OPTIONS = {
    new Named(DIALUPOPT, "DIALUPOPT"),
    new Named(FILEATTACHOPT, "FILEATTACHOPT"),
    new Named(ENCRYPTOPT, "ENCRYPTOPT"),
    new Named(UTF8OPT, "UTF8OPT"),
    new Named(CAPUTF8OPT, "CAPUTF8OPT"),
    new Named(0x4000000, "ENCEXTMSGOPT"),
    new Named(0x8000000, "CLIPBOARDOPT"),
  };

  /** Option names of message-like modes. */
  private static final Named[] SEND_OPTIONS = {
    new Named(SENDCHECKOPT, "SENDCHECKOPT"),
    new Named(SECRETOPT, "SECRETOPT"),
    new Named(BROADCASTOPT, "BROADCASTOPT"),
    new Named(MULTICASTOPT, "MULTICASTOPT"),
    new Named(0x1000, "NOPOPUPOPT"),
    new Named(AUTORETOPT, "AUTORETOPT"),
    new Named(RETRYOPT, "RETRYOPT"),
    new Named(0x8000, "PASSWORDOPT"),
    new Named(0x20000, "NOLOGOPT"),
    new Named(0x40000, "NEWMUTIOPT"),
    new Named(0x80000, "NOADDLISTOPT"),
    new Named(READCHECKOPT, "READCHECKOPT"),
    new Named(IPTUX_PASSWDOPT, "IPTUX_PASSWDOPT"),
    new Named(IPTUX_SHAREDOPT, "IPTUX_SHAREDOPT"),
  };

  /** Option names of entry modes. */
  private static final Named[] ENTRY_OPTIONS = {
    new Named(ABSENCEOPT, "ABSENCEOPT"),
    new Named(0x200, "SERVEROPT"),
    new Named(0x1000, "CAPFILEENC_OBSLT"),
    new Named(0x40000, "CAPFILEENCOPT"),
  };

  private IpmsgCommand() {}

  /** An option bit and its name. */
  private record Named(long bit, String name) {}

  /**
   * The mode: the low 8 bits.
   *
   * @param command the command word
   * @return 0-255
   */
  public static int mode(long command) {
    return (int) (command & 0xFF);
  }

  /**
   * Whether every bit of {@code option} is set.
   *
   * @param command the command word
   * @param option one or more option bits
   * @return whether they are all set
   */
  public static boolean has(long command, long option) {
    return (command & option) == option;
  }

  /**
   * The name of a mode, such as {@code SENDMSG}, or {@code 0x7b} for one no client is known to use.
   *
   * @param mode 0-255
   * @return the name
   */
  public static String modeName(int mode) {
    String name = mode >= 0 && mode < MODE_NAMES.length ? MODE_NAMES[mode] : null;
    return name != null ? name : String.format(Locale.ROOT, "0x%02x", mode & 0xFF);
  }

  /**
   * The names of the option bits set in {@code command}, in bit order, as its mode reads them; a
   * bit no client is known to use is written in hex.
   *
   * @param command the command word
   * @return the names, possibly empty
   */
  public static List<String> optionNames(long command) {
    int mode = mode(command);
    boolean entry = mode >= BR_ENTRY && mode <= BR_ABSENCE;
    long left = command & 0xFFFFFF00L;
    List<String> names = new ArrayList<>();
    for (Named[] table : new Named[][] {entry ? ENTRY_OPTIONS : SEND_OPTIONS, COMMON_OPTIONS}) {
      for (Named option : table) {
        if ((left & option.bit()) == option.bit()) {
          names.add(option.name());
          left &= ~option.bit();
        }
      }
    }
    for (long bit = 0x100; bit <= 0x80000000L; bit <<= 1) {
      if ((left & bit) != 0) {
        names.add(String.format(Locale.ROOT, "0x%x", bit));
      }
    }
    return names;
  }

  /**
   * The command word by name: its mode and its options, e.g. {@code SENDMSG|SENDCHECKOPT|UTF8OPT}.
   *
   * @param command the command word
   * @return the description
   */
  public static String describe(long command) {
    StringBuilder sb = new StringBuilder(modeName(mode(command)));
    for (String option : optionNames(command)) {
      sb.append('|').append(option);
    }
    return sb.toString();
  }
}
