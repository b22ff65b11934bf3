package dev.sockit.core.host;

import dev.sockit.core.address.IpAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks the system resolver (the same path every Java program and {@code getaddrinfo} take: hosts
 * file, DNS, mDNS as configured), and times the answer.
 */
public final class NameLookup {
  private NameLookup() {}

  /**
   * A forward answer: the addresses in the resolver's order.
   *
   * @param name the name asked for
   * @param addresses every A and AAAA address, in the order the resolver returned them
   * @param took how long the lookup took
   */
  public record Forward(String name, List<IpAddress> addresses, Duration took) {
    /** Copies the list. */
    public Forward {
      addresses = List.copyOf(addresses);
    }
  }

  /**
   * A reverse answer.
   *
   * @param address the address asked about
   * @param name the PTR (or hosts-file) name, or empty when there is none
   * @param took how long the lookup took
   */
  public record Reverse(IpAddress address, Optional<String> name, Duration took) {}

  /**
   * Looks a host name up. The caller checks the name's syntax first ({@code HostPort.checkHost}),
   * so that an address typo never turns into a DNS query.
   *
   * @param name the host name
   * @return the addresses
   * @throws UnknownHostException if the resolver knows no address for it
   */
  public static Forward forward(String name) throws UnknownHostException {
    Objects.requireNonNull(name, "name");
    long start = System.nanoTime();
    InetAddress[] all = InetAddress.getAllByName(name);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    List<IpAddress> out = new ArrayList<>();
    for (InetAddress a : all) {
      out.add(IpAddress.of(a));
    }
    return new Forward(name, out, took);
  }

  /**
   * Looks up the name of an address (PTR record or hosts file).
   *
   * @param address the address
   * @return the answer; an empty name when the resolver has none
   */
  public static Reverse reverse(IpAddress address) {
    Objects.requireNonNull(address, "address");
    InetAddress inet = address.withZone(null).toInetAddress();
    long start = System.nanoTime();
    String name = inet.getCanonicalHostName();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    // The JDK answers with the address text itself when there is no name.
    boolean none =
        name.equals(inet.getHostAddress())
            || name.indexOf(':') >= 0
            || name.equals(address.withZone(null).toString());
    return new Reverse(address, none ? Optional.empty() : Optional.of(name), took);
  }
}
