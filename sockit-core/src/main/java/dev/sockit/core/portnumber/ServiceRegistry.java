package dev.sockit.core.portnumber;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A dated copy of the IANA Service Name and Transport Protocol Port Number Registry (tcp and udp
 * rows), looked up by port or by name. The bundled copy is read on first use only, so commands that
 * never ask about services do not pay for its 12,000 rows.
 *
 * <pre>{@code
 * ServiceRegistry iana = ServiceRegistry.bundled();
 * iana.byPort(22);      // [ssh 22/tcp, ssh 22/udp]
 * iana.byName("https"); // [https 443/tcp, https 443/udp]
 * iana.asOf();          // mid-2024
 * iana.latestChange();   // 2024-04-30
 * }</pre>
 */
public final class ServiceRegistry {
  private static final String RESOURCE = "service-names.tsv";

  private final String asOf;
  private final String latestChange;
  // The table stays as its UTF-8 bytes; a row becomes a ServiceEntry only when a lookup returns it
  // (decoding all 12,000 rows cost `sockit port` and `sockit scan` about 30 ms of start-up).
  private final byte[] text;
  private final int[] start;
  private final int[] nameStart;
  private final int[] nameEnd;
  private final int[] end;
  private final int[] first;
  private final int[] last;
  private final boolean[] udp;
  private final int rows;
  private volatile List<ServiceEntry> all;

  private ServiceRegistry(byte[] text) {
    this.text = text;
    int lines = 1;
    for (byte b : text) {
      if (b == '\n') {
        lines++;
      }
    }
    start = new int[lines];
    nameStart = new int[lines];
    nameEnd = new int[lines];
    end = new int[lines];
    first = new int[lines];
    last = new int[lines];
    udp = new boolean[lines];
    String asOfFound = "unknown";
    String latestFound = "unknown";
    int n = 0;
    int pos = 0;
    while (pos < text.length) {
      int eol = pos;
      while (eol < text.length && text[eol] != '\n') {
        eol++;
      }
      int stop = eol > pos && text[eol - 1] == '\r' ? eol - 1 : eol;
      if (stop > pos && text[pos] == '#') {
        String comment = new String(text, pos, stop - pos, StandardCharsets.UTF_8);
        if (comment.startsWith("# as-of: ")) {
          asOfFound = comment.substring("# as-of: ".length()).strip();
        }
        if (comment.startsWith("# latest-change: ")) {
          latestFound = comment.substring("# latest-change: ".length()).split(" ")[0];
        }
      } else if (stop > pos && !row(n, pos, stop)) {
        entry(pos, stop); // throws the reason
        throw new IllegalArgumentException(
            "malformed service row: " + new String(text, pos, stop - pos, StandardCharsets.UTF_8));
      } else if (stop > pos) {
        n++;
      }
      pos = eol + 1;
    }
    rows = n;
    asOf = asOfFound;
    latestChange = latestFound;
  }

  /**
   * Indexes {@code PORT[-LAST] TAB tcp|udp TAB NAME TAB DESCRIPTION}; false when the row is not
   * that.
   */
  private boolean row(int i, int from, int stop) {
    int p = from;
    int a = 0;
    int digits = 0;
    while (p < stop && text[p] >= '0' && text[p] <= '9' && digits < 6) {
      a = a * 10 + text[p++] - '0';
      digits++;
    }
    if (digits == 0) {
      return false;
    }
    int b = a;
    if (p < stop && text[p] == '-') {
      p++;
      b = 0;
      digits = 0;
      while (p < stop && text[p] >= '0' && text[p] <= '9' && digits < 6) {
        b = b * 10 + text[p++] - '0';
        digits++;
      }
    }
    if (digits == 0
        || a > b
        || b > 65535
        || p + 4 >= stop
        || text[p] != '\t'
        || text[p + 4] != '\t'
        || !(text[p + 1] == 't' && text[p + 2] == 'c' && text[p + 3] == 'p'
            || text[p + 1] == 'u' && text[p + 2] == 'd' && text[p + 3] == 'p')) {
      return false;
    }
    int ns = p + 5;
    int ne = ns;
    while (ne < stop && text[ne] != '\t') {
      ne++;
    }
    if (ne >= stop) {
      return false;
    }
    start[i] = from;
    end[i] = stop;
    first[i] = a;
    last[i] = b;
    udp[i] = text[p + 1] == 'u';
    nameStart[i] = ns;
    nameEnd[i] = ne == ns + 1 && text[ns] == '-' ? ns : ne; // "-": the row has no name
    return true;
  }

