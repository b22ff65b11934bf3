package dev.sockit.cli.transfer;

import dev.sockit.cli.text.JsonText;
import dev.sockit.cli.text.Sizes;
import dev.sockit.core.transfer.TransferSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How {@code sockit send} and {@code sockit receive} print a transfer: one line, or JSON. */
final class TransferText {
  private TransferText() {}

  static String seconds(double s) {
    return String.format(Locale.ROOT, "%.2f s", s);
  }

  /**
   * e.g. {@code received 3 files, 1 folder, 50.0 MiB in 0.21 s (238.1 MiB/s) from 127.0.0.1:40000}.
   */
  static String line(String verb, String preposition, TransferSummary s, String where) {
    StringBuilder sb =
        new StringBuilder(verb)
            .append(' ')
            .append(count(s.files().size(), "file"))
            .append(", ")
            .append(count(s.folders(), "folder"))
            .append(", ")
            .append(Sizes.of(s.bytes()))
            .append(" in ")
            .append(seconds(s.elapsed().toNanos() / 1e9))
            .append(" (")
            .append(Sizes.of(s.rate()))
            .append("/s) ")
            .append(preposition)
            .append(' ')
            .append(where);
    if (s.resumed() > 0) {
      sb.append("; resumed: ").append(Sizes.of(s.resumed())).append(" were already there");
    }
    return sb.toString();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static String json(TransferSummary s, String direction, String folder) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "ok", true); // as a failure's {"ok": false, ...} (receive --keep --json prints both kinds)
    m.put("direction", direction);
    m.put("peer", s.peer());
    if (folder != null) {
      m.put("folder", folder);
    }
    m.put("files", s.files().size());
    m.put("folders", s.folders());
    m.put("bytes", s.bytes());
    m.put("moved_bytes", s.moved());
    m.put("resumed_bytes", s.resumed());
    m.put("seconds", s.elapsed().toNanos() / 1e9);
    m.put("bytes_per_second", s.rate());
    List<Map<String, Object>> files =
        s.files().stream()
            .map(
                f -> {
                  Map<String, Object> fm = new LinkedHashMap<>();
                  fm.put("name", f.name());
                  fm.put("size", f.size());
                  fm.put("sha256", f.sha256());
                  fm.put("resumed_from", f.resumedFrom());
                  return fm;
                })
            .toList();
    m.put("list", files);
    m.put("skipped", s.skipped());
    return JsonText.write(m);
  }
}
