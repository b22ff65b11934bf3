package dev.sockit.core.ipmsg;

import dev.sockit.core.transfer.SafeFolder;
import dev.sockit.core.transfer.TransferException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Receives one offered folder ({@code GETDIRFILES}) into a hidden temporary folder beside its final
 * name, checking every name the sender gives (one path component, no {@code ..}, no link on the
 * way) and bounding entries, depth and bytes; the folder gets its final name when its last record
 * arrived.
 *
 * <p>Resume between sockits: when a download from a sockit peer breaks, the position in the folder
 * stream and where it was (the folder path, and the file being written with its length) are saved
 * in the temporary folder; the next attempt asks the sender to start the stream there (the
 * request's third field, which iptux and IPMsg send as 0 and sockit's sender reads as an offset).
 * Other clients send the whole folder again, and it is received again from the start.
 */
final class FolderReceiver {
  static final String STATE = ".resume";
  private static final int MAX_DEPTH = 32;

  private final Downloads downloads;
  private final LanEngine engine;
  private final Offer offer;
  private final Attachment attachment;
  private final SafeFolder dir;
  private final List<String> stack = new ArrayList<>();
  private final byte[] buffer = new byte[128 * 1024];
  private String tmpName;
  private LanTransfer transfer;
  private long consumed;
  private long written;
  private int entries;
  private int files;
  private String currentFile;
  private long currentSize;
  private long currentDone;

  FolderReceiver(Downloads downloads, Offer offer, Attachment attachment, SafeFolder dir) {
    this.downloads = downloads;
    this.engine = downloads.engine();
    this.offer = offer;
    this.attachment = attachment;
    this.dir = dir;
  }

