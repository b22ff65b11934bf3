package dev.sockit.core.servicename;

import dev.sockit.core.net.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The built-in table of common service ports, most common first: 1000 TCP and 200 UDP entries from
 * {@code common-ports.txt}. The first few hundred TCP entries are ordered by hand (sockit's
 * estimate of what is most often open, not nmap's measured frequencies); the rest follow IANA
 * registrations in numeric order.
 */
public final class CommonPorts implements ServiceNames {
  private static final String RESOURCE = "common-ports.txt";

  private final List<Integer> tcpOrder;
  private final List<Integer> udpOrder;
  private final Map<Integer, String> tcpNames;
  private final Map<Integer, String> udpNames;
  private final Map<String, Integer> tcpByName;
  private final Map<String, Integer> udpByName;

  private CommonPorts(
      List<Integer> tcpOrder,
      List<Integer> udpOrder,
      Map<Integer, String> tcpNames,
      Map<Integer, String> udpNames,
      Map<String, Integer> tcpByName,
      Map<String, Integer> udpByName) {
    this.tcpOrder = Collections.unmodifiableList(tcpOrder);
    this.udpOrder = Collections.unmodifiableList(udpOrder);
    this.tcpNames = tcpNames;
    this.udpNames = udpNames;
    this.tcpByName = tcpByName;
    this.udpByName = udpByName;
  }

  /**
   * Reads the table shipped with sockit.
   *
   * @return the table
   * @throws UncheckedIOException if the resource is missing or unreadable (a broken jar)
   */
  public static CommonPorts load() {
    try (InputStream in = CommonPorts.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("resource " + RESOURCE + " is missing from the sockit jar");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(1300);
      for (int from = 0; from < text.length(); ) {
        int eol = text.indexOf('\n', from);
        int end = eol < 0 ? text.length() : eol;
        lines.add(text.substring(from, end));
        from = end + 1;
      }
      return parse(lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses lines of {@code PORT/PROTO NAME} ({@code -} for no name); {@code #} starts a comment.
   * Written without regular expressions or streams: this runs on every {@code sockit scan} and
   * {@code sockit port}, where a regex split per line cost 15 ms of start-up.
   */
  static CommonPorts parse(List<String> lines) {
    List<Integer> tcp = new ArrayList<>();
    List<Integer> udp = new ArrayList<>();
    Map<Integer, String> tcpNames = new HashMap<>();
    Map<Integer, String> udpNames = new HashMap<>();
    Map<String, Integer> tcpByName = new HashMap<>();
    Map<String, Integer> udpByName = new HashMap<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.charAt(0) == '#') {
        continue;
      }
      int space = 0;
      while (space < line.length() && !Character.isWhitespace(line.charAt(space))) {
        space++;
      }
      String first = line.substring(0, space);
      String name = line.substring(space).strip();
      int cut = name.indexOf(' ');
      if (cut >= 0) {
        name = name.substring(0, cut);
      }
      int slash = first.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException("common port row needs PORT/PROTO: " + raw);
      }
      int port = Integer.parseInt(first, 0, slash, 10);
      boolean isUdp = "udp".equals(first.substring(slash + 1));
      (isUdp ? udp : tcp).add(port);
      if (!name.isEmpty() && !"-".equals(name)) {
        (isUdp ? udpNames : tcpNames).put(port, name);
        (isUdp ? udpByName : tcpByName)
            .putIfAbsent(name.toLowerCase(Locale.ROOT), port); // the most common port of a name
      }
    }
    return new CommonPorts(tcp, udp, tcpNames, udpNames, tcpByName, udpByName);
  }

  /**
   * The {@code n} most common ports for {@code transport}, most common first.
   *
   * @param n how many; at most the size of the table (1000 TCP, 200 UDP)
   * @param transport TCP or UDP
   * @return the ports
   * @throws IllegalArgumentException if {@code n} is not positive or larger than the table
   */
  public List<Integer> top(int n, Transport transport) {
    List<Integer> order = transport == Transport.UDP ? udpOrder : tcpOrder;
    if (n < 1 || n > order.size()) {
      throw new IllegalArgumentException(
          "--top "
              + n
              + " is outside 1-"
              + order.size()
              + " (sockit knows "
              + order.size()
              + " common "
              + transport.label()
              + " ports)");
    }
    return order.subList(0, n);
  }

  @Override
  public Optional<String> name(int port, Transport transport) {
    Objects.requireNonNull(transport, "transport");
    return Optional.ofNullable(
        transport == Transport.UDP
            ? udpNames.get(port)
            : transport == Transport.TCP ? tcpNames.get(port) : null);
  }

  /** The most common port of that name: its first row in the table (http-alt is 8080, not 591). */
  @Override
  public OptionalInt port(String name, Transport transport) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(transport, "transport");
    Map<String, Integer> m =
        transport == Transport.UDP ? udpByName : transport == Transport.TCP ? tcpByName : Map.of();
    Integer p = m.get(name.toLowerCase(Locale.ROOT));
    return p == null ? OptionalInt.empty() : OptionalInt.of(p);
  }
}
