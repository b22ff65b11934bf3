package dev.sockit.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as users start it: through a symlink, with an old JDK first, without a terminal. */
@Timeout(120)
class LauncherIT {
  private static final Duration WAIT = Duration.ofSeconds(90);

  private static Proc run(List<String> command, Map<String, String> env) throws Exception {
    Proc p = Proc.start(command, null, env);
    assertThat(p.waitFor(WAIT)).as(p.stderr()).isZero();
    return p;
  }

  @Test
  void runsThroughASymlinkFromAnotherDirectory(@TempDir Path dir) throws Exception {
    Path link = dir.resolve("sockit");
    Files.createSymbolicLink(link, Proc.root().resolve("sockit"));
    try (Proc p = run(List.of(link.toString(), "ip", "192.168.1.10/24"), Map.of())) {
      assertThat(p.stdout()).contains("Broadcast:").contains("192.168.1.255");
    }
  }

  @Test
  void findsAJdk21OrNewerWhenJavaHomeAndPathPointAtAnOlderOne() throws Exception {
    Path old =
        Stream.of("/usr/lib/jvm/java-17-openjdk-amd64", "/usr/lib/jvm/java-11-openjdk-amd64")
            .map(Path::of)
            .filter(p -> Files.isExecutable(p.resolve("bin/java")))
            .findFirst()
            .orElse(null);
    assumeTrue(old != null, "no JDK older than 21 installed here to hide the new one behind");
    Map<String, String> env =
        Map.of("JAVA_HOME", old.toString(), "PATH", old.resolve("bin") + ":/usr/bin:/bin");
    try (Proc p = run(Proc.sockitCommand("--version"), env)) {
      int major =
          Integer.parseInt(
              p.stdout()
                  .lines()
                  .filter(l -> l.startsWith("Java "))
                  .findFirst()
                  .orElseThrow()
                  .replaceAll("^Java (\\d+).*", "$1"));
      assertThat(major).isGreaterThanOrEqualTo(21);
    }
  }

  @Test
  void aJavaHomeSymlinkMovedToAnOlderJdkIsNoticed(@TempDir Path dir) throws Exception {
    Path old = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    Path current = Path.of(System.getProperty("java.home"));
    assumeTrue(
        Files.isExecutable(old.resolve("bin/java")) && Runtime.version().feature() >= 25,
        "needs JDK 17 beside this JDK 25 to move a JAVA_HOME link from one to the other");
    Path link = dir.resolve("java-current");
    Files.createSymbolicLink(link, current);
    Map<String, String> env = Map.of("JAVA_HOME", link.toString(), "PATH", "/usr/bin:/bin");
    run(Proc.sockitCommand("--version"), env).close(); // remembered: this link is a JDK 25
    Files.delete(link);
    Files.createSymbolicLink(link, old); // same JAVA_HOME text, now a JDK 17
    try (Proc p = run(Proc.sockitCommand("--version"), env)) {
      assertThat(p.stdout()).contains("sockit ").doesNotContain("Java 17");
      assertThat(p.stderr()).doesNotContain("Unrecognized");
    }
  }

  @Test
  void noColourWithoutATerminal() throws Exception {
    try (Proc p = run(Proc.sockitCommand("--help"), Map.of("TERM", "xterm-256color"))) {
      assertThat(p.stdout()).contains("Usage: sockit").doesNotContain("\u001b[");
    }
  }

  @Test
  void shortCommandsGetTheirOwnStartUpCache() throws Exception {
    assumeTrue(
        Runtime.version().feature() >= 25,
        "AOT caches need JDK 25; older JDKs get a dynamic CDS archive");
    try (Proc p = run(Proc.sockitCommand("port", "22"), Map.of())) {
      assertThat(p.stdout()).contains("ssh");
    }
    Path target = Proc.root().resolve("sockit-cli/target");
    assertThat(target.resolve("sockit-port.aot")).isNotEmptyFile();
    try (Stream<Path> files = Files.list(target)) {
      assertThat(files.map(Path::getFileName).map(Path::toString))
          .noneMatch(n -> n.contains(".tmp"));
    }
  }

