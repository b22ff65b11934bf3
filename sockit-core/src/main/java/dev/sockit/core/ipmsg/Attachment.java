package dev.sockit.core.ipmsg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One file or folder offered in a message ({@link IpmsgCommand#FILEATTACHOPT}): {@code
 * fileID:name:size:mtime:attr[:extended...]:} with size, mtime and attr in hex and a colon in the
 * name written twice. Entries are separated by a BEL byte ({@code \a}), which some clients follow
 * or precede with a colon.
 *
 * @param fileId the number the sender gave the file (written in decimal in offers by IPMsg and
 *     iptux, and in hex in requests; {@link #parseList} also reads an id with hex letters)
 * @param name the name as offered, unchecked (a stranger may offer {@code ../x}: the download
 *     checks it)
 * @param size the size in bytes (for a folder: what the sender says, often 0)
 * @param mtime the modification time in seconds since 1970, or 0
 * @param attr the attribute word: the low 8 bits are the type ({@link #REGULAR}, {@link
 *     #FOLDER}...)
 */
public record Attachment(long fileId, String name, long size, long mtime, long attr) {
  /** Type of a regular file. */
  public static final int REGULAR = 1;

  /** Type of a folder. */
  public static final int FOLDER = 2;

  /** Type of the "back to the parent folder" record of a folder transfer. */
  public static final int RETPARENT = 3;

  /** Type of a symbolic link. */
  public static final int SYMLINK = 4;

  /** The most entries one offer may list. */
  public static final int MAX_ENTRIES = 1000;

  /** The longest name accepted, in characters. */
  public static final int MAX_NAME = 1024;

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if a number is negative or the name empty or too long
   */
  public Attachment {
    Objects.requireNonNull(name, "name");
    if (fileId < 0 || size < 0 || mtime < 0 || attr < 0) {
      throw new IllegalArgumentException("negative number in attachment '" + name + "'");
    }
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw new IllegalArgumentException("attachment name empty or over " + MAX_NAME + " chars");
    }
  }

  /** The type: the low 8 bits of {@link #attr()}. */
  public int type() {
    return (int) (attr & 0xFF);
  }

  /** Whether this is a folder. */
  public boolean isFolder() {
    return type() == FOLDER;
  }

  /** Whether this is a regular file. */
  public boolean isFile() {
    return type() == REGULAR;
  }

  /**
   * The entry as it is written in an offer, terminated by {@code :\a}.
   *
   * @return {@code fileID:name:size:mtime:attr:\a}
   */
  public String format() {
    return Long.toString(fileId)
        + ':'
        + escape(name)
        + ':'
        + Long.toHexString(size)
        + ':'
        + Long.toHexString(mtime)
        + ':'
        + Long.toHexString(attr)
        + ":\u0007";
  }

  /**
   * A name with each colon doubled, as offers and folder headers write it.
   *
   * @param name the name
   * @return the escaped name
   */
  public static String escape(String name) {
    return name.replace(":", "::");
  }

  /**
   * Reads the file list of an offer (the text after the message's first NUL). Parsing stops at the
   * first entry that is not well formed, keeping those before it (as iptux does), and after {@link
   * #MAX_ENTRIES} entries.
   *
   * @param section the decoded section
   * @return the entries, possibly empty
   */
  public static List<Attachment> parseList(String section) {
    Objects.requireNonNull(section, "section");
    List<Attachment> list = new ArrayList<>();
    int pos = 0;
    int n = section.length();
    while (pos < n && list.size() < MAX_ENTRIES) {
      while (pos < n && (section.charAt(pos) == ':' || section.charAt(pos) == '\u0007')) {
        pos++; // the separators clients put around BEL: "\a", ":\a", "\a:", ":\a:"
      }
      if (pos >= n || section.charAt(pos) == 0) {
        break;
      }
      Cursor c = new Cursor(section, pos);
      Attachment a = c.entry();
      if (a == null) {
        break;
      }
      list.add(a);
      int bel = section.indexOf('\u0007', c.pos);
      if (bel < 0) {
        break;
      }
      pos = bel + 1;
    }
    return List.copyOf(list);
  }

  /**
   * Reads one field terminated by a single colon, reading {@code ::} as a colon.
   *
   * @return the field and the index after its terminating colon, or {@code null} when the text ends
   *     (or reaches a BEL) first or the field exceeds {@code max} characters
   */
  static String[] escapedField(String s, int from, int max) {
    StringBuilder sb = new StringBuilder();
    int i = from;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ':') {
        if (i + 1 < s.length() && s.charAt(i + 1) == ':') {
          sb.append(':');
          i += 2;
          continue;
        }
        return new String[] {sb.toString(), Integer.toString(i + 1)};
      }
      if (c == '\u0007' || c == 0 || sb.length() >= max) {
        return null;
      }
      sb.append(c);
      i++;
    }
    return null;
  }

  /** Parses a hex number of at most 16 digits, or -1. */
  static long hex(String s) {
    String t = s.strip();
    if (t.startsWith("0x") || t.startsWith("0X")) {
      t = t.substring(2);
    }
    if (t.isEmpty() || t.length() > 16) {
      return -1;
    }
    try {
      long v = Long.parseUnsignedLong(t.toLowerCase(Locale.ROOT), 16);
      return v < 0 ? -1 : v;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A file id: decimal when it is all digits, else hex; -1 when neither. */
  static long fileId(String s) {
    String t = s.strip();
    if (!t.isEmpty() && t.length() <= 18 && t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      return Long.parseLong(t);
    }
    return hex(t);
  }

  /** Reads the fields of one entry. */
  private static final class Cursor {
    private final String s;
    private int pos;

    Cursor(String s, int pos) {
      this.s = s;
      this.pos = pos;
    }

    private String plain() {
      int colon = s.indexOf(':', pos);
      int bel = s.indexOf('\u0007', pos);
      if (colon < 0 || (bel >= 0 && bel < colon) || colon - pos > 40) {
        return null;
      }
      String field = s.substring(pos, colon);
      pos = colon + 1;
      return field;
    }

    Attachment entry() {
      String id = plain();
      if (id == null) {
        return null;
      }
      String[] name = escapedField(s, pos, MAX_NAME);
      if (name == null) {
        return null;
      }
      pos = Integer.parseInt(name[1]);
      String size = plain();
      String mtime = size == null ? null : plain();
      String attr = mtime == null ? null : attrField();
      if (attr == null) {
        return null;
      }
      long fileId = fileId(id);
      long sz = hex(size);
      long mt = mtime.isBlank() ? 0 : hex(mtime);
      long at = hex(attr);
      if (fileId < 0 || sz < 0 || mt < 0 || at < 0 || name[0].isEmpty()) {
        return null;
      }
      return new Attachment(fileId, name[0], sz, mt, at);
    }

    /** The attribute: up to the next colon, BEL or end (some clients omit the last colon). */
    private String attrField() {
      int end = pos;
      while (end < s.length()
          && s.charAt(end) != ':'
          && s.charAt(end) != '\u0007'
          && s.charAt(end) != 0) {
        end++;
      }
      if (end - pos > 16) {
        return null;
      }
      String field = s.substring(pos, end);
      pos = end;
      return field;
    }
  }
}
