package dev.sockit.core.servicename;

import dev.sockit.core.net.Transport;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Looks up the service registered for a port, and the port of a service name. Implementations are
 * immutable and safe to share between threads.
 */
public interface ServiceNames {

  /**
   * The service name for {@code port} over {@code transport}, e.g. {@code ssh} for 22/tcp.
   *
   * @param port 0 to 65535
   * @param transport TCP or UDP; UNIX has no ports and always gives an empty result
   * @return the name, or empty when none is known
   * @throws NullPointerException if {@code transport} is null
   */
  Optional<String> name(int port, Transport transport);

  /**
   * The port of a service name, e.g. 22 for {@code ssh} over TCP; case-insensitive.
   *
   * @param name the service name
   * @param transport TCP or UDP
   * @return the port of that name, or empty; where several ports share a name (http-alt), the
   *     implementation says which it picks
   * @throws NullPointerException if an argument is null
   */
  OptionalInt port(String name, Transport transport);

  /**
   * This lookup, falling back to {@code other} where this one knows nothing.
   *
   * @param other the fallback
   * @return the combined lookup
   * @throws NullPointerException if {@code other} is null
   */
  default ServiceNames orElse(ServiceNames other) {
    Objects.requireNonNull(other, "other");
    ServiceNames first = this;
    return new ServiceNames() {
      @Override
      public Optional<String> name(int port, Transport transport) {
        Optional<String> n = first.name(port, transport);
        return n.isPresent() ? n : other.name(port, transport);
      }

      @Override
      public OptionalInt port(String name, Transport transport) {
        OptionalInt p = first.port(name, transport);
        return p.isPresent() ? p : other.port(name, transport);
      }
    };
  }

  /**
   * The names sockit shows: its table of common ports (which also knows widely used unregistered
   * names such as {@code redis} and {@code kafka}) first, then the bundled IANA registry. Names by
   * port come from a table made ahead of time from those two (a small read); ports by name read the
   * two tables on first use.
   *
   * @return the lookup, one shared instance
   */
  static ServiceNames standard() {
    return NameIndex.standard();
  }

  /**
   * A lookup that knows no names, for output that must stay numeric.
   *
   * @return the empty lookup
   */
  static ServiceNames none() {
    return new ServiceNames() {
      @Override
      public Optional<String> name(int port, Transport transport) {
        return Optional.empty();
      }

      @Override
      public OptionalInt port(String name, Transport transport) {
        return OptionalInt.empty();
      }
    };
  }
}
