package dev.sockit.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receiving rules offered to other protocols: names, links, temporary names, no overwrite. */
class SafeFolderTest {
  @TempDir Path tmp;

  @Test
  void namesThatEscapeOrPassThroughALinkAreRefused() throws Exception {
    SafeFolder f = SafeFolder.open(tmp.resolve("in"));
    assertThat(f.resolve("a/b.txt")).isEqualTo(f.root().resolve("a/b.txt"));
    assertThatThrownBy(() -> f.resolve("../x")).isInstanceOf(TransferException.class);
    assertThatThrownBy(() -> f.resolve("/etc/passwd")).hasMessageContaining("absolute");
    Files.createSymbolicLink(f.root().resolve("link"), tmp);
    assertThatThrownBy(() -> f.resolve("link/x")).hasMessageContaining("symbolic link");
    assertThat(SafeFolder.componentProblem("a/b")).isEqualTo("contains '/'");
    assertThat(SafeFolder.componentProblem("..")).contains("escapes");
    assertThat(SafeFolder.componentProblem("ok.txt")).isNull();
  }

  @Test
  void publishNeverReplacesAndPartialNamesAreTagged() throws Exception {
    SafeFolder f = SafeFolder.open(tmp);
    Path target = f.resolve("r.txt");
    Path part = SafeFolder.partial(target, "abc123");
    assertThat(part.getFileName().toString()).isEqualTo(".r.txt.abc123.sockit-part");
    Files.writeString(part, "new");
    Files.writeString(target, "old");
    assertThatThrownBy(() -> SafeFolder.publish(part, target))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(target)).isEqualTo("old");
    String free = SafeFolder.freeName(tmp, "r.txt", n -> false);
    assertThat(free).isEqualTo("r (2).txt");
    SafeFolder.publish(part, f.resolve(free));
    assertThat(Files.readString(tmp.resolve("r (2).txt"))).isEqualTo("new");
    assertThat(part).doesNotExist();
    assertThatThrownBy(() -> SafeFolder.partial(target, "../x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
