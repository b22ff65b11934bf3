package dev.sockit.core.address;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A dated copy of the IANA IPv4 or IPv6 Special-Purpose Address Registry, and the lookup of the
 * most specific entry an address falls in ({@code 192.0.0.9} is "Port Control Protocol Anycast",
 * not just "IETF Protocol Assignments").
 *
 * <pre>{@code
 * SpecialPurposeRegistry.bundled(IpVersion.IPV4).lookup(IpAddress.parse("10.1.2.3"))
 *     .map(SpecialPurposeEntry::name);   // Optional[Private-Use]
 * }</pre>
 */
public final class SpecialPurposeRegistry {
  private static final int COLUMNS = 10;

  private final IpVersion version;
  private final String name;
  private final String asOf;
  private final List<SpecialPurposeEntry> entries;

  private SpecialPurposeRegistry(
      IpVersion version, String name, String asOf, List<SpecialPurposeEntry> entries) {
    this.version = version;
    this.name = name;
    this.asOf = asOf;
    this.entries = List.copyOf(entries);
  }

  // One holder per version, each parsed on first use only: `sockit port` never pays for them, and
  // an IPv4 question never pays for the IPv6 table (start-up time of `sockit ip`).
  private static final class BundledIpv4 {
    static final SpecialPurposeRegistry REGISTRY = load(IpVersion.IPV4);
  }

  private static final class BundledIpv6 {
    static final SpecialPurposeRegistry REGISTRY = load(IpVersion.IPV6);
  }

  /**
   * The registry bundled with sockit.
   *
   * @param version which one
   * @return the registry
   */
  public static SpecialPurposeRegistry bundled(IpVersion version) {
    return version == IpVersion.IPV4 ? BundledIpv4.REGISTRY : BundledIpv6.REGISTRY;
  }

  /**
   * The bundled copy, compiled in as Java (see {@code SpecialPurposeData}): no jar resource to read
   * and no CSV to parse at start-up.
   */
  private static SpecialPurposeRegistry load(IpVersion version) {
    return version == IpVersion.IPV4
        ? new SpecialPurposeRegistry(
            version,
            SpecialPurposeData.IPV4_NAME,
            SpecialPurposeData.IPV4_AS_OF,
            SpecialPurposeData.ipv4())
        : new SpecialPurposeRegistry(
            version,
            SpecialPurposeData.IPV6_NAME,
            SpecialPurposeData.IPV6_AS_OF,
            SpecialPurposeData.ipv6());
  }

  /**
   * Parses the registry's CSV as IANA publishes it.
   *
   * @param version the registry's IP version
   * @param name the registry's title
   * @param asOf the date of the copy
   * @param csv the CSV text with its header row
   * @param footnotes footnote texts; footnote {@code [n]} is {@code footnotes.get(n - 1)}
   * @return the registry
   * @throws IllegalArgumentException if a row is malformed
   */
  public static SpecialPurposeRegistry parse(
      IpVersion version, String name, String asOf, String csv, List<String> footnotes) {
    Objects.requireNonNull(version, "version");
    List<SpecialPurposeEntry> entries = new ArrayList<>();
    List<List<String>> rows = CsvRecords.parse(csv);
    for (List<String> row : rows.subList(1, rows.size())) {
      if (row.size() == 1 && row.get(0).isBlank()) {
        continue;
      }
      if (row.size() != COLUMNS) {
        throw new IllegalArgumentException(
            "registry row has " + row.size() + " columns, expected " + COLUMNS + ": " + row);
      }
      entries.add(entry(version, row, footnotes));
    }
    return new SpecialPurposeRegistry(version, name, asOf, entries);
  }

