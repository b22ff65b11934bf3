package dev.sockit.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saved packets (Packet Sender's "packet library"): named send-box contents kept in one JSON file
 * in the user's config folder, {@code {"packets":[{name, data, mode, ending, checksum}, ...]}}, so
 * they survive restarts and can be copied between machines. Writes replace the file atomically.
 * Thread-safe.
 */
final class PacketLibrary {
  static final int MAX_PACKETS = 500;
  private static final List<String> FIELDS = List.of("data", "mode", "ending", "checksum");

  private final Path file;

  PacketLibrary(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** Every saved packet, in the order saved. */
  synchronized List<Map<String, Object>> list() throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    Object v;
    try {
      v = Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " is not valid JSON (" + e.getMessage() + "); fix or remove it");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    if (v instanceof Map<?, ?> m && m.get("packets") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> p && p.get("name") instanceof String) {
          Map<String, Object> copy = new LinkedHashMap<>();
          copy.put("name", p.get("name"));
          for (String f : FIELDS) {
            copy.put(f, String.valueOf(p.get(f) == null ? "" : p.get(f)));
          }
          out.add(copy);
        }
      }
    }
    return out;
  }

  /** Saves (or replaces) the packet named {@code name}. */
  synchronized List<Map<String, Object>> save(String name, Map<String, Object> fields)
      throws IOException {
    String n = name.strip();
    if (n.isEmpty() || n.length() > 64) {
      throw new IllegalArgumentException("a saved packet needs a name of 1 to 64 characters");
    }
    new Payload(
        String.valueOf(fields.get("mode")),
        Payload.charset("UTF-8"),
        String.valueOf(fields.get("ending")),
        String.valueOf(fields.get("checksum")));
    List<Map<String, Object>> all = new ArrayList<>(list());
    all.removeIf(p -> p.get("name").equals(n));
    if (all.size() >= MAX_PACKETS) {
      throw new IllegalStateException(
          "the packet library is full (" + MAX_PACKETS + " packets); delete some first");
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", n);
    for (String f : FIELDS) {
      p.put(f, String.valueOf(fields.get(f)));
    }
    all.add(p);
    write(all);
    return all;
  }

  /**
   * Imports packets exported from this library (or written by hand in the same format): each is
   * validated like a save; a packet with the name of an existing one replaces it.
   *
   * @param document the exported JSON document, {@code {"packets":[...]}}
   * @return the library after the import
   * @throws IllegalArgumentException naming the first bad packet; nothing is imported then
   */
  synchronized List<Map<String, Object>> importAll(Object document) throws IOException {
    if (!(document instanceof Map<?, ?> m) || !(m.get("packets") instanceof List<?> incoming)) {
      throw new IllegalArgumentException(
          "an import needs the exported format {\"packets\":[{\"name\",\"data\",\"mode\",\"ending\",\"checksum\"}]}");
    }
    List<Map<String, Object>> all = new ArrayList<>(list());
    int n = 0;
    for (Object o : incoming) {
      n++;
      if (!(o instanceof Map<?, ?> p)
          || !(p.get("name") instanceof String name)
          || name.isBlank()
          || name.strip().length() > 64) {
        throw new IllegalArgumentException(
            "packet " + n + " of the import has no name of 1 to 64 characters");
      }
      Map<String, Object> packet = new LinkedHashMap<>();
      packet.put("name", name.strip());
      for (String f : FIELDS) {
        packet.put(f, p.get(f) == null ? "" : String.valueOf(p.get(f)));
      }
      try {
        new Payload(
            String.valueOf(packet.get("mode")),
            Payload.charset("UTF-8"),
            String.valueOf(packet.get("ending")),
            String.valueOf(packet.get("checksum")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "packet '" + name + "' of the import: " + e.getMessage());
      }
      all.removeIf(x -> x.get("name").equals(packet.get("name")));
      all.add(packet);
    }
    if (all.size() > MAX_PACKETS) {
      throw new IllegalStateException(
          "the import would make " + all.size() + " packets; the library holds " + MAX_PACKETS);
    }
    write(all);
    return all;
  }

  /** Deletes the packet named {@code name}. */
  synchronized List<Map<String, Object>> delete(String name) throws IOException {
    List<Map<String, Object>> all = new ArrayList<>(list());
    if (!all.removeIf(p -> p.get("name").equals(name))) {
      throw new IllegalArgumentException("no saved packet is named '" + name + "'");
    }
    write(all);
    return all;
  }

  private void write(List<Map<String, Object>> all) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, Json.write(Map.of("packets", all)) + "\n", StandardCharsets.UTF_8);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
