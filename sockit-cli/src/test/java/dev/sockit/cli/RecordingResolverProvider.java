package dev.sockit.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Installed in the cli test JVM through {@code META-INF/services}: passes every lookup to the JDK's
 * own resolver unchanged and records what was asked, so tests can prove that a command never
 * reached DNS.
 */
public final class RecordingResolverProvider extends InetAddressResolverProvider {
  /** Every host name and reverse-lookup address seen, in order. */
  public static final List<String> LOOKUPS = new CopyOnWriteArrayList<>();

  @Override
  public InetAddressResolver get(Configuration configuration) {
    InetAddressResolver builtin = configuration.builtinResolver();
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
          throws UnknownHostException {
        LOOKUPS.add(host);
        return builtin.lookupByName(host, policy);
      }

      @Override
      public String lookupByAddress(byte[] addr) throws UnknownHostException {
        LOOKUPS.add(Arrays.toString(addr));
        return builtin.lookupByAddress(addr);
      }
    };
  }

  @Override
  public String name() {
    return "sockit cli test recorder";
  }
}
