package dev.sockit.core.sockettable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps socket inodes to the processes holding them by reading every {@code /proc/PID/fd/*} link
 * ({@code socket:[INODE]}), as {@code ss -p} and {@code netstat -p} do. Processes of other users
 * are unreadable without root; they are counted, not fatal. Processes may exit while we read: a
 * vanished file is skipped.
 */
final class ProcessSockets {
  private final Map<Long, List<ProcessRef>> byInode = new HashMap<>();
  private int unreadable;

  private ProcessSockets() {}

  static ProcessSockets scan(Path proc) throws IOException {
    ProcessSockets result = new ProcessSockets();
    try (DirectoryStream<Path> pids =
        Files.newDirectoryStream(proc, p -> isNumber(p.getFileName().toString()))) {
      for (Path pidDir : pids) {
        result.readProcess(pidDir);
      }
    }
    return result;
  }

  private void readProcess(Path pidDir) {
    int pid = Integer.parseInt(pidDir.getFileName().toString());
    String program = null;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(pidDir.resolve("fd"))) {
      for (Path fd : fds) {
        long inode = socketInode(fd);
        if (inode < 0) {
          continue;
        }
        if (program == null) {
          program = program(pidDir);
        }
        byInode
            .computeIfAbsent(inode, k -> new ArrayList<>(1))
            .add(new ProcessRef(pid, program, Integer.parseInt(fd.getFileName().toString())));
      }
    } catch (java.nio.file.AccessDeniedException e) {
      unreadable++;
    } catch (IOException e) {
      // the process exited between listing /proc and reading its fd directory
    }
  }

  private static long socketInode(Path fd) {
    try {
      String target = Files.readSymbolicLink(fd).toString();
      if (target.startsWith("socket:[") && target.endsWith("]")) {
        return Long.parseLong(target, 8, target.length() - 1, 10);
      }
    } catch (IOException e) {
      // the descriptor was closed while we looked: not a socket any more
    }
    return -1;
  }

  private static String program(Path pidDir) {
    try {
      return Files.readString(pidDir.resolve("comm"), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  List<ProcessRef> owners(long inode) {
    return byInode.getOrDefault(inode, List.of());
  }

  /** How many processes could not be read (other users' processes when not root). */
  int unreadable() {
    return unreadable;
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
