package dev.sockit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code sockit ui} run through the launcher, as a user does: readiness line, URL, token, exit
 * codes.
 */
@Timeout(120)
class UiCommandIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void printsReadinessAndTokenUrlAndGuardsThePage() throws Exception {
    // No DISPLAY: sockit must not fail for want of a browser.
    try (Proc ui =
        Proc.start(Proc.sockitCommand("ui", "--port", "0"), null, Map.of("DISPLAY", ""))) {
      Matcher ready =
          ui.awaitStderr(Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) \\(http\\)"), WAIT);
      int port = Integer.parseInt(ready.group(1));
      ui.awaitStdout("/?token=", WAIT);
      String url =
          ui.stdout().lines().filter(l -> l.startsWith("http://")).findFirst().orElseThrow();
      assertThat(url).matches("http://127\\.0\\.0\\.1:" + port + "/\\?token=[A-Za-z0-9_-]{32}");
      assertThat(ui.stderr()).doesNotContain("Helidon").doesNotContain("warning");

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> noToken =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(noToken.statusCode()).isEqualTo(401);
      HttpResponse<String> withToken =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(withToken.statusCode()).isEqualTo(303);
      assertThat(withToken.headers().firstValue("Set-Cookie")).isPresent();
      // the link works once (a browser's history keeps it); Enter in the terminal makes a new one
      assertThat(
              http.send(
                      HttpRequest.newBuilder(URI.create(url)).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(401);
      ui.write("\n");
      for (int i = 0; i < 500 && ui.stdout().split("token=", -1).length < 3; i++) {
        Thread.sleep(20);
      }
      String second =
          ui.stdout()
              .lines()
              .filter(l -> l.startsWith("http://"))
              .reduce((a, b) -> b)
              .orElseThrow();
      assertThat(second).isNotEqualTo(url);
      assertThat(
              http.send(
                      HttpRequest.newBuilder(URI.create(second)).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(303);
    }
  }

  @Test
  void badOptionsAndATakenPortExitWithOneLine() throws Exception {
    try (Proc bad = Proc.sockit("ui", "--port", "70000", "--no-open")) {
      assertThat(bad.waitFor(WAIT)).isEqualTo(2);
      assertThat(bad.stderr()).contains("--port must be from 0 to 65535");
    }
    try (Proc first =
        Proc.start(Proc.sockitCommand("ui", "--port", "0", "--no-open"), null, Map.of())) {
      int port =
          Integer.parseInt(
              first
                  .awaitStderr(
                      Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) \\(http\\)"), WAIT)
                  .group(1));
      try (Proc second = Proc.sockit("ui", "--port", Integer.toString(port), "--no-open")) {
        assertThat(second.waitFor(WAIT)).isEqualTo(1);
        assertThat(second.stderr().strip())
            .isEqualTo(
                "sockit: cannot listen on 127.0.0.1:"
                    + port
                    + ": the port is already in use; choose another --port (0: any free port)");
      }
    }
  }
}
