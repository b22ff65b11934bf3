package dev.sockit.cli.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code sockit ip} through the launcher, as a user runs it: one process per kind of malformed
 * input (the whole corpus runs in process in {@link IpCommandTest}), and the happy paths.
 */
@Timeout(120)
class IpCommandIT {
  record Result(int code, String out, String err) {}

  static Result sockit(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("sockit.root", "..")).resolve("sockit").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    p.getOutputStream().close();
    CompletableFuture<byte[]> err =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return p.getErrorStream().readAllBytes();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(100, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
  }

  @Test
  void rejectsEachKindOfMalformedInputWithExitTwoAndOneLine() throws Exception {
    List<String[]> cases =
        List.of(
            new String[] {"256.1.1.1", "256 is more than 255"},
            new String[] {"1.2.3", "has 3 parts"},
            new String[] {"1.2.3.4 ", "a space at position 8"},
            new String[] {"010.1.1.1", "leading zero"},
            new String[] {"10.0.0.0/255.0.255.0", "not contiguous"},
            new String[] {"10.0.0.0/33", "out of range"},
            new String[] {"1::2::3", "more than once"},
            new String[] {"example.com", "sockit resolve example.com"});
    for (String[] c : cases) {
      Result r = sockit("ip", c[0]);
      assertThat(r.code()).as("exit code of ip '%s'", c[0]).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      List<String> lines = r.err().lines().filter(l -> !l.startsWith("sockit: building")).toList();
      assertThat(lines)
          .as(r.err())
          .singleElement()
          .satisfies(l -> assertThat(l).startsWith("sockit: ").contains(c[1]));
    }
  }

  @Test
  void answersTheIssuesExamples() throws Exception {
    Result r = sockit("ip", "10.0.0.1/8");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("Network:      10.0.0.0/8")
        .contains("16777214 usable of 16777216 addresses");
    Result json = sockit("ip", "summarize", "10.0.0.0/25", "10.0.0.128/25", "--json");
    assertThat(json.code()).isZero();
    assertThat(json.out()).contains("\"10.0.0.0/24\"");
    Result port = sockit("port", "free", "--count", "3");
    assertThat(port.code()).isZero();
    assertThat(port.out().strip().split("\n")).hasSize(3);
  }
}
