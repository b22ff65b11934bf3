package dev.sockit.core.sockettable;

import java.util.Objects;

/**
 * A process holding a socket open through one of its file descriptors.
 *
 * @param pid the process id
 * @param program the program name as the kernel keeps it ({@code /proc/PID/comm}), never null
 * @param fd the file descriptor number in that process
 */
public record ProcessRef(int pid, String program, int fd) {
  /** Validates the fields. */
  public ProcessRef {
    if (pid <= 0) {
      throw new IllegalArgumentException("pid must be positive, got " + pid);
    }
    Objects.requireNonNull(program, "program");
  }

  /** {@code pid 1234 (python3)}. */
  @Override
  public String toString() {
    return "pid " + pid + " (" + program + ")";
  }
}
