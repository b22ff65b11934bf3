package dev.sockit.core.port;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A dated copy of the IANA Service Name and Transport Protocol Port Number Registry (tcp and udp
 * rows), looked up by port or by name. The bundled copy is read on first use only, so commands
 * that never ask about services do not pay for its 12,000 rows.
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
  private final List<ServiceEntry> entries;

  private ServiceRegistry(String asOf, String latestChange, List<ServiceEntry> entries) {
    this.asOf = asOf;
    this.latestChange = latestChange;
    this.entries = List.copyOf(entries);
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
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
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
    String asOf = "unknown";
    String latestChange = "unknown";
    List<ServiceEntry> entries = new ArrayList<>(lines.size());
    for (String line : lines) {
      if (line.startsWith("# as-of: ")) {
        asOf = line.substring("# as-of: ".length()).strip();
      }
      if (line.startsWith("# latest-change: ")) {
        latestChange = line.substring("# latest-change: ".length()).split(" ")[0];
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", 4);
      if (f.length != 4) {
        throw new IllegalArgumentException("service row needs 4 tab-separated fields: " + line);
      }
      int dash = f[0].indexOf('-');
      int first = Integer.parseInt(dash < 0 ? f[0] : f[0].substring(0, dash));
      int last = dash < 0 ? first : Integer.parseInt(f[0].substring(dash + 1));
      entries.add(new ServiceEntry("-".equals(f[2]) ? "" : f[2], first, last, f[1], f[3]));
    }
    return new ServiceRegistry(asOf, latestChange, entries);
  }

  /**
   * Every row that covers {@code port}, tcp rows before udp rows, in registry order.
   *
   * @param port 0 to 65535
   * @return the rows; empty means unassigned
   */
  public List<ServiceEntry> byPort(int port) {
    List<ServiceEntry> out = new ArrayList<>();
    for (String protocol : List.of("tcp", "udp")) {
      for (ServiceEntry e : entries) {
        if (e.protocol().equals(protocol) && port >= e.firstPort() && port <= e.lastPort()) {
          out.add(e);
        }
      }
    }
    return out;
  }

  /**
   * Every row registered under {@code name}, case-insensitively, in port order.
   *
   * @param name the service name, e.g. {@code http}
   * @return the rows; empty when the name is unknown
   */
  public List<ServiceEntry> byName(String name) {
    Objects.requireNonNull(name, "name");
    String wanted = name.toLowerCase(Locale.ROOT);
    List<ServiceEntry> out = new ArrayList<>();
    for (ServiceEntry e : entries) {
      if (e.name().toLowerCase(Locale.ROOT).equals(wanted)) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * Every row, in registry order.
   *
   * @return the rows
   */
  public List<ServiceEntry> entries() {
    return entries;
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
