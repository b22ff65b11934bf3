package dev.sockit.core.address;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * One IPv4 or IPv6 address as a value: the 32 or 128 bits and, for IPv6, an optional zone ({@code
 * fe80::1%eth0}). The bits are kept in two longs so that prefix arithmetic is a handful of machine
 * instructions; an IPv4 address lives in the low 32 bits of {@code low}.
 *
 * <p>{@link #parse(String)} is strict and never consults DNS.
 *
 * @param version the IP version
 * @param high the upper 64 bits of an IPv6 address; 0 for IPv4
 * @param low the lower 64 bits (IPv6) or the 32 bits, unsigned (IPv4)
 * @param zone the IPv6 zone without {@code %}, or {@code null}
 */
public record IpAddress(IpVersion version, long high, long low, String zone)
    implements Comparable<IpAddress> {

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  /** Checks that the bits fit the version and that only IPv6 has a zone. */
  public IpAddress {
    Objects.requireNonNull(version, "version");
    if (version == IpVersion.IPV4) {
      if (high != 0 || (low >>> 32) != 0) {
        throw new IllegalArgumentException("an IPv4 address has 32 bits");
      }
      if (zone != null) {
        throw new IllegalArgumentException("only IPv6 addresses have a zone");
      }
    } else if (zone != null) {
      IpParser.checkZone(zone, zone);
    }
  }

  /**
   * Parses an IPv4 address (dotted decimal, four parts, no leading zeros) or an IPv6 address (RFC
   * 4291 text, an embedded dotted IPv4 tail and a {@code %zone} allowed). Never asks DNS.
   *
   * @param text the literal
   * @return the address
   * @throws IllegalArgumentException with a one-line reason naming the bad text
   * @throws NullPointerException if {@code text} is null
   */
  public static IpAddress parse(String text) {
    return IpParser.parse(text);
  }

  /**
   * An IPv4 address from its 32 bits.
   *
   * @param bits the address, e.g. {@code 0x7f000001}
   * @return the address
   */
  public static IpAddress ipv4(int bits) {
    return new IpAddress(IpVersion.IPV4, 0, bits & 0xffff_ffffL, null);
  }

  /**
   * An IPv6 address from its 128 bits.
   *
   * @param high the upper 64 bits
   * @param low the lower 64 bits
   * @return the address, without zone
   */
  public static IpAddress ipv6(long high, long low) {
    return new IpAddress(IpVersion.IPV6, high, low, null);
  }

  /**
   * An address from 4 or 16 bytes in network order.
   *
   * @param bytes the bytes (copied)
   * @return the address
   * @throws IllegalArgumentException if the length is neither 4 nor 16
   */
  public static IpAddress ofBytes(byte[] bytes) {
    if (bytes.length == 4) {
      return ipv4(
          ((bytes[0] & 0xff) << 24)
              | ((bytes[1] & 0xff) << 16)
              | ((bytes[2] & 0xff) << 8)
              | (bytes[3] & 0xff));
    }
    if (bytes.length == 16) {
      return ipv6(longAt(bytes, 0), longAt(bytes, 8));
    }
    throw new IllegalArgumentException("an IP address has 4 or 16 bytes, got " + bytes.length);
  }

  /**
   * The address of a {@link InetAddress}, keeping an IPv6 scope as the zone.
   *
   * @param address the address
   * @return the value
   */
  public static IpAddress of(InetAddress address) {
    IpAddress a = ofBytes(address.getAddress());
    if (address instanceof Inet6Address v6) {
      if (v6.getScopedInterface() != null) {
        return a.withZone(v6.getScopedInterface().getName());
      }
      if (v6.getScopeId() != 0) {
        return a.withZone(Integer.toString(v6.getScopeId()));
      }
    }
    return a;
  }

  /**
   * An address from its unsigned value.
   *
   * @param version the version
   * @param value 0 to 2<sup>bits</sup>-1
   * @return the address
   * @throws IllegalArgumentException if the value does not fit
   */
  public static IpAddress of(IpVersion version, BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > version.bits()) {
      throw new IllegalArgumentException(value + " is not a " + version.bits() + "-bit value");
    }
    if (version == IpVersion.IPV4) {
      return ipv4(value.intValue());
    }
    return ipv6(value.shiftRight(64).longValue(), value.longValue());
  }

  private static long longAt(byte[] b, int from) {
    long v = 0;
    for (int i = from; i < from + 8; i++) {
      v = (v << 8) | (b[i] & 0xff);
    }
    return v;
  }

  /**
   * Whether this is an IPv4 address.
   *
   * @return {@code true} for IPv4
   */
  public boolean isIpv4() {
    return version == IpVersion.IPV4;
  }

  /**
   * The same bits with another zone.
   *
   * @param newZone the zone or {@code null}
   * @return the address
   */
  public IpAddress withZone(String newZone) {
    return new IpAddress(version, high, low, newZone);
  }

  /**
   * The bytes in network order, a fresh array of 4 or 16.
   *
   * @return the bytes
   */
  public byte[] bytes() {
    if (isIpv4()) {
      int v = (int) low;
      return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (high >>> (56 - 8 * i));
      out[8 + i] = (byte) (low >>> (56 - 8 * i));
    }
    return out;
  }

  /**
   * The unsigned value, 0 to 2<sup>32</sup>-1 or 2<sup>128</sup>-1.
   *
   * @return the value
   */
  public BigInteger toBigInteger() {
    if (isIpv4()) {
      return BigInteger.valueOf(low);
    }
    BigInteger lo = BigInteger.valueOf(low);
    if (low < 0) {
      lo = lo.add(TWO_64);
    }
    BigInteger hi = BigInteger.valueOf(high);
    if (high < 0) {
      hi = hi.add(TWO_64);
    }
    return hi.shiftLeft(64).or(lo);
  }

  /**
   * A {@link InetAddress} for the socket API. IPv4-mapped IPv6 stays an {@link Inet6Address}. A
   * named zone must name an interface of this host.
   *
   * @return the address
   * @throws IllegalArgumentException if the zone names no interface here
   */
  public InetAddress toInetAddress() {
    try {
      if (isIpv4()) {
        return Inet4Address.getByAddress(bytes());
      }
      if (zone == null) {
        return Inet6Address.getByAddress(null, bytes(), null);
      }
      if (zone.chars().allMatch(c -> c >= '0' && c <= '9') && zone.length() < 10) {
        return Inet6Address.getByAddress(null, bytes(), Integer.parseInt(zone));
      }
      NetworkInterface nif = NetworkInterface.getByName(zone);
      if (nif == null) {
        throw new IllegalArgumentException(
            "zone '"
                + zone
                + "' of "
                + this
                + " names no interface of this host; see 'sockit ifaces'");
      }
      return Inet6Address.getByAddress(null, bytes(), nif);
    } catch (UnknownHostException | SocketException e) {
      throw new IllegalArgumentException(this + ": " + e.getMessage(), e);
    }
  }

  /**
   * Canonical text: dotted decimal for IPv4, RFC 5952 for IPv6 (lower case, shortest, the longest
   * zero run as {@code ::}, IPv4-mapped as {@code ::ffff:a.b.c.d}), the zone appended.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return AddressText.canonical(this);
  }

  /**
   * Every group written out: {@code 010.000.000.001} is never produced; IPv4 stays dotted decimal,
   * IPv6 becomes eight four-digit groups ({@code 2001:0db8:0000:...}).
   *
   * @return the text, without zone
   */
  public String expanded() {
    return AddressText.expanded(this);
  }

  /**
   * The bits as the teaching text writes them: IPv4 as four dotted octets ({@code
   * 00001010.00000000.00000000.00000001}), IPv6 as eight colon-separated 16-bit groups.
   *
   * @return the binary text
   */
  public String binary() {
    return AddressText.binary(this);
  }

  /**
   * The value in hexadecimal with {@code 0x}, 8 or 32 digits.
   *
   * @return the hex text
   */
  public String hex() {
    StringBuilder sb = new StringBuilder(34).append("0x");
    if (isIpv4()) {
      appendHex(sb, low, 8);
    } else {
      appendHex(sb, high, 16);
      appendHex(sb, low, 16);
    }
    return sb.toString();
  }

  private static void appendHex(StringBuilder sb, long v, int digits) {
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
      sb.append(Character.forDigit((int) (v >>> shift) & 0xf, 16));
    }
  }

  // equals and hashCode are written out: the record defaults bootstrap through invokedynamic,
  // which costs about 10 ms the first time in a short-lived CLI process.

  /** Same version, bits and zone. */
  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress a
        && version == a.version
        && high == a.high
        && low == a.low
        && Objects.equals(zone, a.zone);
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(high) * 31 + Long.hashCode(low)) * 31
        + version.ordinal()
        + (zone == null ? 0 : zone.hashCode() * 7);
  }

  /**
   * The address {@code n} further on, or {@code null} past either end (no wrap-around).
   *
   * @param n the distance, negative for earlier addresses
   * @return the address or {@code null}
   */
  public IpAddress plus(long n) {
    if (isIpv4()) {
      long v = low + n;
      return v < 0 || v > 0xffff_ffffL ? null : ipv4((int) v);
    }
    BigInteger v = toBigInteger().add(BigInteger.valueOf(n));
    if (v.signum() < 0 || v.bitLength() > 128) {
      return null;
    }
    return of(IpVersion.IPV6, v);
  }

  /** Orders IPv4 before IPv6, then by value, then by zone (none first). */
  @Override
  public int compareTo(IpAddress o) {
    int c = version.compareTo(o.version);
    if (c == 0) {
      c = Long.compareUnsigned(high, o.high);
    }
    if (c == 0) {
      c = Long.compareUnsigned(low, o.low);
    }
    if (c == 0 && !Objects.equals(zone, o.zone)) {
      c = zone == null ? -1 : o.zone == null ? 1 : zone.compareTo(o.zone);
    }
    return c;
  }
}
