package dev.sockit.core.address;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An inclusive range of addresses of one version, {@code 10.0.0.5-10.0.0.20}, and the summarizer
 * that turns any set of ranges into the fewest prefixes covering exactly them.
 *
 * @param first the first address (zone dropped)
 * @param last the last address, not before {@code first}, same version
 */
public record AddressRange(IpAddress first, IpAddress last) {

  /** Checks order and version; drops zones. */
  public AddressRange {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    if (first.version() != last.version()) {
      throw new IllegalArgumentException("range " + first + "-" + last + " mixes IPv4 and IPv6");
    }
    first = first.withZone(null);
    last = last.withZone(null);
    if (first.compareTo(last) > 0) {
      throw new IllegalArgumentException(
          "range " + first + "-" + last + " runs backwards; write the lower address first");
    }
  }

  /**
   * Parses an address ({@code 10.0.0.1}), a prefix ({@code 10.0.0.0/8}, its whole network) or a
   * range ({@code 10.0.0.5-10.0.0.20}).
   *
   * @param text the item
   * @return the range
   * @throws IllegalArgumentException with a one-line reason
   */
  public static AddressRange parse(String text) {
    Objects.requireNonNull(text, "text");
    int dash = text.indexOf('-');
    if (dash >= 0) {
      return new AddressRange(
          IpAddress.parse(text.substring(0, dash)), IpAddress.parse(text.substring(dash + 1)));
    }
    return of(Prefix.parse(text));
  }

  /**
   * The whole network of a prefix.
   *
   * @param prefix the prefix
   * @return from its network address to its last address
   */
  public static AddressRange of(Prefix prefix) {
    return new AddressRange(prefix.network(), prefix.last());
  }

  /**
   * How many addresses the range holds.
   *
   * @return the count, at least 1
   */
  public BigInteger size() {
    return last.toBigInteger().subtract(first.toBigInteger()).add(BigInteger.ONE);
  }

  /**
   * The fewest prefixes that together cover exactly the union of {@code ranges}: sorted, IPv4
   * first, no two overlapping or mergeable.
   *
   * @param ranges the ranges, in any order, overlapping or not
   * @return the prefixes, each a network address
   */
  public static List<Prefix> summarize(Collection<AddressRange> ranges) {
    List<AddressRange> sorted = new ArrayList<>(ranges);
    sorted.sort((a, b) -> a.first.compareTo(b.first));
    List<Prefix> out = new ArrayList<>();
    AddressRange current = null;
    for (AddressRange r : sorted) {
      if (current != null && current.first.version() == r.first.version() && touches(current, r)) {
        if (r.last.compareTo(current.last) > 0) {
          current = new AddressRange(current.first, r.last);
        }
        continue;
      }
      if (current != null) {
        out.addAll(current.toPrefixes());
      }
      current = r;
    }
    if (current != null) {
      out.addAll(current.toPrefixes());
    }
    return out;
  }

  private static boolean touches(AddressRange earlier, AddressRange later) {
    IpAddress after = earlier.last.plus(1);
    return after == null || later.first.compareTo(after) <= 0;
  }

  /**
   * The fewest prefixes covering exactly this range, in order: at each step the largest aligned
   * block that starts at the next uncovered address and does not pass the end.
   *
   * @return the prefixes
   */
  public List<Prefix> toPrefixes() {
    IpVersion v = first.version();
    BigInteger start = first.toBigInteger();
    BigInteger end = last.toBigInteger();
    List<Prefix> out = new ArrayList<>();
    while (start.compareTo(end) <= 0) {
      int alignBits = start.signum() == 0 ? v.bits() : start.getLowestSetBit();
      BigInteger remaining = end.subtract(start).add(BigInteger.ONE);
      int sizeBits = Math.min(alignBits, remaining.bitLength() - 1);
      out.add(new Prefix(IpAddress.of(v, start), v.bits() - sizeBits));
      start = start.add(BigInteger.ONE.shiftLeft(sizeBits));
    }
    return out;
  }

  /** {@code first-last}. */
  @Override
  public String toString() {
    return first + "-" + last;
  }
}
