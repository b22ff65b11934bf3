package dev.sockit.core.probe;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 GET written by hand on the probe's own connection, so the time to first byte is
 * measured on the socket that was just timed, and the body is counted as it arrives: by {@code
 * Content-Length}, by chunks, or to the end of the connection ({@code Connection: close}).
 */
final class HttpStep {
  private static final int MAX_HEAD = 64 * 1024;

  private HttpStep() {}

  /** An answer that broke off after its head: the phase as far as it got, and why it stopped. */
  static final class PartialAnswer extends IOException {
    final transient Phase.Http partial;

    PartialAnswer(Phase.Http partial, String message, Throwable cause) {
      super(message, cause);
      this.partial = partial;
    }
  }

  static Phase.Http exchange(
      Socket socket, ProbeTarget target, ProbeOptions options, long probeStart) throws IOException {
    socket.setSoTimeout((int) Math.max(1, options.timeout().toMillis()));
    String requestLine = "GET " + target.path() + " HTTP/1.1";
    List<String> requestHeaders = requestHeaders(target);
    StringBuilder request = new StringBuilder(requestLine).append("\r\n");
    for (String h : requestHeaders) {
      request.append(h).append("\r\n");
    }
    request.append("\r\n");
    if (target.userInfo() != null) { // shown without the secret
      String user = target.userInfo().split(":", 2)[0];
      requestHeaders.replaceAll(
          h ->
              h.startsWith("Authorization:")
                  ? "Authorization: Basic (credentials of user '" + user + "')"
                  : h);
    }
    long start = System.nanoTime();
    OutputStream out = socket.getOutputStream();
    out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    InputStream in = new BufferedInputStream(socket.getInputStream());
    Counter counter = new Counter(in);
    try {
      if (counter.peekFirst() < 0) {
        throw new IOException("the server closed the connection without answering " + requestLine);
      }
    } catch (SocketTimeoutException e) {
      throw new IOException(
          "no answer to "
              + requestLine
              + " within "
              + Probe.seconds(options.timeout())
              + " (the server accepted the connection but sent nothing)",
          e);
    }
    Duration ttfb = Duration.ofNanos(System.nanoTime() - start);
    List<String> head = new ArrayList<>();
    int status;
    try {
      readHead(counter, head);
      status = status(head.get(0));
      while (status >= 100
          && status < 200
          && status != 101) { // 100 Continue, 103 Early Hints: the real answer follows
        head.clear();
        readHead(counter, head);
        status = status(head.get(0));
      }
    } catch (IOException e) {
      String why =
          e instanceof SocketTimeoutException
              ? "the response headers stopped after "
                  + counter.total
                  + " bytes (nothing more for "
                  + Probe.seconds(options.timeout())
                  + ")"
              : e.getMessage();
      int partialStatus = head.isEmpty() ? -1 : statusOrNone(head.get(0));
      if (partialStatus < 0) {
        throw e instanceof SocketTimeoutException ? new IOException(why, e) : e;
      }
      // the status line and the headers that did arrive (a server that stopped, or a time limit)
      throw new PartialAnswer(
          new Phase.Http(
              Duration.ofNanos(start - probeStart),
              Duration.ofNanos(System.nanoTime() - start),
              requestLine,
              requestHeaders,
              ttfb,
              head.get(0),
              partialStatus,
              List.copyOf(head.subList(1, head.size())),
              0,
              false,
              false),
          why,
          e);
    }
    List<String> headers = head.subList(1, head.size());
    Body body = new Body();
    try {
      readBody(counter, status, headers, options.maxBody(), body);
    } catch (IOException e) {
      String why =
          e instanceof SocketTimeoutException
              ? "the body stopped after "
                  + body.bytes
                  + (body.expected >= 0 ? " of " + body.expected : "")
                  + " bytes (nothing more for "
                  + Probe.seconds(options.timeout())
                  + ")"
              : e.getMessage();
      Phase.Http partial =
          new Phase.Http(
              Duration.ofNanos(start - probeStart),
              Duration.ofNanos(System.nanoTime() - start),
              requestLine,
              requestHeaders,
              ttfb,
              head.get(0),
              status,
              headers,
              body.bytes,
              false,
              true);
      throw new PartialAnswer(partial, why, e);
    }
    return new Phase.Http(
        Duration.ofNanos(start - probeStart),
        Duration.ofNanos(System.nanoTime() - start),
        requestLine,
        requestHeaders,
        ttfb,
        head.get(0),
        status,
        headers,
        body.bytes,
        body.complete,
        true);
  }

