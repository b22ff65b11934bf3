package dev.sockit.core.ipmsg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Finds the peer a person means by IP address, id or nickname. */
final class PeerQuery {
  private PeerQuery() {}

  static LanPeer resolve(List<LanPeer> peers, String query) throws LanException {
    String q = query.strip();
    if (q.isEmpty()) {
      throw new LanException("name a peer by nickname or IP address");
    }
    if (q.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      for (LanPeer p : peers) {
        if (p.addresses().stream().anyMatch(a -> a.getAddress().getHostAddress().equals(q))) {
          return p;
        }
      }
      throw new LanException("nobody was heard at " + q + " (" + peers.size() + " peers listed)");
    }
    for (LanPeer p : peers) {
      if (p.id().equals(q)) {
        return p;
      }
    }
    List<LanPeer> exact = new ArrayList<>();
    List<LanPeer> folded = new ArrayList<>();
    for (LanPeer p : peers) {
      if (p.nick().equals(q)) {
        exact.add(p);
      } else if (p.nick().toLowerCase(Locale.ROOT).equals(q.toLowerCase(Locale.ROOT))) {
        folded.add(p);
      }
    }
    List<LanPeer> found = exact.isEmpty() ? folded : exact;
    if (found.size() == 1) {
      return found.get(0);
    }
    if (found.isEmpty()) {
      throw new LanException(
          "no peer is named '" + q + "' (" + peers.size() + " listed); name one by IP address");
    }
    StringBuilder sb = new StringBuilder();
    for (LanPeer p : found) {
      sb.append(sb.isEmpty() ? "" : ", ")
          .append(p.ip())
          .append(" (")
          .append(p.kind().label())
          .append(')');
    }
    throw new LanException(
        found.size() + " peers are named '" + q + "': " + sb + "; name one by IP address");
  }
}
