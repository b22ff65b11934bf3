package dev.sockit.core.tcp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Test-only names under the reserved {@code .test} TLD that resolve to both loopback addresses in a
 * fixed order, so the client's address-by-address fallback can be tested on any host whatever its
 * {@code /etc/hosts} says. Every other name goes to the JDK's own resolver unchanged.
 */
public final class TestHostsResolverProvider extends InetAddressResolverProvider {
  /** Resolves to {@code ::1} then {@code 127.0.0.1}. */
  static final String V6_FIRST = "v6-first.sockit.test";

  /** Resolves to {@code 127.0.0.1} then {@code ::1}. */
  static final String V4_FIRST = "v4-first.sockit.test";

  @Override
  public InetAddressResolver get(Configuration configuration) {
    InetAddressResolver builtin = configuration.builtinResolver();
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
          throws UnknownHostException {
        List<InetAddress> fixed =
            switch (host.toLowerCase(Locale.ROOT)) {
              case V6_FIRST -> List.of(v6(), v4());
              case V4_FIRST -> List.of(v4(), v6());
              default -> null;
            };
        if (fixed == null) {
          return builtin.lookupByName(host, policy);
        }
        int c = policy.characteristics();
        return fixed.stream()
            .filter(
                a ->
                    a.getAddress().length == 4
                        ? (c & LookupPolicy.IPV4) != 0
                        : (c & LookupPolicy.IPV6) != 0);
      }

      @Override
      public String lookupByAddress(byte[] addr) throws UnknownHostException {
        return builtin.lookupByAddress(addr);
      }
    };
  }

  @Override
  public String name() {
    return "sockit test hosts";
  }

  private static InetAddress v4() throws UnknownHostException {
    return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
  }

  private static InetAddress v6() throws UnknownHostException {
    byte[] b = new byte[16];
    b[15] = 1;
    return InetAddress.getByAddress(b);
  }
}
