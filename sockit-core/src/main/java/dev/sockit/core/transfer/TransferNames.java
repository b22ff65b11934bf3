package dev.sockit.core.transfer;

import java.nio.charset.StandardCharsets;

/**
 * The rule every received name must pass before it touches the file system: relative, made of
 * non-empty components that are neither {@code .} nor {@code ..}, without NUL or backslash (a
 * Windows sender's separator must not smuggle in a component), at most 4096 bytes.
 */
final class TransferNames {
  static final int MAX_BYTES = 4096;

  private TransferNames() {}

  /** Why {@code name} is unsafe, or {@code null} if it is acceptable. */
  static String problem(String name) {
    if (name.isEmpty()) {
      return "empty";
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "longer than " + MAX_BYTES + " bytes";
    }
    if (name.startsWith("/")) {
      return "absolute path";
    }
    if (name.indexOf('\0') >= 0) {
      return "contains NUL";
    }
    if (name.indexOf('\\') >= 0) {
      return "contains a backslash";
    }
    if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
      return "starts with a drive letter";
    }
    for (String part : name.split("/", -1)) {
      if (part.isEmpty()) {
        return "empty component";
      }
      if (part.equals(".") || part.equals("..")) {
        return "'" + part + "' component escapes or confuses the target folder";
      }
    }
    return null;
  }
}
