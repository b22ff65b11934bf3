package dev.sockit.core.ipmsg;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files this engine offered, by the offering message's packet number: who may fetch them (the
 * addresses of the peer they were offered to, and no one else) and where they are.
 *
 * <p>Bounded: the oldest offers are forgotten beyond the limit; a {@code RELEASEFILES} from the
 * peer forgets one at once.
 */
final class SharedFiles {
  /** One offered file or folder. */
  record Entry(Attachment attachment, Path path) {}

  private record Shared(String peerId, Set<InetAddress> allowed, List<Entry> entries) {}

  private final Map<Long, Shared> offers;

  SharedFiles(int max) {
    this.offers =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Shared> eldest) {
            return size() > max;
          }
        };
  }

  /**
   * The attachments describing {@code paths}, numbered from 0.
   *
   * @throws IOException naming a path that is missing, not a regular file or folder, or unnamed
   */
  static List<Attachment> describe(List<Path> paths) throws IOException {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("name at least one file or folder to send");
    }
    if (paths.size() > 100) {
      throw new IllegalArgumentException("at most 100 files or folders in one message");
    }
    List<Attachment> out = new ArrayList<>();
    for (Path p : paths) {
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(p, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        throw new LanException("cannot send " + p + ": no such file or folder");
      }
      if (!a.isRegularFile() && !a.isDirectory()) {
        throw new LanException("cannot send " + p + ": not a regular file or folder");
      }
      if (!Files.isReadable(p)) {
        throw new LanException("cannot send " + p + ": not readable");
      }
      Path name = p.toAbsolutePath().normalize().getFileName();
      if (name == null) {
        throw new LanException("cannot send " + p + ": it has no name (the root folder?)");
      }
      out.add(
          new Attachment(
              out.size(),
              name.toString(),
              a.isDirectory() ? 0 : a.size(),
              Math.max(0, a.lastModifiedTime().toMillis() / 1000),
              a.isDirectory() ? Attachment.FOLDER : Attachment.REGULAR));
    }
    return out;
  }

  synchronized void register(
      long packetNo,
      String peerId,
      Set<InetAddress> allowed,
      List<Path> paths,
      List<Attachment> files) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      entries.add(new Entry(files.get(i), paths.get(i).toAbsolutePath().normalize()));
    }
    offers.put(packetNo, new Shared(peerId, Set.copyOf(allowed), List.copyOf(entries)));
  }

  /**
   * The file a request names, if {@code from} may have it.
   *
   * @param packetNo the offer's packet number (the request writes it in hex)
   * @param fileId the file id as the request wrote it: hex by the draft, decimal by some clients
   * @param from who asks
   * @param folder whether a folder is asked for ({@code GETDIRFILES})
   * @throws LanException saying why not: no such offer, not offered to that address, no such file
   */
  synchronized Entry find(long packetNo, String fileId, InetAddress from, boolean folder)
      throws LanException {
    Shared s = offers.get(packetNo);
    if (s == null) {
      throw new LanException("no offer has packet number " + packetNo + " (expired or never made)");
    }
    if (!s.allowed().contains(from)) {
      throw new LanException(
          "offer " + packetNo + " was not made to " + from.getHostAddress() + "; refused");
    }
    for (long id : new long[] {Attachment.hex(fileId), decimal(fileId)}) {
      for (Entry e : s.entries()) {
        if (id >= 0 && e.attachment().fileId() == id && e.attachment().isFolder() == folder) {
          return e;
        }
      }
    }
    throw new LanException(
        "offer " + packetNo + " has no " + (folder ? "folder" : "file") + " with id " + fileId);
  }

  private static long decimal(String s) {
    String t = s.strip();
    return !t.isEmpty() && t.length() <= 18 && t.chars().allMatch(Character::isDigit)
        ? Long.parseLong(t)
        : -1;
  }

  /** The peer asked to forget an offer ({@code RELEASEFILES}); only that peer may. */
  synchronized void release(long packetNo, InetAddress from) {
    Shared s = offers.get(packetNo);
    if (s != null && s.allowed().contains(from)) {
      offers.remove(packetNo);
    }
  }

  /** How many offers are kept. */
  synchronized int size() {
    return offers.size();
  }
}
