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

  static Phase.Http exchange(Socket socket, ProbeTarget target, ProbeOptions options, long probeStart) throws IOException {
    socket.setSoTimeout((int) Math.max(1, options.timeout().toMillis()));
    String requestLine = "GET " + target.path() + " HTTP/1.1";
    boolean defaultPort = target.port() == (target.tls() ? 443 : 80);
    String request = requestLine + "\r\n"
        + "Host: " + target.hostForUrl() + (defaultPort ? "" : ":" + target.port()) + "\r\n"
        + "User-Agent: sockit-probe\r\n"
        + "Accept: */*\r\n"
        + "Connection: close\r\n\r\n";
    long start = System.nanoTime();
    OutputStream out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    InputStream in = new BufferedInputStream(socket.getInputStream());
    Counter counter = new Counter(in);
    try {
      if (counter.peekFirst() < 0) {
        throw new IOException("the server closed the connection without answering");
      }
    } catch (SocketTimeoutException e) {
      throw new IOException("no answer within " + Probe.seconds(options.timeout()) + " (the server accepted the connection but sent nothing)", e);
    }
    Duration ttfb = Duration.ofNanos(System.nanoTime() - start);
    try {
      List<String> head = readHead(counter);
      int status = status(head.get(0));
      while (status >= 100 && status < 200 && status != 101) { // 100 Continue, 103 Early Hints: the real answer follows
        head = readHead(counter);
        status = status(head.get(0));
      }
      List<String> headers = head.subList(1, head.size());
      long[] body = readBody(counter, status, headers, options.maxBody());
      return new Phase.Http(Duration.ofNanos(start - probeStart), Duration.ofNanos(System.nanoTime() - start), requestLine, ttfb,
          head.get(0), status, headers, body[0], body[1] == 1);
    } catch (SocketTimeoutException e) {
      throw new IOException("the answer stopped after " + counter.total + " bytes (nothing more for " + Probe.seconds(options.timeout()) + ")", e);
    }
  }

  private static int status(String statusLine) throws IOException {
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
      throw new IOException("the answer is not HTTP: '" + printable(statusLine) + "'");
    }
    return Integer.parseInt(parts[1]);
  }

  private static List<String> readHead(Counter in) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    int read = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException(lines.isEmpty() && line.isEmpty() ? "the server closed the connection without answering"
            : "the server closed the connection in the middle of the response headers");
      }
      if (++read > MAX_HEAD) {
        throw new IOException("the response headers are longer than " + MAX_HEAD + " bytes");
      }
      if (b == '\n') {
        int len = line.length();
        String text = len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
        if (text.isEmpty()) {
          if (lines.isEmpty()) {
            continue; // tolerate a stray empty line before the status line
          }
          return lines;
        }
        lines.add(text);
        line.setLength(0);
      } else {
        line.append((char) b);
      }
    }
  }

  /** Returns {bytes, 1 if complete}. */
  private static long[] readBody(Counter in, int status, List<String> headers, long max) throws IOException {
    if (status == 204 || status == 304) {
      return new long[] {0, 1};
    }
    String encoding = header(headers, "transfer-encoding");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      return chunked(in, max);
    }
    String length = header(headers, "content-length");
    if (length != null) {
      long n;
      try {
        n = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        throw new IOException("Content-Length '" + length + "' is not a number");
      }
      long got = skip(in, Math.min(n, max));
      if (got < Math.min(n, max)) {
        throw new IOException("the server closed the connection after " + got + " of " + n + " body bytes");
      }
      return new long[] {got, got == n ? 1 : 0};
    }
    long got = skip(in, max);
    return new long[] {got, in.read() < 0 ? 1 : 0};
  }

  private static long[] chunked(Counter in, long max) throws IOException {
    long total = 0;
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
        return new long[] {total, 1};
      }
      long want = Math.min(size, max - total);
      long got = skip(in, want);
      total += got;
      if (got < want) {
        throw new IOException("the server closed the connection in the middle of a chunk");
      }
      if (want < size) {
        return new long[] {total, 0};
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

  private static long skip(Counter in, long n) throws IOException {
    byte[] buf = new byte[16384];
    long done = 0;
    while (done < n) {
      int r = in.read(buf, (int) Math.min(buf.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
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
    String cut = s.length() > 60 ? s.substring(0, 60) + "..." : s;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }

  /** Counts bytes read, and lets the first read stand alone so its time can be taken. */
  private static final class Counter {
    private final InputStream in;
    private int peeked = -2;
    long total;

    Counter(InputStream in) {
      this.in = in;
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
