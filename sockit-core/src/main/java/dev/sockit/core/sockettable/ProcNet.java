package dev.sockit.core.sockettable;

import dev.sockit.core.address.SocketAddresses;
import dev.sockit.core.net.Transport;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses Linux's {@code /proc/net/{tcp,tcp6,udp,udp6,unix}} text. The kernel prints each IPv4
 * address, and each 32-bit word of an IPv6 address, as a hexadecimal number in the machine's own
 * byte order, and ports in plain hexadecimal.
 */
final class ProcNet {
  private static final int UNIX_LISTENING_FLAG = 0x10000; // __SO_ACCEPTCON

  private final ByteOrder order;

  ProcNet(ByteOrder order) {
    this.order = order;
  }

  /** Parses the lines of {@code /proc/net/tcp[6]} or {@code udp[6]}, header included. */
  List<SocketEntry> parseInet(List<String> lines, Transport transport, boolean v6) {
    List<SocketEntry> out = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 10 || !f[0].endsWith(":") || !isHex(f[3])) {
        continue; // the header, or a line this kernel added that we do not know
      }
      int colonL = f[1].indexOf(':');
      int colonR = f[2].indexOf(':');
      int colonQ = f[4].indexOf(':');
      int st = Integer.parseInt(f[3], 16);
      SocketState state =
          transport == Transport.UDP
              ? (st == 1 ? SocketState.ESTABLISHED : SocketState.UNCONN)
              : SocketState.ofTcp(st);
      out.add(
          new SocketEntry(
              transport,
              transport.label() + (v6 ? "6" : ""),
              address(f[1].substring(0, colonL)),
              Integer.parseInt(f[1].substring(colonL + 1), 16),
              address(f[2].substring(0, colonR)),
              Integer.parseInt(f[2].substring(colonR + 1), 16),
              state,
              Long.parseLong(f[4].substring(0, colonQ), 16),
              Long.parseLong(f[4].substring(colonQ + 1), 16),
              Integer.parseInt(f[7]),
              Long.parseLong(f[9]),
              List.of()));
    }
    return out;
  }

  /** Parses the lines of {@code /proc/net/unix}, header included. */
  List<SocketEntry> parseUnix(List<String> lines) {
    List<SocketEntry> out = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.strip().split("\\s+", 8);
      if (f.length < 7 || !f[0].endsWith(":")) {
        continue;
      }
      int flags = Integer.parseInt(f[3], 16);
      int type = Integer.parseInt(f[4], 16);
      int st = Integer.parseInt(f[5], 16);
      String netid =
          switch (type) {
            case 1 -> "u_str";
            case 2 -> "u_dgr";
            case 5 -> "u_seq";
            default -> "u_" + type;
          };
      SocketState state;
      if ((flags & UNIX_LISTENING_FLAG) != 0) {
        state = SocketState.LISTEN;
      } else {
        state =
            switch (st) {
              case 2 -> SocketState.CONNECTING;
              case 3 -> SocketState.ESTABLISHED;
              case 4 -> SocketState.DISCONNECTING;
              default -> SocketState.UNCONN;
            };
      }
      String path = f.length > 7 ? f[7] : "";
      out.add(
          new SocketEntry(
              Transport.UNIX,
              netid,
              path,
              -1,
              "",
              -1,
              state,
              -1,
              -1,
              -1,
              Long.parseLong(f[6]),
              List.of()));
    }
    return out;
  }

  /** Hex words in this machine's byte order to RFC 5952 text. */
  String address(String hex) {
    if (hex.length() != 8 && hex.length() != 32) {
      throw new IllegalArgumentException("address '" + hex + "' is neither 8 nor 32 hex digits");
    }
    ByteBuffer buf = ByteBuffer.allocate(hex.length() / 2).order(order);
    for (int i = 0; i < hex.length(); i += 8) {
      buf.putInt((int) Long.parseLong(hex.substring(i, i + 8), 16));
    }
    byte[] bytes = buf.array();
    try {
      InetAddress ip = InetAddress.getByAddress(bytes);
      if (bytes.length == 16 && ip instanceof Inet4Address) {
        return "::ffff:" + ip.getHostAddress(); // IPv4-mapped: keep what the kernel has, as ss does
      }
      return SocketAddresses.formatIp(ip);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("address '" + hex + "': " + e.getMessage(), e);
    }
  }

  private static boolean isHex(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }
}