  /** The headers sockit sends, in order (Authorization only for a URL with credentials). */
  private static List<String> requestHeaders(ProbeTarget target) {
    boolean defaultPort = target.port() == (target.tls() ? 443 : 80);
    List<String> h = new ArrayList<>();
    h.add("Host: " + target.hostForUrl() + (defaultPort ? "" : ":" + target.port()));
    if (target.userInfo() != null) {
      String credentials =
          target.userInfo().indexOf(':') >= 0
              ? target.userInfo()
              : target.userInfo() + ":"; // RFC 7617: user ":" password
      h.add(
          "Authorization: Basic "
              + java.util.Base64.getEncoder()
                  .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    h.add("User-Agent: sockit-probe");
    h.add("Accept: */*");
    h.add("Connection: close");
    return h;
  }

  /** How much of the body has arrived: bytes, the size announced (-1 if none), whether all came. */
  private static final class Body {
    long bytes;
    long expected = -1;
    boolean complete;
  }

  private static int status(String statusLine) throws IOException {
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
      throw new IOException("the answer is not HTTP: '" + printable(statusLine) + "'");
    }
    return Integer.parseInt(parts[1]);
  }

  /** The status of a status line, or -1 when it is not one. */
  private static int statusOrNone(String statusLine) {
    try {
      return status(statusLine);
    } catch (IOException e) {
      return -1;
    }
  }

  /** Reads a response head into {@code lines} (the caller keeps what arrived if it breaks off). */
  private static void readHead(Counter in, List<String> lines) throws IOException {
    StringBuilder line = new StringBuilder();
    int read = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException(
            lines.isEmpty() && line.isEmpty()
                ? "the server closed the connection without answering"
                : "the server closed the connection in the middle of the response headers");
      }
      if (++read > MAX_HEAD) {
        throw new IOException("the response headers are longer than " + MAX_HEAD + " bytes");
      }
      if (b == '\n') {
        int len = line.length();
        String text =
            len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
        if (text.isEmpty()) {
          if (lines.isEmpty()) {
            line.setLength(0); // tolerate a stray empty line before the status line (its CR too)
            continue;
          }
          return;
        }
        lines.add(text);
        line.setLength(0);
      } else {
        line.append((char) b);
        if (lines.isEmpty() && line.length() == 5 && !line.toString().startsWith("HTTP/")) {
          // not a status line (an SSH or SMTP greeting, say): no need to wait for more
          throw new IOException(
              "the answer is not HTTP: '"
                  + printable((line + in.rest()).strip())
                  + "' (is this an HTTP port?)");
        }
      }
    }
  }

  /** Reads the body into {@code body}'s counts, which stay as far as they got if this throws. */
  private static void readBody(Counter in, int status, List<String> headers, long max, Body body)
      throws IOException {
    if (status == 204 || status == 304) {
      body.complete = true;
      return;
    }
    String encoding = header(headers, "transfer-encoding");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      chunked(in, max, body);
      return;
    }
    String length = header(headers, "content-length");
    if (length != null) {
      long n;
      try {
        n = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        throw new IOException("Content-Length '" + length + "' is not a number");
      }
      body.expected = n;
      skip(in, Math.min(n, max), body);
      if (body.bytes < Math.min(n, max)) {
        throw new IOException(
            "the server closed the connection after " + body.bytes + " of " + n + " body bytes");
      }
      body.complete = body.bytes == n;
      return;
    }
    skip(in, max, body);
    body.complete = in.read() < 0;
  }

  private static void chunked(Counter in, long max, Body body) throws IOException {
    while (true) {
      String sizeLine = line(in);
      int semi = sizeLine.indexOf(';');
      long size;
      try {
        size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size line '" + printable(sizeLine) + "'");
      }
      if (size == 0) {
        while (!line(in).isEmpty()) {
          // trailers
        }
        body.complete = true;
        return;
      }
      long want = Math.min(size, max - body.bytes);
      long before = body.bytes;
      skip(in, want, body);
      if (body.bytes - before < want) {
        throw new IOException("the server closed the connection in the middle of a chunk");
      }
      if (want < size) {
        return; // the size limit: not complete
      }
      line(in);
    }
  }

  private static String line(Counter in) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("the server closed the connection in the middle of a chunked body");
      }
      if (b != '\r') {
        sb.append((char) b);
      }
    }
    return sb.toString();
  }

  /** Reads up to {@code n} more body bytes, counting each read into {@code body} as it comes. */
  private static void skip(Counter in, long n, Body body) throws IOException {
    byte[] buf = new byte[16384];
    long done = 0;
    while (done < n) {
      int r = in.read(buf, (int) Math.min(buf.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
      body.bytes += r;
    }
  }

  private static String header(List<String> headers, String name) {
    for (String h : headers) {
      int colon = h.indexOf(':');
      if (colon > 0 && h.substring(0, colon).strip().equalsIgnoreCase(name)) {
        return h.substring(colon + 1).strip();
      }
    }
    return null;
  }

  private static String printable(String s) {
    // the text is the answer's bytes, one char each (ISO-8859-1)
    byte[] cut = (s.length() > 60 ? s.substring(0, 60) : s).getBytes(StandardCharsets.ISO_8859_1);
    return dev.sockit.core.codec.HexDump.printable(cut, cut.length)
        + (s.length() > 60 ? "..." : "");
  }

  /** Counts bytes read, and lets the first read stand alone so its time can be taken. */
  private static final class Counter {
    private final InputStream in;
    private int peeked = -2;
    long total;

    Counter(InputStream in) {
      this.in = in;
    }

    /** Up to a line (60 bytes at most) of what has already arrived, without waiting for more. */
    String rest() throws IOException {
      StringBuilder sb = new StringBuilder();
      while (sb.length() < 60 && in.available() > 0) {
        int b = read();
        if (b < 0 || b == '\n') {
          break;
        }
        sb.append((char) b);
      }
      return sb.toString();
    }

    int peekFirst() throws IOException {
      peeked = in.read();
      return peeked;
    }

    int read() throws IOException {
      if (peeked != -2) {
        int b = peeked;
        peeked = -2;
        total += b < 0 ? 0 : 1;
        return b;
      }
      int b = in.read();
      total += b < 0 ? 0 : 1;
      return b;
    }

    int read(byte[] buf, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (peeked != -2) {
        int b = read();
        if (b < 0) {
          return -1;
        }
        buf[0] = (byte) b;
        return 1;
      }
      int r = in.read(buf, 0, len);
      total += Math.max(r, 0);
      return r;
    }
  }
}
