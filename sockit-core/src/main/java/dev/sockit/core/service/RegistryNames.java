package dev.sockit.core.service;

import dev.sockit.core.event.TrafficEvent.Transport;
import dev.sockit.core.port.ServiceEntry;
import dev.sockit.core.port.ServiceRegistry;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The IANA registry of {@link ServiceRegistry} as a {@link ServiceNames}, indexed once by port so
 * that naming every port of a full scan costs an array lookup, not a pass over 12,000 rows.
 */
final class RegistryNames implements ServiceNames {
  private final String[] tcp = new String[65536];
  private final String[] udp = new String[65536];
  private final Map<String, Integer> byName = new HashMap<>();

  RegistryNames(ServiceRegistry registry) {
    for (ServiceEntry e : registry.entries()) {
      if (e.name().isEmpty()) {
        continue;
      }
      String[] table = "udp".equals(e.protocol()) ? udp : tcp;
      for (int p = e.firstPort(); p <= e.lastPort(); p++) {
        if (table[p] == null) {
          table[p] = e.name();
        }
      }
      byName.merge(e.protocol() + "/" + e.name().toLowerCase(Locale.ROOT), e.firstPort(), Math::min);
    }
  }

  @Override
  public Optional<String> name(int port, Transport transport) {
    Objects.requireNonNull(transport, "transport");
    if (port < 0 || port > 65535 || transport == Transport.UNIX) {
      return Optional.empty();
    }
    return Optional.ofNullable((transport == Transport.UDP ? udp : tcp)[port]);
  }

  @Override
  public OptionalInt port(String name, Transport transport) {
    Integer p = byName.get(transport.label() + "/" + name.toLowerCase(Locale.ROOT));
    return p == null ? OptionalInt.empty() : OptionalInt.of(p);
  }
}
