package dev.sockit.core.transfer;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The receiving rules of {@link FileReceiver} for other protocols that write what a stranger sends
 * into a folder (the LAN messenger's downloads): a name must be relative, without {@code ..},
 * backslash, NUL or drive letter, and must not pass through a symbolic link; data goes to a
 * temporary name first; nothing that exists is overwritten.
 *
 * <pre>{@code
 * SafeFolder inbox = SafeFolder.open(Path.of("inbox"));
 * Path target = inbox.resolve("report.pdf");          // TransferException if unsafe
 * Path part = SafeFolder.partial(target, "a1b2c3d4"); // .report.pdf.a1b2c3d4.sockit-part
 * ... write part ...
 * SafeFolder.publish(part, target);                   // FileAlreadyExistsException, never a replace
 * }</pre>
 */
public final class SafeFolder {
  private final TargetFolder folder;

  private SafeFolder(TargetFolder folder) {
    this.folder = folder;
  }

  /**
   * Opens (and creates, with its parents) the folder.
   *
   * @param dir the folder
   * @return the folder, as its real path
   * @throws IOException naming the folder when it cannot be created or is not a folder
   */
  public static SafeFolder open(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir");
    return new SafeFolder(new TargetFolder(dir, false));
  }

  /** The folder's real path. */
  public Path root() {
    return folder.root();
  }

  /**
   * The path of {@code name} inside the folder.
   *
   * @param name a relative name, {@code /}-separated
   * @return the path (which may not exist yet)
   * @throws TransferException naming the name and why it is refused: it escapes the folder, passes
   *     through a symbolic link or a file, or is not a well-formed relative name
   */
  public Path resolve(String name) throws TransferException {
    Objects.requireNonNull(name, "name");
    return folder.resolve(name);
  }

  /**
   * Why {@code name} is not a safe single file name (one path component), or {@code null}.
   *
   * @param name a name a stranger sent
   * @return the problem, or {@code null} when it is acceptable
   */
  public static String componentProblem(String name) {
    String problem = TransferNames.problem(name);
    if (problem != null) {
      return problem;
    }
    return name.indexOf('/') >= 0 ? "contains '/'" : null;
  }

  /**
   * Creates {@code dir} (inside the folder) and its parents, refusing to create through a link.
   *
   * @param dir a path {@link #resolve} returned
   * @throws IOException if it cannot be created
   */
  public void createFolder(Path dir) throws IOException {
    folder.createFolder(dir);
  }

  /**
   * The temporary name data for {@code target} is written under: hidden, beside it, and tagged by
   * {@code key} so that two different files of one name never resume into each other.
   *
   * @param target the final path
   * @param key a short tag naming what is being received (letters and digits)
   * @return {@code .NAME.KEY.sockit-part} in the same folder
   */
  public static Path partial(Path target, String key) {
    if (!key.matches("[A-Za-z0-9]{1,32}")) {
      throw new IllegalArgumentException("a partial-file key is 1-32 letters or digits");
    }
    return target.resolveSibling(
        "." + target.getFileName() + "." + key + TargetFolder.PARTIAL_SUFFIX);
  }

  /**
   * Gives {@code part} its final name {@code target}, never replacing what is there: a hard link is
   * made (which fails if the name exists) and the temporary name removed; where links are not
   * supported, a plain move that refuses an existing target.
   *
   * @param part the finished temporary file or folder
   * @param target the final name
   * @throws FileAlreadyExistsException if {@code target} exists
   * @throws IOException if the rename fails
   */
  public static void publish(Path part, Path target) throws IOException {
    if (Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createLink(target, part);
        Files.delete(part);
        return;
      } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
        if (e instanceof FileAlreadyExistsException exists) {
          throw exists;
        }
        // no hard links on this file system: the move below
      }
    }
    Files.move(part, target); // without REPLACE_EXISTING: fails if target exists
  }

  /**
   * A name in the folder's parent that does not exist yet: {@code name}, else {@code name (2)},
   * {@code name (3)}... with the number before the extension ({@code report (2).pdf}).
   *
   * @param dir the folder it goes in
   * @param name the wanted name
   * @param taken whether a candidate is taken (beyond existing)
   * @return the first free name, or {@code null} after 999 tries
   */
  public static String freeName(Path dir, String name, java.util.function.Predicate<String> taken) {
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    for (int i = 1; i < 1000; i++) {
      String candidate = i == 1 ? name : stem + " (" + i + ")" + ext;
      if (!Files.exists(dir.resolve(candidate), LinkOption.NOFOLLOW_LINKS)
          && !taken.test(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
