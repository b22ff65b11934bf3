package dev.sockit.core.transfer;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sender's side of a manifest: each path given becomes an entry named after its last component;
 * a folder brings everything under it. Links inside folders are not followed (they could point
 * anywhere); they and special files are listed as skipped.
 */
final class SourceTree {
  /** An entry and the file it comes from. */
  record Item(TransferEntry entry, Path source) {}

  final List<Item> items = new ArrayList<>();
  final List<String> skipped = new ArrayList<>();
  private final Set<String> names = new HashSet<>();

  static SourceTree scan(List<Path> paths) throws IOException {
    SourceTree tree = new SourceTree();
    for (Path p : paths) {
      tree.add(p);
    }
    return tree;
  }

  private void add(Path given) throws IOException {
    if (!Files.exists(given)) {
      throw new NoSuchFileException(given.toString());
    }
    Path abs = given.toAbsolutePath().normalize();
    if (abs.getFileName() == null) {
      throw new IllegalArgumentException(
          "cannot send the root folder '" + given + "'; name a folder inside it");
    }
    String base = abs.getFileName().toString();
    if (!Files.isDirectory(given)) {
      item(base, given, Files.readAttributes(given, BasicFileAttributes.class));
      return;
    }
    Path root =
        given.toRealPath(); // a link named on the command line is followed, links inside are not
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            item(name(base, root, dir), dir, attrs);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            item(name(base, root, file), file, attrs);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static String name(String base, Path root, Path p) {
    Path rel = root.relativize(p);
    StringBuilder sb = new StringBuilder(base);
    for (Path part : rel) {
      if (!part.toString().isEmpty()) {
        sb.append('/').append(part);
      }
    }
    return sb.toString();
  }

  private void item(String name, Path source, BasicFileAttributes attrs) throws IOException {
    if (!attrs.isDirectory() && !attrs.isRegularFile()) {
      skipped.add(
          source
              + ": "
              + (attrs.isSymbolicLink() ? "symbolic link (not followed)" : "not a regular file"));
      return;
    }
    TransferEntry entry;
    try {
      entry =
          new TransferEntry(
              attrs.isDirectory(),
              name,
              mode(source, attrs.isDirectory()),
              attrs.isDirectory() ? 0 : attrs.size(),
              Math.max(0, attrs.lastModifiedTime().toMillis()));
    } catch (IllegalArgumentException e) {
      skipped.add(source + ": " + e.getMessage());
      return;
    }
    if (!names.add(name)) {
      throw new IllegalArgumentException(
          "two sources are named '" + name + "'; send them separately");
    }
    items.add(new Item(entry, source));
  }

  private static int mode(Path p, boolean folder) throws IOException {
    try {
      return TargetFolder.mode(
          Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
              .permissions());
    } catch (UnsupportedOperationException e) {
      return folder ? 0755 : 0644;
    }
  }

  List<TransferEntry> entries() {
    return items.stream().map(Item::entry).toList();
  }
}
