package dev.sockit.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants over random addresses and prefixes. */
class AddressProperties {

  @Provide
  Arbitrary<IpAddress> addresses() {
    Arbitrary<IpAddress> v4 =
        Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE).map(IpAddress::ipv4);
    Arbitrary<Long> word =
        Arbitraries.oneOf(
            Arbitraries.longs(),
            Arbitraries.just(0L),
            Arbitraries.longs().map(l -> l & 0xffff_0000_0000_ffffL));
    Arbitrary<IpAddress> v6 = Combinators.combine(word, word).as(IpAddress::ipv6);
    return Arbitraries.oneOf(v4, v6);
  }

  @Provide
  Arbitrary<Prefix> prefixes() {
    return addresses()
        .flatMap(
            a ->
                Arbitraries.integers()
                    .between(0, a.version().bits())
                    .map(len -> new Prefix(a, len)));
  }

  @Property
  void canonicalAndExpandedTextRoundTrip(@ForAll("addresses") IpAddress a) {
    assertThat(IpAddress.parse(a.toString())).isEqualTo(a);
    assertThat(IpAddress.parse(a.expanded())).isEqualTo(a);
    assertThat(IpAddress.parse(a.toString().toUpperCase(Locale.ROOT))).isEqualTo(a);
    assertThat(IpAddress.ofBytes(a.bytes())).isEqualTo(a);
    assertThat(IpAddress.of(a.version(), a.toBigInteger())).isEqualTo(a);
  }

  @Property
  void canonicalTextFollowsRfc5952(@ForAll("addresses") IpAddress a) {
    if (a.isIpv4() || (a.high() == 0 && (a.low() >>> 32) == 0xffffL)) {
      return; // IPv4, and IPv4-mapped with its dotted tail, are checked by the table tests
    }
    // RFC 5952 section 4.2: '::' replaces the longest run of two or more zero groups, the first
    // one when runs tie; every other spelling that drops a run parses to the same address.
    int[] w = AddressText.words(a.high(), a.low());
    int bestFrom = -1;
    int bestLength = 1;
    for (int from = 0; from < 8; from++) {
      for (int to = from + 2; to <= 8 && allZero(w, from, to); to++) {
        assertThat(IpAddress.parse(spell(w, from, to))).isEqualTo(a);
        if (to - from > bestLength) {
          bestFrom = from;
          bestLength = to - from;
        }
      }
    }
    String expected =
        bestFrom < 0 ? spell(w, 8, 8).replace("::", "") : spell(w, bestFrom, bestFrom + bestLength);
    assertThat(a.toString()).isEqualTo(expected).isLowerCase();
  }

  private static boolean allZero(int[] w, int from, int to) {
    for (int i = from; i < to; i++) {
      if (w[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static String spell(int[] w, int from, int to) {
    List<String> head = new ArrayList<>();
    if (from == 8) {
      for (int word : w) {
        head.add(Integer.toHexString(word));
      }
      return String.join(":", head) + "::";
    }
    for (int i = 0; i < from; i++) {
      head.add(Integer.toHexString(w[i]));
    }
    List<String> tail = new ArrayList<>();
    for (int i = to; i < 8; i++) {
      tail.add(Integer.toHexString(w[i]));
    }
    return String.join(":", head) + "::" + String.join(":", tail);
  }

  @Property
  void aNetworkHoldsExactlyItsAddresses(
      @ForAll("prefixes") Prefix p, @ForAll("addresses") IpAddress probe) {
    BigInteger x = probe.toBigInteger();
    boolean between =
        probe.version() == p.address().version()
            && x.compareTo(p.network().toBigInteger()) >= 0
            && x.compareTo(p.last().toBigInteger()) <= 0;
    assertThat(p.contains(probe)).isEqualTo(between);
    assertThat(p.contains(p.address())).isTrue();
    assertThat(p.last().toBigInteger().subtract(p.network().toBigInteger()).add(BigInteger.ONE))
        .isEqualTo(p.size());
    BigInteger hosts =
        p.lastHost().toBigInteger().subtract(p.firstHost().toBigInteger()).add(BigInteger.ONE);
    assertThat(hosts).isEqualTo(p.usableHosts());
    assertThat(p.contains(p.firstHost()) && p.contains(p.lastHost())).isTrue();
    assertThat(Prefix.lengthOfNetmask(p.netmask())).isEqualTo(p.length());
    assertThat(p.network().toBigInteger().or(p.wildcard().toBigInteger()))
        .isEqualTo(p.last().toBigInteger());
  }

  @Property
  void smallNetworksEnumerateToTheirHostCount(
      @ForAll("addresses") IpAddress a, @ForAll @IntRange(min = 0, max = 12) int hostBits) {
    Prefix p = new Prefix(a, a.version().bits() - hostBits);
    int inside = 0;
    for (IpAddress x = p.network().plus(-300) == null ? p.network() : p.network().plus(-300);
        x != null && x.compareTo(p.last().plus(300) == null ? p.last() : p.last().plus(300)) <= 0;
        x = x.plus(1)) {
      if (p.contains(x)) {
        inside++;
      }
    }
    assertThat(BigInteger.valueOf(inside)).isEqualTo(p.size());
  }

  @Property
  void aSplitCoversItsParentExactlyWithoutOverlap(
      @ForAll("prefixes") Prefix parent, @ForAll @IntRange(min = 0, max = 8) int extra) {
    int newLength = Math.min(parent.length() + extra, parent.address().version().bits());
    List<Prefix> parts = parent.subnets(newLength);
    assertThat(BigInteger.valueOf(parts.size()).multiply(parts.get(0).size()))
        .isEqualTo(parent.size());
    assertThat(parts.get(0).network()).isEqualTo(parent.network());
    assertThat(parts.get(parts.size() - 1).last()).isEqualTo(parent.last());
    for (int i = 0; i < parts.size(); i++) {
      Prefix part = parts.get(i);
      assertThat(part.isNetwork()).isTrue();
      assertThat(part.length()).isEqualTo(newLength);
      assertThat(parent.contains(part)).isTrue();
      if (i > 0) {
        assertThat(parts.get(i - 1).last().plus(1)).isEqualTo(part.network());
      }
    }
  }

  @Property
  void summarizeIsExactAndMinimal(
      @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 255) Integer> starts,
      @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 40) Integer> lengths,
      @ForAll boolean ipv6) {
    IpAddress base = ipv6 ? IpAddress.parse("2001:db8::ff00") : IpAddress.parse("192.0.2.0");
    BitSet wanted = new BitSet(512);
    List<AddressRange> ranges = new ArrayList<>();
    for (int i = 0; i < Math.min(starts.size(), lengths.size()); i++) {
      int from = starts.get(i);
      int to = Math.min(from + lengths.get(i), 300);
      ranges.add(new AddressRange(base.plus(from), base.plus(to)));
      wanted.set(from, to + 1);
    }
    List<Prefix> summary = AddressRange.summarize(ranges);
    BitSet covered = new BitSet(512);
    for (Prefix p : summary) {
      assertThat(p.isNetwork()).isTrue();
      int from = p.network().toBigInteger().subtract(base.toBigInteger()).intValueExact();
      int to = p.last().toBigInteger().subtract(base.toBigInteger()).intValueExact();
      BitSet overlap = covered.get(from, to + 1);
      assertThat(overlap.isEmpty()).as("prefixes overlap at %s", p).isTrue();
      covered.set(from, to + 1);
      // Minimal: a prefix of an exact disjoint cover could only be replaced by fewer if its parent
      // also lay wholly inside the set.
      if (p.length() > 0) {
        Prefix parent = new Prefix(p.network(), p.length() - 1);
        BigInteger pf = parent.network().toBigInteger().subtract(base.toBigInteger());
        BigInteger pl = parent.last().toBigInteger().subtract(base.toBigInteger());
        boolean parentInside =
            pf.signum() >= 0
                && pl.compareTo(BigInteger.valueOf(511)) <= 0
                && wanted.get(pf.intValue(), pl.intValue() + 1).cardinality()
                    == pl.intValue() - pf.intValue() + 1;
        assertThat(parentInside).as("%s could merge into %s", p, parent).isFalse();
      }
    }
    assertThat(covered).isEqualTo(wanted);
  }

  @Property
  void parserNeverAcceptsNoise(@ForAll("noise") String text) {
    try {
      IpAddress a = IpAddress.parse(text);
      // Whatever it accepts must mean one address: the canonical text parses back to it.
      assertThat(IpAddress.parse(a.toString())).isEqualTo(a);
      assertThat(text).doesNotContain(" ");
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
    }
  }

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.strings()
        .withChars("0123456789abcdefABCDEF:.% /x-")
        .ofMinLength(0)
        .ofMaxLength(45);
  }
}
