package dev.sockit.core.servicename;

import dev.sockit.core.net.Transport;
import dev.sockit.core.portnumber.ServiceEntry;
import dev.sockit.core.portnumber.ServiceRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The IANA registry of {@link ServiceRegistry} as a {@link ServiceNames}. The first few names are
 * looked up row by row (a scan usually names a handful of open ports, and indexing all 12,000 rows
 * cost {@code sockit scan} 30 ms of start-up); after {@value #INDEX_AFTER} lookups the registry is
 * indexed by port, so that naming every port of a full scan costs an array lookup.
 */
final class RegistryNames implements ServiceNames {
  static final int INDEX_AFTER = 32;

  private final Supplier<ServiceRegistry> registry;
  private final AtomicInteger lookups = new AtomicInteger();
  private volatile String[] tcp;
  private volatile String[] udp;

  RegistryNames(ServiceRegistry registry) {
    this(() -> registry);
    Objects.requireNonNull(registry, "registry");
  }

  /**
   * Reads the registry from {@code registry} at the first lookup (the bundled one takes 6 ms to
   * load).
   */
  RegistryNames(Supplier<ServiceRegistry> registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public Optional<String> name(int port, Transport transport) {
    if (NameIndex.nameless(port, transport)) {
      return Optional.empty();
    }
    boolean isUdp = transport == Transport.UDP;
    String[] table = isUdp ? udp : tcp;
    if (table == null && lookups.incrementAndGet() > INDEX_AFTER) {
      table = registry.get().firstNames(isUdp);
      if (isUdp) {
        udp = table;
      } else {
        tcp = table;
      }
    }
    return Optional.ofNullable(table != null ? table[port] : registry.get().firstName(port, isUdp));
  }

  @Override
  public OptionalInt port(String name, Transport transport) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(transport, "transport");
    if (name.isBlank()) {
      return OptionalInt.empty(); // rows without a name must not answer to an empty one
    }
    return registry.get().byName(name).stream()
        .filter(e -> e.protocol().equals(transport.label()))
        .mapToInt(ServiceEntry::firstPort)
        .min();
  }
}
