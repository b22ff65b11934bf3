package dev.sockit.core.service;

import dev.sockit.core.event.TrafficEvent.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The built-in table of common service ports, most common first: 1000 TCP and 200 UDP entries
 * from {@code common-ports.txt}. The first few hundred TCP entries are ordered by hand (sockit's
 * estimate of what is most often open, not nmap's measured frequencies); the rest follow IANA
 * registrations in numeric order.
 */
public final class CommonPorts implements ServiceNames {
  private static final String RESOURCE = "common-ports.txt";

  private final List<Integer> tcpOrder;
  private final List<Integer> udpOrder;
  private final Map<Long, String> names;
  private final Map<String, Integer> byName;

  private CommonPorts(List<Integer> tcpOrder, List<Integer> udpOrder, Map<Long, String> names, Map<String, Integer> byName) {
    this.tcpOrder = List.copyOf(tcpOrder);
    this.udpOrder = List.copyOf(udpOrder);
    this.names = Map.copyOf(names);
    this.byName = Map.copyOf(byName);
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
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CommonPorts parse(List<String> lines) {
    List<Integer> tcp = new ArrayList<>();
    List<Integer> udp = new ArrayList<>();
    Map<Long, String> names = new HashMap<>();
    Map<String, Integer> byName = new HashMap<>();
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.strip().split("\\s+");
      String[] portProto = parts[0].split("/");
      int port = Integer.parseInt(portProto[0]);
      Transport t = "udp".equals(portProto[1]) ? Transport.UDP : Transport.TCP;
      (t == Transport.TCP ? tcp : udp).add(port);
      if (parts.length > 1 && !"-".equals(parts[1])) {
        names.put(key(port, t), parts[1]);
        byName.merge(t + "/" + parts[1].toLowerCase(Locale.ROOT), port, Math::min);
      }
    }
    return new CommonPorts(tcp, udp, names, byName);
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
          "--top " + n + " is outside 1-" + order.size() + " (sockit knows " + order.size() + " common " + transport.label() + " ports)");
    }
    return order.subList(0, n);
  }

  @Override
  public Optional<String> name(int port, Transport transport) {
    Objects.requireNonNull(transport, "transport");
    return Optional.ofNullable(names.get(key(port, transport)));
  }

  @Override
  public OptionalInt port(String name, Transport transport) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(transport, "transport");
    Integer p = byName.get(transport + "/" + name.toLowerCase(Locale.ROOT));
    return p == null ? OptionalInt.empty() : OptionalInt.of(p);
  }

  private static long key(int port, Transport t) {
    return ((long) t.ordinal() << 32) | port;
  }
}
