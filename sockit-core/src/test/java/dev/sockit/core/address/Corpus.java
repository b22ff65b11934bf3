package dev.sockit.core.address;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads test corpora: one entry a line, {@code #} comments, escapes for invisible characters. */
final class Corpus {
  private Corpus() {}

  static List<String> read(String resource) {
    try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> out = new ArrayList<>();
      for (String line : text.split("\n", -1)) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        out.add(unescape(line));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String unescape(String line) {
    if (line.equals("\\e")) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char n = line.charAt(++i);
      switch (n) {
        case 's' -> sb.append(' ');
        case 't' -> sb.append('\t');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case '\\' -> sb.append('\\');
        case 'u' -> {
          sb.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> throw new IllegalArgumentException("unknown escape \\" + n + " in " + line);
      }
    }
    return sb.toString();
  }
}
