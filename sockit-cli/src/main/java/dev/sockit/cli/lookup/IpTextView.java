package dev.sockit.cli.lookup;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The text view of {@link IpFacts}: labelled lines, IPv4 with ipcalc's side-by-side binary column,
 * registry flags spelled out with the registry's date.
 */
final class IpTextView {

  private IpTextView() {}

  @SuppressWarnings("unchecked")
  static void address(PrintWriter out, Map<String, Object> a, String indent) {
    boolean v4 = (int) a.get("version") == 4;
    String canonical = (String) a.get("canonical");
    line(out, indent, "Address:", v4 ? pad(canonical) + a.get("binary") : canonical);
    if (!v4) {
      line(out, indent, "Expanded:", a.get("expanded"));
      line(out, indent, "Binary:", a.get("binary"));
    }
    line(out, indent, "Version:", v4 ? "IPv4" : "IPv6");
    line(out, indent, "Decimal:", a.get("decimal"));
    line(out, indent, "Hex:", a.get("hex"));
    Map<String, Object> c = (Map<String, Object>) a.get("class");
    if (c != null) {
      Object len = c.get("defaultPrefixLength");
      line(
          out,
          indent,
          "Class:",
          c.get("name")
              + " ("
              + c.get("first")
              + " - "
              + c.get("last")
              + (len == null ? ", no default mask" : ", default /" + len)
              + "): "
              + c.get("use"));
      if (c.get("note") != null) {
        line(out, indent, "", c.get("note"));
      }
    }
    registry(out, a, indent);
    Map<String, Object> mc = (Map<String, Object>) a.get("multicast");
    if (mc != null) {
      line(
          out,
          indent,
          "Multicast:",
          mc.get("scope")
              + " scope; "
              + mc.get("block")
              + " "
              + mc.get("blockName")
              + " ("
              + mc.get("rfc")
              + ")");
      if (mc.get("group") != null) {
        line(out, indent, "Group:", mc.get("group"));
      }
      for (Object flag : (List<Object>) mc.get("flags")) {
        line(out, indent, "", flag);
      }
    }
    line(out, indent, "Reverse DNS:", a.get("reversePointer"));
    for (Object o : (List<Object>) a.get("embeddedIpv4")) {
      Map<String, Object> e = (Map<String, Object>) o;
      out.println();
      String note = e.get("note") == null ? "" : "; " + e.get("note");
      out.println(
          indent + "Embedded IPv4 (" + e.get("mechanism") + ", " + e.get("rfc") + note + "):");
      address(out, (Map<String, Object>) e.get("address"), indent + "  ");
    }
  }

  @SuppressWarnings("unchecked")
  private static void registry(PrintWriter out, Map<String, Object> a, String indent) {
    Map<String, Object> r = (Map<String, Object>) a.get("registry");
    Map<String, Object> source = (Map<String, Object>) a.get("registrySource");
    if (r == null) {
      line(
          out,
          indent,
          "Registry:",
          "not special-purpose (" + source.get("name") + ", as of " + source.get("asOf") + ")");
    } else {
      String blocks = String.join(", ", (List<String>) r.get("blocks"));
      String deprecated =
          r.get("terminated") == null ? "" : ", deprecated since " + r.get("terminated");
      line(
          out, indent, "Registry:", blocks + " " + r.get("name") + " " + r.get("rfc") + deprecated);
      line(
          out,
          indent,
          "",
          "source "
              + yes(r.get("source"))
              + ", destination "
              + yes(r.get("destination"))
              + ", forwardable "
              + yes(r.get("forwardable"))
              + ", globally reachable "
              + yes(r.get("globallyReachable"))
              + ", reserved by protocol "
              + yes(r.get("reservedByProtocol")));
      for (Object note : (List<Object>) r.get("notes")) {
        line(out, indent, "", "note: " + note);
      }
      line(out, indent, "", "(" + source.get("name") + ", as of " + source.get("asOf") + ")");
    }
    if (a.get("otherBlock") != null) {
      line(out, indent, "Block:", a.get("otherBlock"));
    }
  }

  private static String yes(Object flag) {
    return flag == null ? "n/a" : (Boolean) flag ? "yes" : "no";
  }

  @SuppressWarnings("unchecked")
  static void network(PrintWriter out, Map<String, Object> n, Map<String, Object> binaryOf) {
    boolean v4 = binaryOf != null;
    line(
        out,
        "",
        "Network:",
        v4 ? pad((String) n.get("prefix")) + binaryOf.get("network") : n.get("prefix"));
    line(
        out,
        "",
        "Netmask:",
        v4
            ? pad(n.get("netmask") + " = " + n.get("length")) + binaryOf.get("netmask")
            : n.get("netmask"));
    line(
        out,
        "",
        "Wildcard:",
        v4 ? pad((String) n.get("wildcard")) + binaryOf.get("wildcard") : n.get("wildcard"));
    if (v4) {
      Object b = n.get("broadcast");
      line(
          out,
          "",
          "Broadcast:",
          b == null
              ? "none (/" + n.get("length") + ": RFC 3021 point-to-point or single host)"
              : pad((String) b) + binaryOf.get("broadcast"));
    } else {
      line(out, "", "Broadcast:", "none (IPv6 has no broadcast; use ff02::1 all-nodes multicast)");
    }
    line(out, "", "First host:", n.get("firstHost"));
    line(out, "", "Last host:", n.get("lastHost"));
    String hostsNote =
        v4 ? "" : " (the first address is the Subnet-Router anycast address, RFC 4291)";
    if (!v4 && (int) n.get("length") >= 127) {
      hostsNote = "";
    }
    String total =
        "1".equals(n.get("totalAddresses")) ? "1 address" : n.get("totalAddresses") + " addresses";
    line(out, "", "Hosts:", n.get("usableHosts") + " usable of " + total + hostsNote);
    List<String> zones = (List<String>) n.get("reverseZones");
    String zoneText =
        zones.size() <= 4
            ? String.join(", ", zones)
            : zones.get(0)
                + " ... "
                + zones.get(zones.size() - 1)
                + " ("
                + zones.size()
                + " zones)";
    if ((Boolean) n.get("reverseZoneClassless")) {
      zoneText += " (a /" + n.get("length") + " inside it needs RFC 2317 classless delegation)";
    }
    line(out, "", "Reverse zone:", zoneText);
  }

  // Padding by hand, not printf: java.util.Formatter costs milliseconds to start, and start-up
  // time is part of the command's budget.

  static String pad(String s) {
    return pad(s, 21);
  }

  static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  static void line(PrintWriter out, String indent, String label, Object value) {
    out.println(indent + pad(label, 14) + value);
  }
}
