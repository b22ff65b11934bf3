package dev.sockit.core.address;

import java.math.BigInteger;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An address with a prefix length, as in {@code 192.168.1.10/24}: the address keeps its host bits
 * (so the user's input is not lost) and the network, masks, broadcast and host range are derived.
 *
 * <p>Host counting follows RFC 3021 and RFC 4291: an IPv4 /31 has 2 usable hosts and no broadcast,
 * a /32 has 1; an IPv6 prefix shorter than /127 leaves out its first address (the Subnet-Router
 * anycast address, RFC 4291 section 2.6.1), /127 has 2 and /128 has 1. Nothing wraps around.
 *
 * @param address the address as given, zone allowed
 * @param length 0 to 32 (IPv4) or 128 (IPv6)
 */
public record Prefix(IpAddress address, int length) {

  /** Checks the length against the address width. */
  public Prefix {
    Objects.requireNonNull(address, "address");
    int bits = address.version().bits();
    if (length < 0 || length > bits) {
      throw new IllegalArgumentException(
          "prefix length /"
              + length
              + " is out of range: "
              + address.version().label()
              + " allows /0 to /"
              + bits);
    }
  }

  /**
   * Parses {@code ADDRESS}, {@code ADDRESS/LENGTH} or {@code IPV4/NETMASK} ({@code
   * 10.0.0.1/255.0.0.0}). A bare address is a full-length prefix.
   *
   * @param text the text
   * @return the prefix
   * @throws IllegalArgumentException with a one-line reason
   */
  public static Prefix parse(String text) {
    Objects.requireNonNull(text, "text");
    int slash = text.indexOf('/');
    if (slash < 0) {
      IpAddress a = IpAddress.parse(text);
      return new Prefix(a, a.version().bits());
    }
    if (text.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException(
          AddressText.quote(text)
              + " has more than one '/'; write ADDRESS/LENGTH, e.g. 10.0.0.0/8");
    }
    return of(IpAddress.parse(text.substring(0, slash)), text.substring(slash + 1));
  }

  /**
   * An address with a length ({@code 24}, {@code /24}) or a netmask ({@code 255.255.255.0}).
   *
   * @param address the address
   * @param lengthOrMask the length or netmask text
   * @return the prefix
   * @throws IllegalArgumentException with a one-line reason for a bad length or mask
   */
  public static Prefix of(IpAddress address, String lengthOrMask) {
    Objects.requireNonNull(lengthOrMask, "lengthOrMask");
    String t = lengthOrMask.startsWith("/") ? lengthOrMask.substring(1) : lengthOrMask;
    int bits = address.version().bits();
    if (allDigits(t)) {
      if (t.length() > 1 && t.charAt(0) == '0') {
        throw new IllegalArgumentException(
            "prefix length '/"
                + t
                + "' has a leading zero; write /"
                + t.replaceFirst("^0+(?=.)", ""));
      }
      if (t.length() > 3 || Integer.parseInt(t) > bits) {
        throw new IllegalArgumentException(
            "prefix length /"
                + t
                + " is out of range: "
                + address.version().label()
                + " allows /0 to /"
                + bits);
      }
      return new Prefix(address, Integer.parseInt(t));
    }
    if (t.isEmpty()) {
      throw new IllegalArgumentException(
          "the prefix length after '/' is missing; write e.g. /24 or /255.255.255.0");
    }
    IpAddress mask;
    try {
      mask = IpAddress.parse(t);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          AddressText.quote(lengthOrMask)
              + " is neither a prefix length 0-"
              + bits
              + " nor a netmask such as 255.255.255.0");
    }
    if (mask.version() != address.version()) {
      throw new IllegalArgumentException(
          "netmask "
              + mask
              + " is "
              + mask.version().label()
              + " but the address "
              + address
              + " is "
              + address.version().label());
    }
    return new Prefix(address, lengthOfNetmask(mask));
  }

  /**
   * The prefix length a netmask stands for.
   *
   * @param mask a netmask such as {@code 255.255.240.0}
   * @return its length
   * @throws IllegalArgumentException if the ones are not contiguous, naming the wildcard case
   */
  public static int lengthOfNetmask(IpAddress mask) {
    int bits = mask.version().bits();
    for (int len = 0; len <= bits; len++) {
      if (mask.high() == maskHigh(mask.version(), len)
          && mask.low() == maskLow(mask.version(), len)) {
        return len;
      }
    }
    IpAddress inverted = not(mask);
    for (int len = 0; len <= bits; len++) {
      if (inverted.high() == maskHigh(mask.version(), len)
          && inverted.low() == maskLow(mask.version(), len)) {
        return throwWildcard(mask, len);
      }
    }
    throw new IllegalArgumentException(
        "netmask "
            + mask
            + " is not contiguous: in binary ("
            + mask.binary()
            + ") all ones must come before all zeros, e.g. 255.255.255.0");
  }

  private static int throwWildcard(IpAddress mask, int len) {
    throw new IllegalArgumentException(
        "netmask "
            + mask
            + " is upside down: that is a wildcard (host) mask; the netmask is "
            + netmaskOf(mask.version(), len)
            + " (/"
            + len
            + ")");
  }

  private static boolean allDigits(String t) {
    for (int i = 0; i < t.length(); i++) {
      if (t.charAt(i) < '0' || t.charAt(i) > '9') {
        return false;
      }
    }
    return !t.isEmpty();
  }

  static long maskHigh(IpVersion v, int len) {
    if (v == IpVersion.IPV4 || len == 0) {
      return 0;
    }
    return len >= 64 ? -1L : -1L << (64 - len);
  }

  static long maskLow(IpVersion v, int len) {
    if (v == IpVersion.IPV4) {
      return len == 0 ? 0 : (0xffff_ffffL << (32 - len)) & 0xffff_ffffL;
    }
    if (len <= 64) {
      return 0;
    }
    return len == 128 ? -1L : -1L << (128 - len);
  }

  static IpAddress netmaskOf(IpVersion v, int len) {
    return new IpAddress(v, maskHigh(v, len), maskLow(v, len), null);
  }

  private static IpAddress not(IpAddress a) {
    long all = a.isIpv4() ? 0xffff_ffffL : -1L;
    return new IpAddress(a.version(), a.isIpv4() ? 0 : ~a.high(), ~a.low() & all, null);
  }

  /**
   * The netmask, e.g. {@code 255.255.255.0} or {@code ffff:ffff:ffff:ffff::}.
   *
   * @return the mask
   */
  public IpAddress netmask() {
    return netmaskOf(address.version(), length);
  }

  /**
   * The wildcard (host) mask, the netmask inverted, e.g. {@code 0.0.0.255}.
   *
   * @return the mask
   */
  public IpAddress wildcard() {
    return not(netmask());
  }

  /**
   * The first address of the network (host bits cleared, zone dropped).
   *
   * @return the network address
   */
  public IpAddress network() {
    IpVersion v = address.version();
    return new IpAddress(
        v, address.high() & maskHigh(v, length), address.low() & maskLow(v, length), null);
  }

  /**
   * The last address of the network (host bits set, zone dropped).
   *
   * @return the last address
   */
  public IpAddress last() {
    IpAddress w = wildcard();
    IpAddress n = network();
    return new IpAddress(n.version(), n.high() | w.high(), n.low() | w.low(), null);
  }

  /**
   * This prefix with the host bits cleared: {@code 10.1.2.3/8} gives {@code 10.0.0.0/8}.
   *
   * @return the network prefix
   */
  public Prefix toNetwork() {
    return new Prefix(network(), length);
  }

  /**
   * Whether the address has no host bits set (and no zone).
   *
   * @return {@code true} for a network address
   */
  public boolean isNetwork() {
    return address.equals(network());
  }

  /**
   * The IPv4 directed broadcast address; none for IPv6 (it has no broadcast) and none for /31 and
   * /32 (RFC 3021).
   *
   * @return the broadcast address, if there is one
   */
  public Optional<IpAddress> broadcast() {
    return address.isIpv4() && length <= 30 ? Optional.of(last()) : Optional.empty();
  }

  /**
   * The first usable host address.
   *
   * @return the address
   */
  public IpAddress firstHost() {
    return length >= address.version().bits() - 1 ? network() : network().plus(1);
  }

  /**
   * The last usable host address: the one before the broadcast for IPv4 up to /30, else the last.
   *
   * @return the address
   */
  public IpAddress lastHost() {
    return address.isIpv4() && length <= 30 ? last().plus(-1) : last();
  }

  /**
   * How many addresses the prefix spans, exactly: 2<sup>bits-length</sup>.
   *
   * @return the count
   */
  public BigInteger size() {
    return BigInteger.ONE.shiftLeft(address.version().bits() - length);
  }

  /**
   * How many host addresses are usable (see the class comment for /31, /32, /127, /128).
   *
   * @return the count, at least 1
   */
  public BigInteger usableHosts() {
    return usableHosts(address.version(), length);
  }

  static BigInteger usableHosts(IpVersion v, int length) {
    int hostBits = v.bits() - length;
    if (hostBits <= 1) {
      return BigInteger.valueOf(hostBits + 1L);
    }
    BigInteger size = BigInteger.ONE.shiftLeft(hostBits);
    return size.subtract(BigInteger.valueOf(v == IpVersion.IPV4 ? 2 : 1));
  }

  /**
   * The longest prefix length (smallest subnet) whose usable hosts are at least {@code hosts}.
   *
   * @param v the IP version
   * @param hosts how many hosts each subnet must hold, at least 1
   * @return the length
   * @throws IllegalArgumentException if even /0 is too small or {@code hosts} is below 1
   */
  public static int lengthForHosts(IpVersion v, BigInteger hosts) {
    if (hosts.signum() <= 0) {
      throw new IllegalArgumentException("the host count must be at least 1, got " + hosts);
    }
    for (int len = v.bits(); len >= 0; len--) {
      if (usableHosts(v, len).compareTo(hosts) >= 0) {
        return len;
      }
    }
    throw new IllegalArgumentException(
        hosts + " hosts do not fit in any " + v.label() + " network");
  }

  /**
   * Whether {@code other} lies in this network. Different versions never contain each other; zones
   * are ignored.
   *
   * @param other the address
   * @return {@code true} if inside
   */
  public boolean contains(IpAddress other) {
    if (other.version() != address.version()) {
      return false;
    }
    IpVersion v = address.version();
    return (other.high() & maskHigh(v, length)) == (address.high() & maskHigh(v, length))
        && (other.low() & maskLow(v, length)) == (address.low() & maskLow(v, length));
  }

  /**
   * Whether every address of {@code other} lies in this network.
   *
   * @param other the prefix
   * @return {@code true} if inside
   */
  public boolean contains(Prefix other) {
    return other.length >= length && contains(other.address);
  }

  /**
   * The subnets of length {@code newLength} that tile this network, in order, computed on demand.
   *
   * @param newLength from {@link #length()} to the address width
   * @return the subnets
   * @throws IllegalArgumentException if {@code newLength} is out of range or there would be more
   *     than {@link Integer#MAX_VALUE} subnets
   */
  public List<Prefix> subnets(int newLength) {
    int bits = address.version().bits();
    if (newLength < length || newLength > bits) {
      throw new IllegalArgumentException(
          "cannot split /"
              + length
              + " into /"
              + newLength
              + ": the new length must be from /"
              + length
              + " to /"
              + bits);
    }
    if (newLength - length > 30) {
      throw new IllegalArgumentException(
          "splitting /"
              + length
              + " into /"
              + newLength
              + " makes 2^"
              + (newLength - length)
              + " subnets; choose a length at most /"
              + (length + 30));
    }
    int count = 1 << (newLength - length);
    IpAddress base = network();
    BigInteger step = BigInteger.ONE.shiftLeft(bits - newLength);
    BigInteger start = base.toBigInteger();
    return new AbstractList<>() {
      @Override
      public Prefix get(int index) {
        Objects.checkIndex(index, count);
        return new Prefix(
            IpAddress.of(base.version(), start.add(step.multiply(BigInteger.valueOf(index)))),
            newLength);
      }

      @Override
      public int size() {
        return count;
      }
    };
  }

  /** Same address (zone included) and length; written out to avoid the record's indy bootstrap. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Prefix p && length == p.length && address.equals(p.address);
  }

  @Override
  public int hashCode() {
    return address.hashCode() * 31 + length;
  }

  /** {@code address/length} as given, e.g. {@code 10.0.0.1/8}. */
  @Override
  public String toString() {
    return address + "/" + length;
  }
}
