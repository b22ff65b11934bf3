package dev.sockit.core.ipmsg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process whose stdout lines are kept (and echoed, prefixed, for the test log) so that a test can
 * wait for a line; stderr goes to a file. Closing kills it and everything it started.
 */
final class Spawned implements AutoCloseable {
  private final Process process;
  private final String name;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final OutputStream stdin;

  private Spawned(Process process, String name) {
    this.process = process;
    this.name = name;
    this.stdin = process.getOutputStream();
    Thread.ofVirtual()
        .start(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  if (!line.startsWith("packet ")) {
                    System.out.println("[" + name + "] " + line);
                  }
                  lines.add(line);
                  synchronized (lines) {
                    lines.notifyAll();
                  }
                }
              } catch (IOException e) {
                lines.add("<stdout failed: " + e.getMessage() + ">");
              }
            });
  }

  static Spawned start(String name, List<String> command, Map<String, String> env, Path stderr)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    pb.redirectError(stderr.toFile());
    return new Spawned(pb.start(), name);
  }

  /** Waits for a stdout line matching {@code regex} (after {@code skip} lines). */
  Matcher await(String regex, Duration timeout) throws InterruptedException {
    Pattern p = Pattern.compile(regex);
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lines) {
      while (true) {
        for (String line : lines) {
          Matcher m = p.matcher(line);
          if (m.matches()) {
            return m;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0
            || !process.isAlive() && lines.stream().noneMatch(l -> p.matcher(l).matches())) {
          if (left > 0) {
            Thread.sleep(200); // let the last lines of a process that ended arrive
            for (String line : lines) {
              Matcher m = p.matcher(line);
              if (m.matches()) {
                return m;
              }
            }
          }
          throw new AssertionError(
              name + ": no line matched " + regex + "; got:\n" + String.join("\n", lines));
        }
        lines.wait(Math.max(1, Math.min(200, left / 1_000_000)));
      }
    }
  }

  /** How many stdout lines match {@code regex}. */
  long count(String regex) {
    Pattern p = Pattern.compile(regex);
    return lines.stream().filter(l -> p.matcher(l).matches()).count();
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  /** Writes a line to stdin. */
  void send(String line) throws IOException {
    stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    try {
      stdin.close();
    } catch (IOException e) {
      // already gone
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** The java binary of this JVM and its class path: runs a main class of these tests. */
  static List<String> java(String mainClass, String... args) {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    cmd.addAll(List.of(args));
    return cmd;
  }
}