  /**
   * tcp, udp and unix share a cache trained on real sessions with loopback peers (a TCP and a Unix
   * listener, a UDP echo, a client for `tcp listen`): every one of those sessions must end by
   * itself with the expected exit code, or the launcher would get no cache at all.
   */
  @Test
  void netcatClassCommandsShareACacheTrainedOnLoopbackSessions() throws Exception {
    Path jar = Proc.root().resolve("sockit-cli/target/sockit.jar");
    List<String> training =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "-Dsockit.training.verbose=true",
            "-cp",
            jar + ":" + trainingJar(),
            "dev.sockit.cli.Training",
            "nc");
    try (Proc p = Proc.start(training, Path.of("/dev/null"))) {
      assertThat(p.waitFor(WAIT)).as(p.stderr()).isZero();
      // the last run is a bad address on purpose (exit 2); every session ends with 0
      assertThat(p.stderr()).contains("training nc: exit codes [0, 0, 0, 0, 0, 2, 0, 0]");
    }
    assumeTrue(
        Runtime.version().feature() >= 25,
        "AOT caches need JDK 25; older JDKs get a dynamic CDS archive");
    Path cache = Proc.root().resolve("sockit-cli/target/sockit-nc.aot");
    Files.deleteIfExists(cache); // made again by the next tcp, udp or unix command
    try (Proc p = Proc.start(Proc.sockitCommand("tcp", "connect", "256.1.1.1", "80"), null)) {
      assertThat(p.waitFor(WAIT))
          .as(p.stderr())
          .isEqualTo(2); // bad input; the launcher made the cache first
    }
    assertThat(cache).isNotEmptyFile();
  }

  /** The training jar, built beside sockit.jar (the launcher's build makes both). */
  private static Path trainingJar() throws Exception {
    try (Stream<Path> files = Files.list(Proc.root().resolve("sockit-cli/target"))) {
      return files
          .filter(f -> f.getFileName().toString().endsWith("-training.jar"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no *-training.jar in sockit-cli/target"));
    }
  }

  /**
   * The start-up training is not part of what ships: the jar has no training class and no loopback
   * peers, and sockit has no hidden training option.
   */
  @Test
  void theShippedJarHoldsNoTraining() throws Exception {
    run(Proc.sockitCommand("--version"), Map.of()).close(); // built
    Path jar = Proc.root().resolve("sockit-cli/target/sockit.jar");
    try (java.util.jar.JarFile f = new java.util.jar.JarFile(jar.toFile())) {
      assertThat(f.stream().map(java.util.jar.JarEntry::getName))
          .contains("dev/sockit/cli/Main.class")
          .noneMatch(n -> n.startsWith("dev/sockit/cli/Training"));
    }
    try (Proc p = Proc.start(Proc.sockitCommand("--aot-training", "nc"), Path.of("/dev/null"))) {
      assertThat(p.waitFor(WAIT)).isEqualTo(2);
      assertThat(p.stderr()).contains("Unknown options: '--aot-training', 'nc'");
    }
  }

  /**
   * The cache is trained with the training jar on the class path after sockit.jar, and sockit runs
   * with sockit.jar alone: the JVM still takes sockit's classes from the cache.
   */
  @Test
  void aCommandTakesItsClassesFromTheCacheTrainedOutsideTheJar() throws Exception {
    assumeTrue(
        Runtime.version().feature() >= 25,
        "AOT caches need JDK 25; older JDKs get a dynamic CDS archive");
    run(Proc.sockitCommand("ip", "10.0.0.1"), Map.of()).close(); // the ip cache exists
    try (Proc p =
        run(
            Proc.sockitCommand("ip", "10.0.0.1"),
            Map.of("SOCKIT_JAVA_OPTS", "-Xlog:class+load=info"))) {
      assertThat(p.stdout())
          .contains("dev.sockit.cli.lookup.IpCommand source: shared objects file")
          .contains("dev.sockit.cli.Cli source: shared objects file");
    }
  }

  /**
   * A family whose training failed for this jar is not trained again at every start; a new jar
   * tries again.
   */
  @Test
  void aFailedTrainingIsNotRepeatedForTheSameJar() throws Exception {
    assumeTrue(
        Runtime.version().feature() >= 25,
        "AOT caches need JDK 25; older JDKs get a dynamic CDS archive");
    Path target = Proc.root().resolve("sockit-cli/target");
    Path cache = target.resolve("sockit-resolve.aot");
    Path failed = target.resolve("sockit-resolve.aot.failed");
    Files.deleteIfExists(cache);
    Files.writeString(failed, ""); // as the launcher leaves it when training fails
    try {
      try (Proc p = run(Proc.sockitCommand("resolve", "localhost"), Map.of())) {
        assertThat(p.stdout()).contains("localhost");
      }
      assertThat(cache).as("no training after a failure with this jar").doesNotExist();
      Files.setLastModifiedTime(
          failed, java.nio.file.attribute.FileTime.fromMillis(0)); // older than the jar: try again
      run(Proc.sockitCommand("resolve", "localhost"), Map.of()).close();
      assertThat(cache).isNotEmptyFile();
      assertThat(failed).as("a training that worked clears the mark").doesNotExist();
    } finally {
      Files.deleteIfExists(failed);
    }
  }

  @Test
  void aRootPathWithSpacesAndGlobCharactersWorks(@TempDir Path dir) throws Exception {
    // Only the launcher's path handling is under test: a copy of the launcher beside a link to the
    // real tree.
    Path spaced = Files.createDirectories(dir.resolve("with space [v2]*"));
    Path real = Proc.root();
    Files.copy(real.resolve("sockit"), spaced.resolve("sockit"));
    spaced.resolve("sockit").toFile().setExecutable(true);
    Files.createSymbolicLink(spaced.resolve("scripts"), real.resolve("scripts"));
    Files.createSymbolicLink(spaced.resolve("pom.xml"), real.resolve("pom.xml"));
    for (String m : List.of("sockit-cli-codegen", "sockit-core", "sockit-web", "sockit-cli")) {
      Files.createSymbolicLink(spaced.resolve(m), real.resolve(m));
    }
    run(Proc.sockitCommand("ip", "::1"), Map.of())
        .close(); // the start-up cache exists: the copy does not retrain it
    Proc p = Proc.start(List.of(spaced.resolve("sockit").toString(), "ip", "::1"), null, Map.of());
    try (p) {
      assertThat(p.waitFor(WAIT)).as(p.stderr()).isZero();
      assertThat(p.stdout()).contains("Loopback");
    }
  }
}
