package dev.sockit.core.foreign;

import java.io.IOException;
import java.nio.channels.Channel;

/**
 * Socket calls the JDK does not offer ({@code setsockopt} of {@code IPV6_V6ONLY}, the message calls
 * with control data): the real class is in the jar's Java 22 layer. This Java 21 stand-in says only
 * that none is available (see {@link Libc} for why a stand-in of the same name exists).
 */
public final class NativeSocket {
  /** {@code SOL_IP}, the level of the IPv4 options. */
  public static final int SOL_IP = 0;

  /** {@code SOL_IPV6}, the level of the IPv6 options. */
  public static final int SOL_IPV6 = 41;

  /** {@code IPV6_V6ONLY}: an {@code AF_INET6} socket that does not speak IPv4 as well. */
  public static final int IPV6_V6ONLY = 26;

  private NativeSocket() {}

  @SuppressWarnings("unused")
  private static final class Calls {}

  /**
   * Whether these calls can be made here: never on Java 21.
   *
   * @return false
   */
  public static boolean available() {
    return false;
  }

  /**
   * Never possible on Java 21: IPV6_V6ONLY needs the foreign-function API.
   *
   * @param channel the channel
   * @param where the address it would bind
   * @throws java.net.SocketException always, naming the address and what to do
   */
  public static void ipv6Only(Channel channel, String where) throws IOException {
    throw new java.net.SocketException(
        "cannot make "
            + where
            + " IPv6-only: IPV6_V6ONLY is set through the foreign-function API of Java 22 or later"
            + " on Linux (with native access); run sockit so, or listen on an IPv6 address instead"
            + " of every address");
  }

  /**
   * Never possible on Java 21.
   *
   * @param channel the channel
   * @param level the level
   * @param option the option
   * @param value the value
   * @param name the option's name
   * @throws UnsupportedOperationException always
   */
  public static void setInt(Channel channel, int level, int option, int value, String name)
      throws IOException {
    throw new UnsupportedOperationException("setsockopt(" + name + ") needs Java 22 or later");
  }
}
