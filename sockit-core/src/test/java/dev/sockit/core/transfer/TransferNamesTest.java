package dev.sockit.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransferNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../x",
        "/etc/x",
        "a/../../x",
        "a/./b",
        "a//b",
        "a/",
        "",
        "..",
        ".",
        "a\\..\\b",
        "C:x",
        "a\0b"
      })
  void unsafeNamesAreRefused(String name) {
    assertThat(TransferNames.problem(name)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a", "a b/c d.txt", "网络/编程.bin", "..hidden", "a..b/c", ".profile", "x/y/z"})
  void ordinaryNamesPass(String name) {
    assertThat(TransferNames.problem(name)).isNull();
  }

  @Property
  void everyAcceptedNameStaysInsideTheFolder(
      @ForAll @StringLength(max = 12) @Chars({'a', '.', '/', '\\', ' ', ':'}) String name) {
    if (TransferNames.problem(name) == null) {
      Path root = Path.of("/srv/inbox");
      Path resolved = root.resolve(name).normalize();
      assertThat(resolved.startsWith(root) && !resolved.equals(root)).as(name).isTrue();
    }
  }
}
