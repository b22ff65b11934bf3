package dev.sockit.core.servicename;

import dev.sockit.core.net.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The names of {@link ServiceNames#standard()} by port, from a table made ahead of time out of
 * sockit's common ports and the IANA registry ({@code standard-names.bin}, which a test checks
 * against both and can write again): reading it is one small resource, where building the same
 * answers from the two text tables cost every {@code sockit scan} 10-15 ms of start-up. Looking up
 * a port by name goes to the text tables, read on first use.
 *
 * <p>The table, big-endian: {@code "SKSN"}, version 1; then for TCP and for UDP the number of named
 * ports {@code n}, {@code n} ascending ports (2 bytes each) and {@code n} name offsets (4 bytes
 * each); then the names, each as a length byte and its ASCII bytes, each name once.
 */
final class NameIndex implements ServiceNames {
  static final String RESOURCE = "standard-names.bin";
  private static final int MAGIC = 0x534b534e; // "SKSN"
  private static final int VERSION = 1;

  private final byte[] table;
  private final int tcpCount;
  private final int tcpPorts;
  private final int udpCount;
  private final int udpPorts;
  private final Supplier<ServiceNames> byName;
  private volatile ServiceNames byNameLoaded;

  private NameIndex(byte[] table, Supplier<ServiceNames> byName) {
    this.table = table;
    this.byName = byName;
    if (table.length < 16 || integer(table, 0) != MAGIC || integer(table, 4) != VERSION) {
      throw new IllegalStateException(
          "resource "
              + RESOURCE
              + " is not a version "
              + VERSION
              + " name table: a broken sockit jar");
    }
    tcpCount = integer(table, 8);
    tcpPorts = 12;
    long udpAt = tcpPorts + 6L * tcpCount;
    if (tcpCount < 0
        || udpAt + 4 > table.length
        || integer(table, (int) udpAt) < 0
        || udpAt + 4 + 6L * integer(table, (int) udpAt) > table.length) {
      throw new IllegalStateException(
          "resource " + RESOURCE + " is cut short: a broken sockit jar");
    }
    udpCount = integer(table, (int) udpAt);
    udpPorts = (int) udpAt + 4;
  }

  /**
   * Reads the bundled table; lookups by name go to {@code byName}, made on first use.
   *
   * @throws UncheckedIOException if the jar lacks the resource
   */
  static NameIndex bundled(Supplier<ServiceNames> byName) {
    try (InputStream in = NameIndex.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("resource " + RESOURCE + " is missing from the sockit jar");
      }
      return new NameIndex(in.readAllBytes(), byName);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bundled table, read once; lookups by name go to {@link #fromTables()}. */
  static NameIndex standard() {
    return Standard.INSTANCE;
  }

  private static final class Standard {
    static final NameIndex INSTANCE = bundled(NameIndex::fromTables);
  }

  /**
   * What the table is made from: sockit's common ports first, then the IANA registry (read on first
   * lookup).
   */
  static ServiceNames fromTables() {
    return CommonPorts.load()
        .orElse(new RegistryNames(dev.sockit.core.portnumber.ServiceRegistry::bundled));
  }

  /** A table read from {@code bytes} (tests). */
  static NameIndex of(byte[] bytes, Supplier<ServiceNames> byName) {
    return new NameIndex(bytes.clone(), byName);
  }

  /**
   * Whether no lookup can name {@code port} over {@code transport}: outside 0-65535, or UNIX.
   *
   * @throws NullPointerException if {@code transport} is null
   */
  static boolean nameless(int port, Transport transport) {
    Objects.requireNonNull(transport, "transport");
    return port < 0 || port > 65535 || transport == Transport.UNIX;
  }

  @Override
  public Optional<String> name(int port, Transport transport) {
    if (nameless(port, transport)) {
      return Optional.empty();
    }
    boolean udp = transport == Transport.UDP;
    int count = udp ? udpCount : tcpCount;
    int ports = udp ? udpPorts : tcpPorts;
    int lo = 0;
    int hi = count - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int p = (table[ports + 2 * mid] & 0xff) << 8 | table[ports + 2 * mid + 1] & 0xff;
      if (p < port) {
        lo = mid + 1;
      } else if (p > port) {
        hi = mid - 1;
      } else {
        int at = integer(table, ports + 2 * count + 4 * mid);
        if (at < 0 || at >= table.length || at + 1 + (table[at] & 0xff) > table.length) {
          throw new IllegalStateException(
              "resource "
                  + RESOURCE
                  + " names port "
                  + port
                  + " outside its names: a broken sockit jar");
        }
        return Optional.of(new String(table, at + 1, table[at] & 0xff, StandardCharsets.US_ASCII));
      }
    }
    return Optional.empty();
  }

  @Override
  public OptionalInt port(String name, Transport transport) {
    ServiceNames names = byNameLoaded;
    if (names == null) {
      names = byName.get();
      byNameLoaded = names;
    }
    return names.port(name, transport);
  }

  /**
   * The table that answers every port as {@code names} does.
   *
   * @param names the lookup to copy (ASCII names of at most 255 characters)
   * @return the table's bytes
   */
  static byte[] build(ServiceNames names) {
    Map<String, Integer> offsets = new LinkedHashMap<>();
    ByteArrayOutputStream pool = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[][] sections = new byte[2][];
    int[] counts = new int[2];
    for (Transport t : new Transport[] {Transport.TCP, Transport.UDP}) {
      ByteArrayOutputStream ports = new ByteArrayOutputStream();
      ByteArrayOutputStream at = new ByteArrayOutputStream();
      int n = 0;
      for (int port = 0; port <= 65535; port++) {
        Optional<String> name = names.name(port, t);
        if (name.isEmpty()) {
          continue;
        }
        String s = name.get();
        byte[] ascii = s.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length > 255 || !new String(ascii, StandardCharsets.US_ASCII).equals(s)) {
          throw new IllegalArgumentException(
              "service name for "
                  + port
                  + "/"
                  + t.label()
                  + " is not ASCII of at most 255 bytes: "
                  + s);
        }
        Integer offset = offsets.get(s);
        if (offset == null) {
          offset = pool.size();
          offsets.put(s, offset);
          pool.write(ascii.length);
          pool.writeBytes(ascii);
        }
        ports.write(port >> 8);
        ports.write(port);
        writeInt(at, offset);
        n++;
      }
      int k = t == Transport.TCP ? 0 : 1;
      counts[k] = n;
      ByteArrayOutputStream section = new ByteArrayOutputStream();
      section.writeBytes(ports.toByteArray());
      section.writeBytes(at.toByteArray());
      sections[k] = section.toByteArray();
    }
    writeInt(out, MAGIC);
    writeInt(out, VERSION);
    int poolAt = 8 + 4 + sections[0].length + 4 + sections[1].length;
    for (int k = 0; k < 2; k++) {
      writeInt(out, counts[k]);
      byte[] s = sections[k];
      // offsets are written relative to the pool; make them absolute
      int offsetsAt = 2 * counts[k];
      for (int i = 0; i < counts[k]; i++) {
        int j = offsetsAt + 4 * i;
        int relative = integer(s, j);
        putInt(s, j, relative + poolAt);
      }
      out.writeBytes(s);
    }
    out.writeBytes(pool.toByteArray());
    return out.toByteArray();
  }

  private static int integer(byte[] b, int at) {
    return (b[at] & 0xff) << 24
        | (b[at + 1] & 0xff) << 16
        | (b[at + 2] & 0xff) << 8
        | b[at + 3] & 0xff;
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}