  private static SpecialPurposeEntry entry(
      IpVersion version, List<String> row, List<String> footnotes) {
    TreeSet<Integer> notes = new TreeSet<>();
    for (String cell : row) {
      footnotes(cell, notes);
    }
    List<Prefix> blocks = new ArrayList<>();
    String blockCell = row.get(0);
    int bracket = blockCell.indexOf(" [");
    for (String block : (bracket < 0 ? blockCell : blockCell.substring(0, bracket)).split(",")) {
      Prefix p = Prefix.parse(block.strip());
      if (p.address().version() != version || !p.isNetwork()) {
        throw new IllegalArgumentException(
            "registry block " + block + " is not an " + version.label() + " network");
      }
      blocks.add(p);
    }
    List<String> noteTexts = new ArrayList<>();
    for (int n : notes) {
      noteTexts.add(
          n <= footnotes.size()
              ? footnotes.get(n - 1)
              : "see footnote [" + n + "] of the registry");
    }
    String name = row.get(1).strip();
    if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
      name = name.substring(1, name.length() - 1);
    }
    String terminated = row.get(4).strip();
    return new SpecialPurposeEntry(
        blocks,
        name,
        CsvRecords.collapseSpaces(row.get(2)),
        row.get(3).strip(),
        terminated.isEmpty() || terminated.equals("N/A") ? null : terminated,
        SpecialPurposeEntry.Flag.parse(row.get(5)),
        SpecialPurposeEntry.Flag.parse(row.get(6)),
        SpecialPurposeEntry.Flag.parse(row.get(7)),
        SpecialPurposeEntry.Flag.parse(row.get(8)),
        SpecialPurposeEntry.Flag.parse(row.get(9)),
        noteTexts);
  }

  /** Collects footnote numbers written as {@code [1]}; {@code [RFC1918]} is not one. */
  private static void footnotes(String cell, TreeSet<Integer> into) {
    for (int open = cell.indexOf('['); open >= 0; open = cell.indexOf('[', open + 1)) {
      int close = cell.indexOf(']', open);
      if (close > open + 1 && close - open <= 4) {
        String inside = cell.substring(open + 1, close);
        boolean digits = true;
        for (int i = 0; i < inside.length(); i++) {
          digits &= inside.charAt(i) >= '0' && inside.charAt(i) <= '9';
        }
        if (digits) {
          into.add(Integer.parseInt(inside));
        }
      }
    }
  }

  /**
   * The most specific entry whose block holds {@code address}.
   *
   * @param address an address of this registry's version (a zone is ignored)
   * @return the entry, or empty when the address is not special-purpose
   */
  public Optional<SpecialPurposeEntry> lookup(IpAddress address) {
    SpecialPurposeEntry best = null;
    int bestLength = -1;
    for (SpecialPurposeEntry e : entries) {
      for (Prefix block : e.blocks()) {
        if (block.length() > bestLength && block.contains(address)) {
          best = e;
          bestLength = block.length();
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Special blocks that the IANA special-purpose registries leave out: multicast (224.0.0.0/4, RFC
   * 5771; ff00::/8, RFC 4291) and the deprecated IPv6 site-local block (fec0::/10, RFC 3879, which
   * {@code java.net} still calls "site local").
   *
   * @param address any address
   * @return a one-line description, or empty
   */
  public static Optional<String> unlisted(IpAddress address) {
    if (UNLISTED_V4_MULTICAST.contains(address)) {
      return Optional.of("224.0.0.0/4 Multicast (RFC 5771; class D)");
    }
    if (UNLISTED_V6_MULTICAST.contains(address)) {
      return Optional.of("ff00::/8 Multicast (RFC 4291)");
    }
    if (UNLISTED_SITE_LOCAL.contains(address)) {
      return Optional.of(
          "fec0::/10 Site-Local, deprecated since 2004 (RFC 3879); use Unique-Local fc00::/7 instead");
    }
    return Optional.empty();
  }

  private static final Prefix UNLISTED_V4_MULTICAST = Prefix.parse("224.0.0.0/4");
  private static final Prefix UNLISTED_V6_MULTICAST = Prefix.parse("ff00::/8");
  private static final Prefix UNLISTED_SITE_LOCAL = Prefix.parse("fec0::/10");

  /**
   * Every entry, in registry order.
   *
   * @return the entries
   */
  public List<SpecialPurposeEntry> entries() {
    return entries;
  }

  /**
   * The IP version the registry covers.
   *
   * @return the version
   */
  public IpVersion version() {
    return version;
  }

  /**
   * The registry's title.
   *
   * @return e.g. {@code IANA IPv4 Special-Purpose Address Registry}
   */
  public String name() {
    return name;
  }

  /**
   * The date of this copy, shown to users beside every answer from it.
   *
   * @return e.g. {@code 2026-07-18}
   */
  public String asOf() {
    return asOf;
  }
}
