package dev.sockit.core.ipmsg;

import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.net.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves this engine's offered files over TCP: reads one request ({@code GETFILEDATA} or {@code
 * GETDIRFILES}, at most {@link #MAX_REQUEST} bytes within {@link #REQUEST_WAIT_MS}), checks that
 * the offer was made to the address asking, and streams the bytes; then closes.
 *
 * <p>A stranger can hold at most {@code maxUploads} connections (more are closed at once), each for
 * at most the request wait and then the idle timeout without progress.
 */
final class FileServer implements AutoCloseable {
  static final int MAX_REQUEST = 8192;
  static final int REQUEST_WAIT_MS = 10_000;

  /** After the request looks complete but has no NUL, how long to wait for more of it. */
  private static final int TAIL_WAIT_MS = 300;

  private static final AtomicLong TRANSFER_IDS = new AtomicLong();

  private final ServerSocketChannel channel;
  private final LanEngine engine;
  private final AtomicInteger active = new AtomicInteger();
  private Thread acceptor;

  FileServer(ServerSocketChannel channel, LanEngine engine) {
    this.channel = channel;
    this.engine = engine;
  }

  static long nextTransferId() {
    return TRANSFER_IDS.incrementAndGet();
  }

  void start() {
    acceptor = Thread.ofPlatform().name("sockit-lan-tcp").daemon().start(this::accept);
  }

  private void accept() {
    while (channel.isOpen()) {
      SocketChannel ch;
      try {
        ch = channel.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        engine.notice("accepting a file connection failed: " + e.getMessage());
        continue;
      }
      if (active.incrementAndGet() > engine.options().limits().maxUploads()) {
        active.decrementAndGet();
        closeQuietly(ch);
        engine.notice(
            "a file connection was closed: "
                + engine.options().limits().maxUploads()
                + " are being served already");
        continue;
      }
      Thread.ofVirtual()
          .name("sockit-lan-upload")
          .start(
              () -> {
                try {
                  serve(ch);
                } finally {
                  active.decrementAndGet();
                  closeQuietly(ch);
                }
              });
    }
  }

  private void serve(SocketChannel ch) {
    InetSocketAddress peer;
    byte[] request;
    try {
      peer = (InetSocketAddress) ch.getRemoteAddress();
      request = readRequest(ch.socket());
    } catch (IOException e) {
      return; // the client went away or sent nothing usable in time
    }
    IpmsgPacket p;
    try {
      p = IpmsgPacket.parse(request);
    } catch (MalformedPacketException e) {
      engine.publish(packetEvent(peer, request, null, null, e.getMessage()));
      return;
    }
    LanPeer known = engine.table().at(peer.getAddress());
    Charset legacy = engine.options().legacy();
    IpmsgBody body = IpmsgBody.of(p, known != null ? known.charset() : null, legacy);
    engine.publish(packetEvent(peer, request, p, body, null));
    if (!(body instanceof IpmsgBody.FileRequest req)) {
      return; // iptux's pictures and other TCP commands are not taken
    }
    boolean folder = p.mode() == IpmsgCommand.GETDIRFILES;
    SharedFiles.Entry entry;
    try {
      entry = engine.shared().find(req.packetNo(), req.fileId(), peer.getAddress(), folder);
    } catch (LanException e) {
      engine.notice(
          "refused a file request from " + SocketAddresses.format(peer) + ": " + e.getMessage());
      return;
    }
    Attachment a = entry.attachment();
    String nick = known != null ? known.nick() : SocketAddresses.format(peer);
    long offset = Math.max(0, req.offset());
    LanTransfer t =
        new LanTransfer(
            nextTransferId(),
            LanEvent.Direction.OUT,
            peer,
            nick,
            a.name(),
            folder,
            a.size(),
            offset);
    engine.publish(new LanEvent.TransferStarted(Instant.now(), t));
    Charset cs = known != null ? known.sendCharset(legacy) : legacy;
    try (Stall stall = new Stall(engine.timer(), engine.options().limits().idleTimeout(), ch)) {
      long sent;
      int files;
      if (folder) {
        FolderStream fs = new FolderStream(ch, cs, stall, offset);
        fs.write(entry.path());
        sent = fs.sent();
        files = fs.files();
      } else {
        sent = sendFile(ch, entry, offset, stall);
        files = 1;
      }
      engine.publish(new LanEvent.TransferFinished(Instant.now(), t, sent, files, null));
    } catch (IOException | RuntimeException e) {
      engine.publish(new LanEvent.TransferFailed(Instant.now(), t, String.valueOf(e.getMessage())));
    }
  }

  private static long sendFile(SocketChannel ch, SharedFiles.Entry e, long offset, Stall stall)
      throws IOException {
    long size = e.attachment().size();
    try (FileChannel fc =
        FileChannel.open(e.path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long pos = Math.min(offset, size);
      while (pos < size) {
        long n = fc.transferTo(pos, size - pos, ch);
        if (n <= 0 && fc.size() <= pos) {
          throw new IOException(e.path() + " became shorter after it was offered");
        }
        pos += n;
        stall.moved();
      }
      return pos - Math.min(offset, size);
    }
  }

  private LanEvent.Packet packetEvent(
      InetSocketAddress peer, byte[] raw, IpmsgPacket p, IpmsgBody body, String problem) {
    return new LanEvent.Packet(
        Instant.now(), LanEvent.Direction.IN, Transport.TCP, peer, raw, p, body, problem);
  }

  /**
   * Reads a request: up to its NUL byte, or until it has the five header colons and three more
   * (packet, file, offset) and nothing more comes for a moment, or until the limits.
   */
  static byte[] readRequest(Socket socket) throws IOException {
    socket.setSoTimeout(REQUEST_WAIT_MS);
    InputStream in = socket.getInputStream();
    byte[] buf = new byte[MAX_REQUEST];
    int n = 0;
    int colons = 0;
    long deadline = System.nanoTime() + REQUEST_WAIT_MS * 1_000_000L;
    while (n < buf.length && System.nanoTime() < deadline) {
      int r;
      try {
        r = in.read(buf, n, buf.length - n);
      } catch (SocketTimeoutException e) {
        if (colons >= 7) {
          break;
        }
        throw e;
      }
      if (r < 0) {
        break;
      }
      for (int i = n; i < n + r; i++) {
        if (buf[i] == 0) {
          return Arrays.copyOf(buf, i);
        }
        if (buf[i] == ':') {
          colons++;
        }
      }
      n += r;
      if (colons >= 7) {
        socket.setSoTimeout(TAIL_WAIT_MS);
      }
    }
    if (n == 0) {
      throw new IOException("no request");
    }
    return Arrays.copyOf(buf, n);
  }

  private static void closeQuietly(SocketChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      System.getLogger(FileServer.class.getName())
          .log(System.Logger.Level.DEBUG, "closing a file connection failed", e);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
    if (acceptor != null) {
      try {
        acceptor.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
