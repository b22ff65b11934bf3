package dev.sockit.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every session of one {@code sockit ui} server, and the page protocol: {@link #handle(String)}
 * takes a request (JSON) and answers with an acknowledgement or an error; {@link #batch(Cursor)}
 * gives a page everything new since its last batch. Pages call {@code batch} on a timer (every 150
 * ms), so a flood of messages becomes a few updates per second, each bounded in size.
 *
 * <p>Sessions belong to the server, not to a page: reloading the page keeps them.
 */
final class Workspace implements AutoCloseable {
  /** Most log entries one batch carries per session; older ones are counted as skipped. */
  static final int MAX_ENTRIES_PER_BATCH = 500;

  /** Most sessions open at once. */
  static final int MAX_SESSIONS = 64;

  private final ConcurrentSkipListMap<Long, Session> sessions = new ConcurrentSkipListMap<>();
  // Names this run of the server, so a page can tell its saved view settings of session #3 from
  // those of an earlier run's session #3.
  private final String instance = AccessGuard.randomToken().substring(0, 12);
  private final AtomicLong ids = new AtomicLong();
  private final PacketLibrary packets;
  private final java.nio.file.Path captures;

  /**
   * A workspace whose saved packets live in {@code packets} and whose received-data files go into
   * {@code captures} (either {@code null}: none).
   */
  Workspace(PacketLibrary packets, java.nio.file.Path captures) {
    this.packets = packets;
    this.captures = captures;
  }

  /** A workspace whose saved packets live in {@code packets} ({@code null}: none), no captures. */
  Workspace(PacketLibrary packets) {
    this(packets, null);
  }

  /** A workspace without a packet library. */
  Workspace() {
    this(null, null);
  }

  /**
   * What one page has seen: per session, the last log sequence number and the version of the
   * metadata sent. Used by one thread at a time (the page hub's).
   */
  static final class Cursor {
    private final Map<String, long[]> seen = new LinkedHashMap<>();
  }

  /** Handles a request from a page that cannot ask for links (tests). */
  Map<String, Object> handle(String json) {
    return handle(json, null);
  }

  /**
   * Handles one page request and returns the answer: {@code {t:"ack", ...}} or {@code {t:"error",
   * message}}, both echoing the request's {@code req} field.
   *
   * @param links makes a one-time URL for another browser ({@code new-link}); {@code null}: none
   */
  Map<String, Object> handle(String json, java.util.function.Supplier<String> links) {
    Map<String, Object> answer = new LinkedHashMap<>();
    Object req = null;
    try {
      Message m = Message.parse(json);
      req = m.raw("req");
      answer.put("t", "ack");
      if ("new-link".equals(m.raw("op"))) {
        if (links == null) {
          throw new IllegalStateException("this connection cannot make links");
        }
        answer.put("op", "new-link");
        answer.put("url", links.get());
      } else {
        answer.putAll(dispatch(m));
      }
    } catch (IllegalArgumentException | IllegalStateException | IOException e) {
      answer.clear();
      answer.put("t", "error");
      answer.put("message", String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      // A bug must not end the page's socket: report it to the page and the log.
      System.getLogger(Workspace.class.getName())
          .log(System.Logger.Level.WARNING, "request failed: " + json, e);
      answer.clear();
      answer.put("t", "error");
      answer.put("message", "internal error: " + e);
    }
    if (req != null) {
      answer.put("req", req);
    }
    return answer;
  }

  private Map<String, Object> dispatch(Message m) throws IOException {
    String op = m.text("op");
    return switch (op) {
      case "hello" -> Map.of("op", op, "instance", instance);
      case "ping" -> Map.of("op", op);
      case "open" -> open(m);
      case "send" -> {
        Session s = session(m);
        byte[] data = Payload.of(m).encode(m.text("data", ""));
        if (data.length == 0) {
          throw new IllegalArgumentException("nothing to send: the send box is empty");
        }
        s.send(m.text("target", ""), data);
        yield Map.of("op", op, "bytes", data.length);
      }
      case "autosend" -> {
        Session s = session(m);
        long interval = m.number("intervalMs", 0, 3_600_000, "auto-send interval (ms)");
        if (interval == 0) {
          s.stopAutoSend();
        } else {
          byte[] data = Payload.of(m).encode(m.text("data", ""));
          if (data.length == 0) {
            throw new IllegalArgumentException("nothing to send: the send box is empty");
          }
          s.autoSend(interval, m.text("target", ""), data);
        }
        yield Map.of("op", op, "intervalMs", interval);
      }
      case "rules" -> {
        Session s = session(m);
        s.rules(rules(m), Payload.charset(m.text("encoding", "UTF-8")));
        yield Map.of("op", op, "rules", s.rules().size());
      }
      case "disconnect" -> {
        session(m).disconnect(m.text("peer"));
        yield Map.of("op", op);
      }
      case "clear" -> {
        session(m).log.clear();
        yield Map.of("op", op);
      }
      case "close" -> {
        Session s = session(m);
        sessions.remove(Long.parseLong(s.id));
        s.close();
        yield Map.of("op", op);
      }
      case "capture" -> capture(session(m), m.flag("on"));
      case "packets" -> Map.of("op", op, "packets", library().list());
      case "packet-save" ->
          Map.of("op", op, "packets", library().save(m.text("name", ""), m.fields()));
      case "packet-delete" -> Map.of("op", op, "packets", library().delete(m.text("name")));
      case "packet-import" ->
          Map.of("op", op, "packets", library().importAll(m.fields().get("library")));
      default -> throw new IllegalArgumentException("unknown op '" + op + "'");
    };
  }

  private PacketLibrary library() {
    if (packets == null) {
      throw new IllegalStateException("this server keeps no saved packets");
    }
    return packets;
  }

  private Map<String, Object> open(Message m) throws IOException {
    if (sessions.size() >= MAX_SESSIONS) {
      throw new IllegalStateException(
          "at most " + MAX_SESSIONS + " sessions can be open; close one first");
    }
    String kind = m.text("kind");
    String id = Long.toString(ids.incrementAndGet());
    Session s =
        switch (kind) {
          case "tcp-client" -> {
            String host = m.text("host", "").trim();
            if (host.isEmpty()) {
              throw new IllegalArgumentException("enter the host to connect to, e.g. 127.0.0.1");
            }
            long timeout = m.number("timeoutMs", 1, 600_000, "connect timeout (ms)");
            yield StreamClientSession.connect(
                id, host, m.port("port", false), Duration.ofMillis(timeout));
          }
          case "tcp-server" ->
              StreamServerSession.listen(
                  id, address(m.text("bind", "127.0.0.1")), m.port("port", true));
          case "udp" ->
              UdpSession.open(
                  id,
                  new InetSocketAddress(address(m.text("bind", "127.0.0.1")), m.port("port", true)),
                  m.flag("broadcast"));
          case "unix-client" -> StreamClientSession.connectUnix(id, socketPath(m));
          case "unix-server" -> StreamServerSession.listenUnix(id, socketPath(m));
          default ->
              throw new IllegalArgumentException(
                  "kind must be tcp-client, tcp-server, udp, unix-client or unix-server, got '"
                      + kind
                      + "'");
        };
    sessions.put(Long.parseLong(id), s);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("op", "open");
    out.put("session", id);
    out.put("title", s.title());
    if (s instanceof StreamServerSession t) {
      out.put("port", t.port());
    } else if (s instanceof UdpSession u) {
      out.put("port", u.port());
    }
    return out;
  }

  /**
   * The socket file of a Unix session: an absolute path, so it never depends on where sockit runs.
   */
  private static java.nio.file.Path socketPath(Message m) {
    String text = m.text("path", "").trim();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("enter the socket file, e.g. /tmp/demo.sock");
    }
    java.nio.file.Path path;
    try {
      path = java.nio.file.Path.of(text);
    } catch (java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid file path");
    }
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException(
          "socket file '" + text + "' must be an absolute path, e.g. /tmp/demo.sock");
    }
    return path;
  }

  private static InetAddress address(String text) {
    String t = text.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    try {
      return InetAddress.getByName(t);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot use local address '" + text + "': unknown name");
    }
  }

  private static List<AutoReply> rules(Message m) {
    Object raw = m.raw("rules");
    if (!(raw instanceof List<?> list)) {
      throw new IllegalArgumentException("'rules' must be a list");
    }
    if (list.size() > 100) {
      throw new IllegalArgumentException("at most 100 auto-reply rules per session");
    }
    List<AutoReply> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> r)) {
        throw new IllegalArgumentException("each rule must be an object");
      }
      @SuppressWarnings("unchecked")
      Message rule = new Message((Map<String, Object>) r);
      Payload reply =
          new Payload(
              rule.text("replyMode", "text").toLowerCase(Locale.ROOT),
              Payload.charset(m.text("encoding", "UTF-8")),
              "none",
              "none");
      String text = rule.text("reply", "");
      if (text.isEmpty()) {
        throw new IllegalArgumentException(
            "rule '" + rule.text("pattern", "") + "' has an empty reply");
      }
      // Macros ({count}, {time}, ...) in text and escapes replies; hex is bytes as written.
      AutoReply made =
          reply.mode().equals("hex")
              ? AutoReply.of(
                  rule.text("match", "contains"), rule.text("pattern", ""), reply.encode(text))
              : AutoReply.withMacros(
                  rule.text("match", "contains"), rule.text("pattern", ""), text, reply::encode);
      if (made.template() == null && made.reply().length == 0) {
        throw new IllegalArgumentException(
            "rule '" + rule.text("pattern", "") + "' has an empty reply");
      }
      out.add(made);
    }
    return out;
  }

  private Session session(Message m) {
    String id = m.text("session");
    Session s;
    try {
      s = sessions.get(Long.parseLong(id));
    } catch (NumberFormatException e) {
      s = null;
    }
    if (s == null) {
      throw new IllegalArgumentException("session " + id + " does not exist (closed?)");
    }
    return s;
  }

  /**
   * Everything new for the page behind {@code cursor}, as the map a page gets, or {@code null} when
   * nothing changed (tests; the page hub uses {@link #tick()}).
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> batch(Cursor cursor) {
    String json = tick().batchFor(cursor);
    return json == null ? null : (Map<String, Object>) Json.parse(json);
  }

  /** Each session's news now, built once for every page ({@link Tick#batchFor}). */
  Tick tick() {
    List<Tick.SessionNews> news = new ArrayList<>();
    for (Session s : sessions.values()) {
      Map<String, Object> m = meta(s);
      String json = Json.write(m);
      news.add(new Tick.SessionNews(s, json.substring(0, json.length() - 1), s.metaVersion(json)));
    }
    return new Tick(news);
  }

  /**
   * One moment of every session: its metadata (as JSON, built once) and its log, from which each
   * page gets what it has not seen. Entries of the same span are encoded once for all the pages
   * that need them. Used by one thread.
   */
  static final class Tick {
    record SessionNews(Session session, String metaJson, long metaVersion) {}

    private final List<SessionNews> news;
    private final java.util.Set<String> ids = new java.util.HashSet<>();
    private final Map<String, String> entries = new java.util.HashMap<>();

    Tick(List<SessionNews> news) {
      this.news = news;
      for (SessionNews n : news) {
        ids.add(n.session().id);
      }
    }

    /**
     * The batch for the page behind {@code cursor} (JSON), or {@code null} when it has seen
     * everything; moves the cursor on.
     */
    String batchFor(Cursor cursor) {
      List<String> gone = null;
      for (var it = cursor.seen.keySet().iterator(); it.hasNext(); ) {
        String id = it.next();
        if (!ids.contains(id)) {
          it.remove();
          if (gone == null) {
            gone = new ArrayList<>();
          }
          gone.add(id);
        }
      }
      StringBuilder out = null;
      for (SessionNews n : news) {
        Session s = n.session();
        long[] seen = cursor.seen.get(s.id);
        long next = s.log.nextSeq();
        if (seen != null && seen[0] == next - 1 && seen[1] == n.metaVersion()) {
          continue;
        }
        // A page new to the session gets its whole log; later batches the newest entries only.
        long after = seen == null ? 0 : seen[0];
        int limit = seen == null ? Session.LOG_CAPACITY : MAX_ENTRIES_PER_BATCH;
        String key = s.id + ":" + after + ":" + limit;
        String rows = entries.computeIfAbsent(key, k -> entriesJson(s, after, limit, next));
        if (out == null) {
          out = new StringBuilder(256 + rows.length()).append("{\"t\":\"batch\",\"sessions\":[");
        } else {
          out.append(',');
        }
        out.append(n.metaJson()).append(',').append(rows).append('}');
        cursor.seen.put(s.id, new long[] {next - 1, n.metaVersion()});
      }
      if (out == null && gone == null) {
        return null;
      }
      if (out == null) {
        out = new StringBuilder("{\"t\":\"batch\",\"sessions\":[");
      }
      out.append("],\"gone\":");
      Json.write(out, gone == null ? List.of() : gone);
      return out.append('}').toString();
    }

    /** {@code "skipped":N,"entries":[...]} for the entries after {@code after}. */
    private static String entriesJson(Session s, long after, int limit, long next) {
      List<LogEntry> list = s.log.after(after, limit);
      long first = list.isEmpty() ? next : list.get(0).seq();
      StringBuilder sb = new StringBuilder(64 + list.size() * 64);
      sb.append("\"skipped\":").append(Math.max(0, first - after - 1)).append(",\"entries\":[");
      Base64.Encoder b64 = Base64.getEncoder();
      for (int i = 0; i < list.size(); i++) {
        LogEntry e = list.get(i);
        if (i > 0) {
          sb.append(',');
        }
        sb.append('[').append(e.seq()).append(',').append(e.timeMillis()).append(',');
        Json.write(sb, e.dir());
        sb.append(',');
        Json.write(sb, e.peer());
        sb.append(',').append(e.length()).append(",\"");
        sb.append(b64.encodeToString(e.bytesForBatch())).append("\",");
        Json.write(sb, e.note());
        sb.append(']');
      }
      return sb.append(']').toString();
    }
  }

  /**
   * Starts or stops saving a session's received bytes to a file in the captures folder, named after
   * the session and the time: the page chooses no path, so it can write nowhere else.
   */
  private Map<String, Object> capture(Session s, boolean on) throws IOException {
    if (!on) {
      Object[] done = s.stopCapture();
      if (done == null) {
        throw new IllegalStateException("session #" + s.id + " is not saving received data");
      }
      return Map.of("op", "capture", "path", done[0].toString(), "bytes", done[1]);
    }
    if (captures == null) {
      throw new IllegalStateException(
          "this sockit ui has no folder for received data (start it with a config folder)");
    }
    java.nio.file.Files.createDirectories(captures);
    String stamp =
        java.time.LocalDateTime.now()
            .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
    java.nio.file.Path file = captures.resolve(s.kind() + "-" + s.id + "-" + stamp + ".bin");
    s.startCapture(file);
    return Map.of("op", "capture", "path", file.toString());
  }

  private static Map<String, Object> meta(Session s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id);
    m.put("kind", s.kind());
    m.put("title", s.title());
    m.put("state", s.state());
    m.put("openedAt", s.openedMillis());
    m.put("rxBytes", s.rxBytes.get());
    m.put("txBytes", s.txBytes.get());
    m.put("rxMessages", s.rxMessages.get());
    m.put("txMessages", s.txMessages.get());
    m.put("peers", s.peers());
    m.put("autoSend", s.autoSending());
    m.put("rules", s.rules().size());
    Object[] capturing = s.capturing();
    if (capturing != null) {
      m.put("capture", capturing[0]);
      m.put("captured", capturing[1]);
    }
    return m;
  }

  /** Sessions open now (for tests and the bench). */
  List<Session> sessions() {
    return List.copyOf(sessions.values());
  }

  /** Closes every session. */
  @Override
  public void close() {
    for (Session s : sessions.values()) {
      try {
        s.close();
      } catch (IOException e) {
        System.getLogger(Workspace.class.getName())
            .log(System.Logger.Level.DEBUG, "closing session " + s.id + " failed", e);
      }
    }
    sessions.clear();
  }
}