  LanEvent.TransferFinished run() throws IOException {
    LanPeer from = offer.from();
    downloads.checkName(attachment, from);
    tmpName = "." + attachment.name() + "." + Downloads.key(from, attachment) + ".sockit-part";
    Path tmp = dir.resolve(tmpName);
    BasicFileAttributes ta = Downloads.attributes(tmp);
    if (ta != null && !ta.isDirectory()) {
      throw new TransferException("refused: " + tmp + " exists and is not a folder");
    }
    dir.createFolder(tmp);
    boolean resume = from.kind() == ClientKind.SOCKIT && readState(tmp);
    transfer = downloads.transfer(offer, attachment, consumed);
    engine.publish(new LanEvent.TransferStarted(Instant.now(), transfer));
    long start = consumed;
    try (SocketChannel ch = downloads.connect(from.address());
        Stall stall = new Stall(engine.timer(), engine.options().limits().idleTimeout(), ch)) {
      try {
        downloads.request(
            ch,
            IpmsgCommand.GETDIRFILES | IpmsgCommand.FILEATTACHOPT,
            Downloads.hex(offer.packetNo())
                + ":"
                + Downloads.hex(attachment.fileId())
                + ":"
                + Downloads.hex(consumed)
                + ":",
            from);
        InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 64 * 1024);
        if (resume && currentFile != null) {
          content(in, currentFile, currentSize, currentDone, stall);
        }
        records(in, resume, stall);
      } catch (IOException | RuntimeException e) {
        if (from.kind() == ClientKind.SOCKIT) {
          writeState(tmp);
        }
        String why =
            stall.fired()
                ? "nothing came from "
                    + from.nick()
                    + " for "
                    + engine.options().limits().idleTimeout().toSeconds()
                    + " s"
                : e.getMessage();
        String msg =
            "download of folder '"
                + attachment.name()
                + "' from "
                + from.nick()
                + " failed: "
                + why
                + (from.kind() == ClientKind.SOCKIT
                    ? "; what arrived is kept, download again to resume"
                    : "; download again to fetch it again");
        engine.publish(new LanEvent.TransferFailed(Instant.now(), transfer, msg));
        if (e instanceof RuntimeException r) {
          throw r;
        }
        throw new LanException(msg, e);
      }
    }
    Files.deleteIfExists(state(tmp));
    Path target = Downloads.publish(dir, tmp, attachment.name(), 0);
    LanEvent.TransferFinished done =
        new LanEvent.TransferFinished(Instant.now(), transfer, consumed - start, files, target);
    engine.publish(done);
    return done;
  }

  /** Reads records until the top folder's closing record. */
  private void records(InputStream in, boolean inside, Stall stall) throws IOException {
    LanOptions.Limits limits = engine.options().limits();
    boolean top = inside;
    while (true) {
      byte[] raw = header(in);
      if (raw == null) {
        throw new EOFException("the sender stopped before the folder was complete");
      }
      stall.moved();
      consumed += raw.length;
      if (++entries > limits.maxFolderEntries()) {
        throw new TransferException(
            "the folder has more than " + limits.maxFolderEntries() + " entries; stopped");
      }
      FolderHeader h = parse(raw);
      if (!top && h.type() != Attachment.FOLDER) {
        throw new TransferException("the folder stream does not start with the folder");
      }
      switch (h.type()) {
        case Attachment.FOLDER -> {
          if (!top) {
            top = true; // the offered folder itself: it is the temporary folder
            continue;
          }
          String rel = child(h.name());
          if (stack.size() >= MAX_DEPTH) {
            throw new TransferException("the folder is nested deeper than " + MAX_DEPTH);
          }
          dir.createFolder(dir.resolve(tmpName + "/" + rel));
          stack.add(h.name());
        }
        case Attachment.REGULAR -> {
          if (written + h.size() > limits.maxFolderBytes()) {
            throw new TransferException(
                "the folder holds more than " + limits.maxFolderBytes() + " bytes; stopped");
          }
          content(in, child(h.name()), h.size(), 0, stall);
          if (h.mtime() > 0) {
            Files.setLastModifiedTime(
                dir.resolve(tmpName + "/" + child(h.name())),
                FileTime.fromMillis(h.mtime() * 1000));
          }
        }
        case Attachment.RETPARENT -> {
          if (stack.isEmpty()) {
            return; // the offered folder is complete
          }
          stack.remove(stack.size() - 1);
        }
        default -> skip(in, h.size(), stall); // links, devices: not written
      }
    }
  }

  /** The path below the temporary folder of a child of the current folder, checked. */
  private String child(String name) throws TransferException {
    String problem = SafeFolder.componentProblem(name);
    if (problem != null) {
      throw new TransferException(
          "refused '"
              + IpmsgText.printable(name)
              + "' in folder '"
              + attachment.name()
              + "': "
              + problem);
    }
    return stack.isEmpty() ? name : String.join("/", stack) + "/" + name;
  }

  private FolderHeader parse(byte[] raw) throws IOException {
    String text =
        IpmsgText.decode(raw, false, offer.from().charset(), engine.options().legacy()).text();
    try {
      return FolderHeader.parse(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    } catch (MalformedPacketException e) {
      throw new TransferException("the folder stream is not IPMsg: " + e.getMessage());
    }
  }

  /** One header, or {@code null} at the end of the stream. */
  private static byte[] header(InputStream in) throws IOException {
    byte[] head = new byte[FolderHeader.MAX_HEADER];
    int n = 0;
    int size = 0;
    while (size == 0) {
      int b = in.read();
      if (b < 0) {
        if (n == 0) {
          return null;
        }
        throw new EOFException("the folder stream ended inside a header");
      }
      head[n++] = (byte) b;
      size = FolderHeader.headerSize(head, n);
      if (size < 0) {
        throw new TransferException("the folder stream has no header size where one belongs");
      }
    }
    while (n < size) {
      int r = in.read(head, n, size - n);
      if (r < 0) {
        throw new EOFException("the folder stream ended inside a header");
      }
      n += r;
    }
    return java.util.Arrays.copyOf(head, size);
  }

  /** Writes a file's bytes from {@code done} to {@code size}, then reports it. */
  private void content(InputStream in, String rel, long size, long done, Stall stall)
      throws IOException {
    Path f = dir.resolve(tmpName + "/" + rel);
    currentFile = rel;
    currentSize = size;
    currentDone = done;
    try (FileChannel out =
        FileChannel.open(
            f,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.READ,
            LinkOption.NOFOLLOW_LINKS)) {
      out.truncate(done);
      out.position(done);
      while (currentDone < size) {
        int r = in.read(buffer, 0, (int) Math.min(buffer.length, size - currentDone));
        if (r < 0) {
          throw new EOFException("the sender stopped inside " + rel);
        }
        ByteBuffer bb = ByteBuffer.wrap(buffer, 0, r);
        while (bb.hasRemaining()) {
          out.write(bb);
        }
        currentDone += r;
        consumed += r;
        written += r;
        stall.moved();
      }
      MessageDigest md = Downloads.sha256();
      ByteBuffer hb = ByteBuffer.allocate(64 * 1024);
      for (long pos = 0; pos < size; ) {
        int r = out.read(hb.clear(), pos);
        if (r < 0) {
          break;
        }
        md.update(hb.array(), 0, r);
        pos += r;
      }
      engine.publish(
          new LanEvent.FileSaved(
              Instant.now(),
              transfer,
              Path.of(attachment.name(), rel),
              size,
              HexFormat.of().formatHex(md.digest()),
              done));
    }
    files++;
    currentFile = null;
  }

  private void skip(InputStream in, long size, Stall stall) throws IOException {
    long left = size;
    while (left > 0) {
      long n = in.skip(left);
      if (n <= 0) {
        if (in.read() < 0) {
          throw new EOFException("the folder stream ended early");
        }
        n = 1;
      }
      left -= n;
      consumed += n;
      stall.moved();
    }
  }

  /** Restores the position of an interrupted download; false when there is none. */
  private boolean readState(Path tmp) throws IOException {
    Path state = state(tmp);
    BasicFileAttributes a = Downloads.attributes(state);
    if (a == null || !a.isRegularFile() || a.size() > 64 * 1024) {
      return false;
    }
    List<String> lines = Files.readAllLines(state, StandardCharsets.UTF_8);
    try {
      long offset = -1;
      for (String line : lines) {
        String[] kv = line.split("\t", -1);
        switch (kv[0]) {
          case "offset" -> offset = Long.parseLong(kv[1]);
          case "dir" -> stack.add(kv[1]);
          case "file" -> {
            currentFile = kv[1];
            currentSize = Long.parseLong(kv[2]);
            currentDone = Long.parseLong(kv[3]);
          }
          default -> {}
        }
      }
      for (String c : stack) {
        child(c); // the saved path passes the same checks as the sender's names
      }
      if (currentFile != null) {
        dir.resolve(tmpName + "/" + currentFile);
      }
      consumed = Math.max(0, offset);
      return offset > 0;
    } catch (RuntimeException | TransferException e) {
      stack.clear();
      currentFile = null;
      consumed = 0;
      return false;
    }
  }

  /** Where the position of an interrupted download is kept: beside the temporary folder. */
  private Path state(Path tmp) {
    return tmp.resolveSibling(tmpName + STATE);
  }

  private void writeState(Path tmp) {
    List<String> names = new ArrayList<>(stack);
    if (currentFile != null) {
      names.add(currentFile);
    }
    if (names.stream().anyMatch(n -> n.indexOf('\t') >= 0 || n.indexOf('\n') >= 0)) {
      return; // such names cannot be written in the state: the next attempt starts over
    }
    StringBuilder sb = new StringBuilder("offset\t" + consumed + "\n");
    for (String c : stack) {
      sb.append("dir\t").append(c).append('\n');
    }
    if (currentFile != null) {
      sb.append("file\t")
          .append(currentFile)
          .append('\t')
          .append(currentSize)
          .append('\t')
          .append(currentDone)
          .append('\n');
    }
    try {
      Path next = tmp.resolveSibling(tmpName + STATE + ".new");
      Files.write(
          next,
          sb.toString().getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
      Files.move(
          next, state(tmp), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      engine.notice("cannot save where the folder download stopped: " + e.getMessage());
    }
  }
}
