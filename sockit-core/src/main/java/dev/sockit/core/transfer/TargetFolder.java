package dev.sockit.core.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The folder a receiver writes into, and every check a name must pass there: it resolves inside the
 * folder, no existing component on the way is a symbolic link, and an existing file is replaced
 * only when overwriting was asked for. Data goes to {@code .NAME.sockit-part} beside the final
 * name; that partial file is what a later transfer resumes from.
 */
final class TargetFolder {
  static final String PARTIAL_SUFFIX = ".sockit-part";
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private final Path root;
  private final boolean overwrite;

  TargetFolder(Path dir, boolean overwrite) throws IOException {
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("cannot receive into " + dir + ": it exists and is not a folder", e);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new IOException("cannot create the folder " + dir + ": permission denied", e);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IOException(
          "cannot create the folder " + dir + ": " + e.getFile() + " cannot be made there", e);
    }
    this.root = dir.toRealPath();
    this.overwrite = overwrite;
  }

  Path root() {
    return root;
  }

  /**
   * Checks every entry before anything is written; throws naming the first that is refused.
   *
   * @return each entry's final path, in order
   */
  List<Path> check(List<TransferEntry> entries) throws TransferException {
    Set<String> seen = new HashSet<>();
    List<Path> targets = new java.util.ArrayList<>(entries.size());
    for (TransferEntry e : entries) {
      if (!seen.add(e.name())) {
        throw new TransferException("refused '" + e.name() + "': offered twice");
      }
      Path target = resolve(e.name());
      targets.add(target);
      BasicFileAttributes a = attributes(target);
      if (a == null) {
        continue;
      }
      if (e.folder() && !a.isDirectory()) {
        throw new TransferException("refused '" + e.name() + "': exists here and is not a folder");
      }
      if (!e.folder() && !a.isRegularFile()) {
        throw new TransferException(
            "refused '" + e.name() + "': exists here and is not a regular file");
      }
      if (!e.folder() && !overwrite && a.size() != e.size()) {
        // One of the same size may be the very file (a folder sent again after an interruption):
        // it is offered back by its SHA-256, kept if the sender's matches, refused if not.
        throw new TransferException(
            "refused '"
                + e.name()
                + "': "
                + e.name()
                + " exists here with other content ("
                + a.size()
                + " bytes, not "
                + e.size()
                + "); receive with --overwrite to replace it");
      }
    }
    return targets;
  }

  /**
   * The final path of {@code name}, refusing names that leave the folder or pass through a link.
   */
  Path resolve(String name) throws TransferException {
    String problem = TransferNames.problem(name);
    if (problem != null) {
      throw new TransferException("refused '" + name + "': " + problem);
    }
    Path target = root.resolve(name).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw new TransferException("refused '" + name + "': escapes the target folder " + root);
    }
    for (Path p = target; !p.equals(root); p = p.getParent()) {
      BasicFileAttributes a = attributes(p); // not following links: a link shows as one
      if (a != null && a.isSymbolicLink()) {
        throw new TransferException(
            "refused '"
                + name
                + "': "
                + p
                + " is a symbolic link; sockit never writes through links");
      }
      if (a != null && p != target && !a.isDirectory()) {
        throw new TransferException("refused '" + name + "': " + p + " is not a folder");
      }
    }
    return target;
  }

  static Path partial(Path target) {
    return target.resolveSibling("." + target.getFileName() + PARTIAL_SUFFIX);
  }

  /**
   * What is already held of {@code target}, a file of {@code size} bytes: the file itself when one
   * of that size is there (a whole file offered back, which the sender skips if its SHA-256 is the
   * same), else its partial file from an interrupted transfer.
   */
  static Resume resume(Path target, long size, java.util.concurrent.atomic.AtomicLong hashed)
      throws IOException {
    BasicFileAttributes whole = attributes(target);
    BasicFileAttributes partial = attributes(partial(target));
    // An interrupted transfer's partial file wins: it is what an interrupted overwrite continues
    // from.
    boolean partialHeld =
        partial != null && partial.isRegularFile() && partial.size() > 0 && partial.size() <= size;
    boolean held = !partialHeld && whole != null && whole.isRegularFile() && whole.size() == size;
    Path part = held ? target : partial(target);
    BasicFileAttributes a = held ? whole : partial;
    MessageDigest digest = Wire.sha256();
    if (held && size == 0) {
      return new Resume(
          0,
          digest,
          digest.digest(),
          true); // an empty file: nothing to offer, kept if it stays empty
    }
    if (a == null || !a.isRegularFile() || a.size() == 0 || a.size() > size) {
      return new Resume(0, digest, new byte[Wire.HASH_BYTES], false);
    }
    long length = a.size();
    try (FileChannel ch = FileChannel.open(part, StandardOpenOption.READ, NOFOLLOW)) {
      ByteBuffer buf = ByteBuffer.allocateDirect(Wire.CHUNK);
      long pos = 0;
      while (pos < length) {
        int n = ch.read(buf.clear().limit((int) Math.min(buf.capacity(), length - pos)), pos);
        if (n < 0) {
          break;
        }
        digest.update(buf.flip());
        pos += n;
        hashed.addAndGet(
            n); // counts as progress for the idle watchdog: hashing a large file takes a while
      }
      length = pos;
    }
    if (held && length != size) { // it shrank while being read: offer nothing
      return new Resume(0, Wire.sha256(), new byte[Wire.HASH_BYTES], false);
    }
    byte[] prefix = clone(digest).digest();
    return new Resume(length, digest, prefix, held);
  }

  /** Creates {@code dir} and its parents, refusing to create through links. */
  void createFolder(Path dir) throws IOException {
    if (attributes(dir) == null) {
      try {
        Files.createDirectories(dir);
      } catch (FileAlreadyExistsException e) {
        throw new TransferException("refused: " + dir + " exists and is not a folder");
      }
    }
  }

  /** Sets the modification time the sender's file had (0: not known, left as it is). */
  static void applyTime(Path p, long modifiedMillis) throws IOException {
    if (modifiedMillis > 0) {
      Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(modifiedMillis));
    }
  }

  /**
   * {@link #applyTime} for a file that was already here: left untouched (its ctime too, which
   * backup tools watch) when its time is already the sender's.
   */
  static void keepTime(Path p, long modifiedMillis) throws IOException {
    if (modifiedMillis > 0 && Files.getLastModifiedTime(p, NOFOLLOW).toMillis() != modifiedMillis) {
      applyTime(p, modifiedMillis);
    }
  }

  static void applyMode(Path p, int mode) throws IOException {
    try {
      Files.setPosixFilePermissions(p, permissions(mode));
    } catch (UnsupportedOperationException e) {
      // the file system has no POSIX modes (FAT, Windows): keep its defaults
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_READ
    };
    for (int bit = 0; bit < order.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        set.add(order[bit]);
      }
    }
    return set;
  }

  static int mode(Set<PosixFilePermission> perms) {
    int mode = 0;
    for (PosixFilePermission p : perms) {
      mode |= 1 << (8 - p.ordinal());
    }
    return mode;
  }

  static MessageDigest clone(MessageDigest d) {
    try {
      return (MessageDigest) d.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 state cannot be copied in this JDK", e);
    }
  }

  static BasicFileAttributes attributes(Path p) {
    try {
      // null when absent, without the exception readAttributes throws (a folder of small files
      // asks about thousands of paths that are not there yet)
      return p.getFileSystem()
          .provider()
          .readAttributesIfExists(p, BasicFileAttributes.class, NOFOLLOW);
    } catch (IOException | UnsupportedOperationException e) {
      return null; // unreadable, which the later open reports with its reason
    }
  }

  /**
   * The state a file's transfer continues from.
   *
   * @param offset bytes already held
   * @param digest SHA-256 state after those bytes
   * @param prefixHash SHA-256 of those bytes (zeros when the offset is 0)
   * @param whole whether the bytes are the file under its final name, complete
   */
  record Resume(long offset, MessageDigest digest, byte[] prefixHash, boolean whole) {}
}
