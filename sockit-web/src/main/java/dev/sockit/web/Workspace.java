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

  /** What one page has seen: per session, the last log sequence number and metadata sent. */
  static final class Cursor {
    private final Map<String, Long> seen = new LinkedHashMap<>();
    private final Map<String, String> meta = new LinkedHashMap<>();
  }

  /**
   * Handles one page request and returns the answer: {@code {t:"ack", ...}} or {@code {t:"error",
   * message}}, both echoing the request's {@code req} field.
   */
  Map<String, Object> handle(String json) {
    Map<String, Object> answer = new LinkedHashMap<>();
    Object req = null;
    try {
      Message m = Message.parse(json);
      req = m.raw("req");
      answer.put("t", "ack");
      answer.putAll(dispatch(m));
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
   * Everything new for the page behind {@code cursor}, or {@code null} when nothing changed. Each
   * session carries its state, counters and clients, and at most {@link #MAX_ENTRIES_PER_BATCH} new
   * log entries (the newest; {@code skipped} counts the rest).
   */
  Map<String, Object> batch(Cursor cursor) {
    List<Object> out = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    for (String id : new ArrayList<>(cursor.seen.keySet())) {
      if (!sessions.containsKey(Long.parseLong(id))) {
        gone.add(id);
        cursor.seen.remove(id);
        cursor.meta.remove(id);
      }
    }
    for (Session s : sessions.values()) {
      long seen = cursor.seen.getOrDefault(s.id, 0L);
      List<LogEntry> entries = s.log.after(seen, MAX_ENTRIES_PER_BATCH);
      long next = s.log.nextSeq();
      Map<String, Object> m = meta(s);
      String sig = Json.write(m);
      if (entries.isEmpty() && sig.equals(cursor.meta.get(s.id)) && next - 1 == seen) {
        continue;
      }
      cursor.meta.put(s.id, sig);
      cursor.seen.put(s.id, next - 1);
      long first = entries.isEmpty() ? next : entries.get(0).seq();
      m.put("skipped", Math.max(0, first - seen - 1));
      List<Object> rows = new ArrayList<>(entries.size());
      Base64.Encoder b64 = Base64.getEncoder();
      for (LogEntry e : entries) {
        rows.add(
            List.of(
                e.seq(),
                e.timeMillis(),
                e.dir(),
                e.peer(),
                e.length(),
                b64.encodeToString(e.bytesForBatch()),
                e.note()));
      }
      m.put("entries", rows);
      out.add(m);
    }
    if (out.isEmpty() && gone.isEmpty()) {
      return null;
    }
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("t", "batch");
    b.put("sessions", out);
    b.put("gone", gone);
    return b;
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
