package dev.sockit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Checks JSON with Python's parser: what a script reading sockit's {@code --json} would use. */
public final class JsonCheck {
  private JsonCheck() {}

  /**
   * Fails unless {@code json} is one valid JSON document; skipped with a reason when python3 is
   * missing.
   *
   * @param json what a command printed
   * @throws Exception if python3 cannot be run to the end
   */
  public static void assertValid(String json) throws Exception {
    Process p;
    try {
      p =
          new ProcessBuilder("python3", "-c", "import json,sys; json.load(sys.stdin); print('ok')")
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      System.out.println("SKIPPED JSON validation: python3 is not installed");
      assumeTrue(false, "python3 is not installed");
      return;
    }
    try (var in = p.getOutputStream()) {
      in.write(json.getBytes(StandardCharsets.UTF_8));
    }
    String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(answer.strip()).as(json).isEqualTo("ok");
  }
}
