package dev.sockit.cli.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real process (the sockit launcher or a peer) with its output collected as it runs. */
final class Proc implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("listening on (\\S+):(\\d+) \\((tcp|udp)\\)");

  private final Process process;
  private final List<String> command;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final StringBuffer err = new StringBuffer();
  private final Thread outReader;
  private final Thread errReader;

  private Proc(List<String> command, Path stdinFile, java.util.Map<String, String> env)
      throws IOException {
    this.command = command;
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    if (stdinFile != null) {
      pb.redirectInput(stdinFile.toFile());
    }
    this.process = pb.start();
    this.outReader =
        Thread.ofPlatform().daemon().start(() -> drain(process.getInputStream(), null));
    this.errReader = Thread.ofPlatform().daemon().start(() -> drain(process.getErrorStream(), err));
  }

  /** The sockit launcher, as a user runs it. */
  static Proc sockit(String... args) throws IOException {
    return start(sockitCommand(args), null);
  }

  /** The sockit launcher with stdin read from a file. */
  static Proc sockitWithInput(Path stdin, String... args) throws IOException {
    return start(sockitCommand(args), stdin);
  }

  static List<String> sockitCommand(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(root().resolve("sockit").toString());
    cmd.addAll(Arrays.asList(args));
    return cmd;
  }

  static Proc start(List<String> command, Path stdin) throws IOException {
    return new Proc(command, stdin, java.util.Map.of());
  }

  static Proc start(List<String> command, Path stdin, java.util.Map<String, String> env)
      throws IOException {
    return new Proc(command, stdin, env);
  }

  static Proc peer(String... command) throws IOException {
    return new Proc(List.of(command), null, java.util.Map.of());
  }

  static Path root() {
    String r = System.getProperty("sockit.root");
    Path p =
        r == null
            ? Path.of("..").toAbsolutePath().normalize()
            : Path.of(r).toAbsolutePath().normalize();
    if (!Files.isExecutable(p.resolve("sockit"))) {
      throw new IllegalStateException("no sockit launcher under " + p);
    }
    return p;
  }

  private void drain(InputStream in, StringBuffer text) {
    byte[] buf = new byte[64 * 1024];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (text != null) {
          text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        } else {
          synchronized (out) {
            out.write(buf, 0, n);
          }
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  OutputStream stdin() {
    return process.getOutputStream();
  }

  void write(String text) throws IOException {
    stdin().write(text.getBytes(StandardCharsets.UTF_8));
    stdin().flush();
  }

  void closeStdin() throws IOException {
    stdin().close();
  }

  byte[] stdoutBytes() {
    synchronized (out) {
      return out.toByteArray();
    }
  }

  String stdout() {
    return new String(stdoutBytes(), StandardCharsets.UTF_8);
  }

  String stderr() {
    return err.toString();
  }

  /** Waits until stderr matches {@code pattern}; returns the match. */
  Matcher awaitStderr(Pattern pattern, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      Matcher m = pattern.matcher(err);
      if (m.find()) {
        return m;
      }
      if (!process.isAlive() && !errReader.isAlive()) {
        break;
      }
      Thread.sleep(10);
    }
    throw new AssertionError(
        "no '"
            + pattern
            + "' on stderr of "
            + command
            + " within "
            + timeout
            + "; alive="
            + process.isAlive()
            + "; stderr: "
            + err
            + "; stdout: "
            + stdout());
  }

  /** Waits until stdout contains {@code text}. */
  void awaitStdout(String text, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (stdout().contains(text)) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError(
        "no '"
            + text
            + "' on stdout of "
            + command
            + " within "
            + timeout
            + "; stdout: "
            + stdout()
            + "; stderr: "
            + err);
  }

  /** Waits for sockit's readiness line and returns the port it names. */
  int awaitListening() throws InterruptedException {
    return Integer.parseInt(awaitStderr(LISTENING, Duration.ofSeconds(60)).group(2));
  }

  /** Waits for exit; fails (and kills) if it takes longer than {@code timeout}. */
  int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError(
          command
              + " still running after "
              + timeout
              + "; stderr: "
              + err
              + "; stdout: "
              + stdout());
    }
    outReader.join(5000);
    errReader.join(5000);
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
