package dev.sockit.core.ipmsg;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LanEngine} driven by lines on stdin, reporting events as lines on stdout: what the
 * interop tests run inside a network namespace (with {@code ip netns exec}) beside iptux.
 *
 * <p>Arguments: {@code NICK BIND_IP PORT ANNOUNCE_IP [legacy-charset]}. Commands: {@code send PEER
 * TEXT}, {@code seal PEER TEXT}, {@code files PEER PATH...}, {@code get OFFER INDEX DIR}, {@code
 * askshared IP} (iptux's request for its shared files), {@code entry IP}, {@code peers}, {@code
 * quit}. Output: {@code ready PORT}, {@code joined IP KIND CHARSET NICK} (and {@code size N
 * EPOCH_MICROS}: peers joined so far), {@code message IP PACKETNO CHARSET TEXT}, {@code offer ID
 * INDEX TYPE SIZE NAME}, {@code delivered PACKETNO ATTEMPTS}, {@code undelivered ...}, {@code saved
 * PATH SIZE SHA256 RESUMED}, {@code finished DIR BYTES FILES PATH}, {@code failed REASON}, {@code
 * packet DIR TRANSPORT PEER COMMAND}, {@code notice TEXT}, {@code error TEXT}; line feeds in text
 * are written {@code \n}.
 */
public final class LanNode {
  private static int joined;

  private LanNode() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    LanOptions o =
        LanOptions.of(args[0], "node", "node-" + args[0].hashCode())
            .withBind(InetAddress.getByName(args[1]), Integer.parseInt(args[2]))
            .withAnnounceTo(List.of(InetAddress.getByName(args[3])))
            .withGroup("sockit");
    if (args.length > 4) {
      o = o.withLegacy(IpmsgText.charset(args[4]));
    }
    List<Offer> offers = new ArrayList<>();
    try (LanEngine lan = LanEngine.open(o)) {
      lan.subscribe(e -> print(out, e, offers));
      out.println("ready " + lan.port());
      lan.start();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        if (line.equals("quit")) {
          break;
        }
        try {
          command(lan, line, offers, out);
        } catch (Exception e) {
          out.println("error " + oneLine(String.valueOf(e.getMessage())));
        }
      }
    }
    out.println("closed");
  }

  private static void command(LanEngine lan, String line, List<Offer> offers, PrintStream out)
      throws Exception {
    String[] w = line.split(" ", 3);
    switch (w[0]) {
      case "send", "seal" ->
          lan.send(lan.resolve(w[1]), w[2], w[0].equals("seal"))
              .whenComplete(
                  (d, err) -> {
                    if (err != null) {
                      out.println("error " + oneLine(String.valueOf(err.getMessage())));
                    }
                  });
      case "files" -> {
        List<Path> paths = new ArrayList<>();
        for (String p : w[2].split(" ")) {
          paths.add(Path.of(p));
        }
        lan.sendFiles(lan.resolve(w[1]), "files", paths);
      }
      case "get" -> {
        String[] g = line.split(" ", 4);
        Offer offer = offers.get(Integer.parseInt(g[1]) - 1);
        lan.download(offer, Integer.parseInt(g[2]), Path.of(g[3]));
      }
      case "askshared" ->
          lan.outbox()
              .send(
                  lan.outbox()
                      .packet(IpmsgCommand.IPTUX_ASKSHARED, new byte[] {0}, lan.options().legacy()),
                  new InetSocketAddress(InetAddress.getByName(w[1]), lan.port()));
      case "entry" -> lan.announce(new InetSocketAddress(InetAddress.getByName(w[1]), lan.port()));
      case "peers" -> out.println("peers " + lan.peers().size());
      default -> out.println("error unknown command " + w[0]);
    }
  }

  private static synchronized void print(PrintStream out, LanEvent e, List<Offer> offers) {
    switch (e) {
      case LanEvent.Packet p ->
          out.println(
              "packet "
                  + p.direction()
                  + " "
                  + p.transport()
                  + " "
                  + p.peer().getAddress().getHostAddress()
                  + ":"
                  + p.peer().getPort()
                  + " "
                  + (p.packet() != null
                      ? IpmsgCommand.describe(p.packet().command())
                          + " charset="
                          + (p.body().charset() == null ? "-" : p.body().charset().name())
                      : "malformed " + p.problem()));
      case LanEvent.PeerJoined j -> {
        out.println("joined " + peer(j.peer()));
        java.time.Instant t = j.time();
        out.println(
            "size " + (++joined) + " " + (t.getEpochSecond() * 1_000_000 + t.getNano() / 1000));
      }
      case LanEvent.PeerChanged c -> out.println("changed " + peer(c.peer()));
      case LanEvent.PeerLeft l -> out.println("left " + l.peer().ip() + " " + l.peer().nick());
      case LanEvent.MessageReceived m -> {
        if (m.offer() != null) {
          offers.add(m.offer());
          int i = 0;
          for (Attachment a : m.offer().files()) {
            out.println(
                "offer "
                    + offers.size()
                    + " "
                    + i++
                    + " "
                    + a.type()
                    + " "
                    + a.size()
                    + " "
                    + a.name());
          }
        }
        out.println(
            "message "
                + m.from().ip()
                + " "
                + m.packetNo()
                + " "
                + (m.from().charset() == null ? "-" : m.from().charset().name())
                + " "
                + oneLine(m.text()));
      }
      case LanEvent.Delivered d -> out.println("delivered " + d.packetNo() + " " + d.attempts());
      case LanEvent.Undelivered u -> out.println("undelivered " + u.packetNo() + " " + u.reason());
      case LanEvent.Read r -> out.println("read " + r.by().ip() + " " + r.packetNo());
      case LanEvent.TransferStarted t ->
          out.println(
              "started "
                  + t.transfer().direction()
                  + " "
                  + t.transfer().name()
                  + " offset="
                  + t.transfer().offset());
      case LanEvent.FileSaved s ->
          out.println(
              "saved " + s.path() + " " + s.size() + " " + s.sha256() + " " + s.resumedFrom());
      case LanEvent.TransferFinished f ->
          out.println(
              "finished "
                  + f.transfer().direction()
                  + " "
                  + f.bytes()
                  + " "
                  + f.files()
                  + " "
                  + (f.path() == null ? "-" : f.path()));
      case LanEvent.TransferFailed f -> out.println("failed " + oneLine(f.reason()));
      case LanEvent.Notice n -> out.println("notice " + oneLine(n.message()));
    }
  }

  private static String peer(LanPeer p) {
    return p.ip()
        + " "
        + p.kind()
        + " "
        + (p.charset() == null ? "-" : p.charset().name())
        + " "
        + p.nick();
  }

  private static String oneLine(String s) {
    return IpmsgText.printable(s).replace("\n", "\\n");
  }
}
