package dev.sockit.core.scan;

import dev.sockit.core.net.Transport;
import dev.sockit.core.servicename.ServiceNames;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The ports a user named, as nmap's {@code -p} takes them: single ports, ranges and service names
 * separated by commas, e.g. {@code 1-1024,3306,8000-8100} or {@code ssh,http,8080}; {@code -} alone
 * is every port, {@code N-} is N to 65535. Duplicates are dropped; the order is ascending.
 */
public final class PortList {
  private final int[] ports;

  private PortList(int[] ports) {
    this.ports = ports;
  }

  /**
   * Parses a port list.
   *
   * @param text the list
   * @param names resolves service names like {@code http}; {@link ServiceNames#none()} for numbers
   *     only
   * @return the ports
   * @throws IllegalArgumentException naming the part that is wrong and how to write it
   * @throws NullPointerException if an argument is null
   */
  public static PortList parse(String text, ServiceNames names) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(names, "names");
    if (text.isBlank()) {
      throw new IllegalArgumentException("the port list is empty; write e.g. 22,80,443 or 1-1024");
    }
    BitSet set = new BitSet(65536);
    for (String part : text.split(",", -1)) {
      String p = part.strip();
      if (p.isEmpty()) {
        throw new IllegalArgumentException(
            "port list '" + text + "' has an empty entry; separate ports with single commas");
      }
      int dash = p.indexOf('-');
      if (dash < 0 || !rangeShaped(p)) {
        set.set(single(p, text, names)); // a number, or a name, which may hold dashes (http-alt)
        continue;
      }
      int from = dash == 0 ? 1 : number(p.substring(0, dash), text);
      int to = dash == p.length() - 1 ? 65535 : number(p.substring(dash + 1), text);
      if (from > to) {
        throw new IllegalArgumentException(
            "range '" + p + "' runs backwards; write " + to + "-" + from);
      }
      set.set(from, to + 1);
    }
    return new PortList(set.stream().toArray());
  }

  /**
   * A list of the given ports.
   *
   * @param ports ports from 1 to 65535, at least one
   * @return the list, ascending, without duplicates
   * @throws IllegalArgumentException if a port is out of range or the list is empty
   */
  public static PortList of(List<Integer> ports) {
    if (ports.isEmpty()) {
      throw new IllegalArgumentException("no ports to scan");
    }
    BitSet set = new BitSet(65536);
    for (int p : ports) {
      check(p, Integer.toString(p));
      set.set(p);
    }
    return new PortList(set.stream().toArray());
  }

  /**
   * Digits, one dash, digits (either side may be empty: {@code -}, {@code 1024-}, {@code -100}).
   */
  private static boolean rangeShaped(String p) {
    int dashes = 0;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '-') {
        dashes++;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return dashes == 1;
  }

  private static int single(String p, String text, ServiceNames names) {
    if (!p.isEmpty() && p.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return number(p, text);
    }
    OptionalInt byName = names.port(p, Transport.TCP);
    if (byName.isEmpty()) {
      byName = names.port(p, Transport.UDP);
    }
    if (byName.isEmpty()) {
      throw new IllegalArgumentException(
          "'"
              + p
              + "' in port list '"
              + text
              + "' is neither a port number nor a known service name");
    }
    return byName.getAsInt();
  }

  private static int number(String s, String text) {
    if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          "'" + s + "' in port list '" + text + "' is not a port number; write e.g. 1-1024,3306");
    }
    int p = Integer.parseInt(s);
    check(p, s);
    return p;
  }

  private static void check(int p, String s) {
    if (p < 1 || p > 65535) {
      throw new IllegalArgumentException(
          "port " + s + " is outside 1-65535" + (p == 0 ? " (port 0 cannot be connected to)" : ""));
    }
  }

  /**
   * The ports, ascending.
   *
   * @return a copy
   */
  public int[] toArray() {
    return ports.clone();
  }

  /**
   * How many ports.
   *
   * @return the count, at least 1
   */
  public int size() {
    return ports.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PortList other && Arrays.equals(ports, other.ports);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ports);
  }

  /** Compact text: {@code 1-1024,3306}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ports.length; ) {
      int j = i;
      while (j + 1 < ports.length && ports[j + 1] == ports[j] + 1) {
        j++;
      }
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(ports[i]);
      if (j > i) {
        sb.append('-').append(ports[j]);
      }
      i = j + 1;
    }
    return sb.toString();
  }
}