  /** Decodes one row the slow, strict way (also what {@link #parse} reports errors with). */
  private ServiceEntry entry(int from, int stop) {
    String line = new String(text, from, stop - from, StandardCharsets.UTF_8);
    String[] f = line.split("\t", 4);
    if (f.length != 4) {
      throw new IllegalArgumentException("service row needs 4 tab-separated fields: " + line);
    }
    int dash = f[0].indexOf('-');
    int a;
    int b;
    try {
      a = Integer.parseInt(dash < 0 ? f[0] : f[0].substring(0, dash));
      b = dash < 0 ? a : Integer.parseInt(f[0].substring(dash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port range '" + f[0] + "' in service row: " + line);
    }
    return new ServiceEntry("-".equals(f[2]) ? "" : f[2], a, b, f[1], f[3]);
  }

  private ServiceEntry entry(int i) {
    return entry(start[i], end[i]);
  }

  private static final class Bundled {
    static final ServiceRegistry INSTANCE = load();
  }

  /**
   * The registry bundled with sockit, read on first call.
   *
   * @return the registry
   * @throws UncheckedIOException if the jar lacks the resource
   */
  public static ServiceRegistry bundled() {
    return Bundled.INSTANCE;
  }

  private static ServiceRegistry load() {
    try (InputStream in = ServiceRegistry.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("resource " + RESOURCE + " is missing from the sockit jar");
      }
      return new ServiceRegistry(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses the compact table written by {@code data/iana/compact-services.py}.
   *
   * @param lines the lines, with {@code #} comments; {@code # as-of: ...} gives the date
   * @return the registry
   * @throws IllegalArgumentException for a malformed row
   */
  public static ServiceRegistry parse(List<String> lines) {
    return new ServiceRegistry(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Every row that covers {@code port}, tcp rows before udp rows, in registry order.
   *
   * @param port 0 to 65535
   * @return the rows; empty means unassigned
   */
  public List<ServiceEntry> byPort(int port) {
    List<ServiceEntry> out = new ArrayList<>();
    for (boolean wantUdp : new boolean[] {false, true}) {
      for (int i = 0; i < rows; i++) {
        if (udp[i] == wantUdp && port >= first[i] && port <= last[i]) {
          out.add(entry(i));
        }
      }
    }
    return out;
  }

  /**
   * The name of the first row, in registry order, that covers {@code port} over the protocol and
   * has a name: one pass over the index, no row decoded.
   *
   * @param port 0 to 65535
   * @param udpRows true for the udp rows, false for the tcp rows
   * @return the name, or null when no row names the port
   */
  public String firstName(int port, boolean udpRows) {
    for (int i = 0; i < rows; i++) {
      if (udp[i] == udpRows && port >= first[i] && port <= last[i] && nameEnd[i] > nameStart[i]) {
        return name(i);
      }
    }
    return null;
  }

  /**
   * {@link #firstName} for every port at once, in one pass: index {@code p} holds the name for port
   * {@code p}, or null.
   *
   * @param udpRows true for the udp rows, false for the tcp rows
   * @return 65,536 names or nulls
   */
  public String[] firstNames(boolean udpRows) {
    String[] table = new String[65536];
    for (int i = 0; i < rows; i++) {
      if (udp[i] != udpRows || nameEnd[i] == nameStart[i]) {
        continue;
      }
      String name = null;
      for (int p = first[i]; p <= last[i]; p++) {
        if (table[p] == null) {
          table[p] = name == null ? (name = name(i)) : name;
        }
      }
    }
    return table;
  }

  private String name(int i) {
    return new String(text, nameStart[i], nameEnd[i] - nameStart[i], StandardCharsets.UTF_8);
  }

  /**
   * Every row registered under {@code name}, case-insensitively, in port order.
   *
   * @param name the service name, e.g. {@code http}
   * @return the rows; empty when the name is unknown
   */
  public List<ServiceEntry> byName(String name) {
    Objects.requireNonNull(name, "name");
    byte[] wanted = name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    List<ServiceEntry> out = new ArrayList<>();
    for (int i = 0;
        i < rows && wanted.length > 0;
        i++) { // an empty name is no name: nameless rows do not match it
      if (nameEnd[i] - nameStart[i] == wanted.length
          && sameIgnoringAsciiCase(nameStart[i], wanted)) {
        out.add(entry(i));
      }
    }
    return out;
  }

  private boolean sameIgnoringAsciiCase(int at, byte[] lower) {
    for (int k = 0; k < lower.length; k++) {
      byte c = text[at + k];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != lower[k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Every row, in registry order.
   *
   * @return the rows
   */
  public List<ServiceEntry> entries() {
    List<ServiceEntry> a = all;
    if (a == null) {
      List<ServiceEntry> list = new ArrayList<>(rows);
      for (int i = 0; i < rows; i++) {
        list.add(entry(i));
      }
      all = a = List.copyOf(list);
    }
    return a;
  }

  /**
   * The date of this copy, shown to users with every answer.
   *
   * @return e.g. {@code mid-2024}
   */
  public String asOf() {
    return asOf;
  }

  /**
   * The latest registration or modification date found in the copy: nothing newer is in it.
   *
   * @return e.g. {@code 2024-04-30}
   */
  public String latestChange() {
    return latestChange;
  }
}
