package dev.sockit.cli.lookup;

import dev.sockit.core.address.AddressClass;
import dev.sockit.core.address.EmbeddedIpv4;
import dev.sockit.core.address.IpAddress;
import dev.sockit.core.address.Multicast;
import dev.sockit.core.address.Prefix;
import dev.sockit.core.address.ReverseDns;
import dev.sockit.core.address.SpecialPurposeEntry;
import dev.sockit.core.address.SpecialPurposeRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts {@code sockit ip} reports, as one ordered tree: {@code --json} prints it as it is and
 * the text view reads the same fields, so the two never disagree. Field names are the stable
 * interface documented in docs/ip.md.
 */
final class IpFacts {
  private IpFacts() {}

  static Map<String, Object> address(IpAddress a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", a.isIpv4() ? 4 : 6);
    m.put("canonical", a.toString());
    m.put("expanded", a.expanded());
    m.put("zone", a.zone());
    m.put("binary", a.binary());
    m.put("decimal", a.toBigInteger().toString());
    m.put("hex", a.hex());
    m.put("reversePointer", ReverseDns.pointerName(a));
    m.put("class", a.isIpv4() ? addressClass(a) : null);
    SpecialPurposeRegistry registry = SpecialPurposeRegistry.bundled(a.version());
    m.put("registry", registry.lookup(a).map(IpFacts::entry).orElse(null));
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("name", registry.name());
    source.put("asOf", registry.asOf());
    m.put("registrySource", source);
    m.put("otherBlock", SpecialPurposeRegistry.unlisted(a).orElse(null));
    m.put("multicast", Multicast.of(a).map(IpFacts::multicast).orElse(null));
    List<Object> embedded = new ArrayList<>();
    for (EmbeddedIpv4 e : EmbeddedIpv4.of(a)) {
      Map<String, Object> em = new LinkedHashMap<>();
      em.put("mechanism", e.mechanism());
      em.put("rfc", e.rfc());
      em.put("note", e.note());
      em.put("address", address(e.ipv4()));
      embedded.add(em);
    }
    m.put("embeddedIpv4", embedded);
    return m;
  }

  private static Map<String, Object> addressClass(IpAddress a) {
    AddressClass c = AddressClass.of(a);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    m.put("first", c.first());
    m.put("last", c.last());
    m.put("defaultPrefixLength", c.defaultLength() < 0 ? null : c.defaultLength());
    m.put("use", c.use());
    m.put("note", AddressClass.note(a));
    return m;
  }

  private static Map<String, Object> entry(SpecialPurposeEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<String> blocks = new ArrayList<>(e.blocks().size());
    for (Prefix block : e.blocks()) {
      blocks.add(block.toString());
    }
    m.put("blocks", blocks);
    m.put("name", e.name());
    m.put("rfc", e.rfc());
    m.put("allocated", e.allocated());
    m.put("terminated", e.terminated());
    m.put("source", flag(e.source()));
    m.put("destination", flag(e.destination()));
    m.put("forwardable", flag(e.forwardable()));
    m.put("globallyReachable", flag(e.globallyReachable()));
    m.put("reservedByProtocol", flag(e.reservedByProtocol()));
    m.put("notes", e.notes());
    return m;
  }

  private static Boolean flag(SpecialPurposeEntry.Flag f) {
    return switch (f) {
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case NOT_APPLICABLE, UNSET -> null;
    };
  }

  private static Map<String, Object> multicast(Multicast mc) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("block", mc.block().toString());
    m.put("blockName", mc.blockName());
    m.put("scope", mc.scope());
    m.put("rfc", mc.rfc());
    m.put("group", mc.group());
    m.put("flags", mc.flags());
    return m;
  }

  static Map<String, Object> network(Prefix p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("prefix", p.toNetwork().toString());
    m.put("length", p.length());
    m.put("network", p.network().toString());
    m.put("netmask", p.netmask().toString());
    m.put("wildcard", p.wildcard().toString());
    m.put("broadcast", p.broadcast().map(IpAddress::toString).orElse(null));
    m.put("firstHost", p.firstHost().toString());
    m.put("lastHost", p.lastHost().toString());
    m.put("usableHosts", p.usableHosts().toString());
    m.put("totalAddresses", p.size().toString());
    m.put("hostBitsSet", !p.address().withZone(null).equals(p.network()));
    m.put("reverseZones", ReverseDns.zones(p));
    m.put("reverseZoneClassless", ReverseDns.classless(p));
    return m;
  }

  static Map<String, Object> subnet(Prefix p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("prefix", p.toString());
    m.put("firstHost", p.firstHost().toString());
    m.put("lastHost", p.lastHost().toString());
    m.put("broadcast", p.broadcast().map(IpAddress::toString).orElse(null));
    m.put("usableHosts", p.usableHosts().toString());
    return m;
  }

  static Map<String, Object> contains(Prefix p, IpAddress other) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", other.toString());
    m.put("result", p.contains(other));
    String via = null;
    for (EmbeddedIpv4 e : EmbeddedIpv4.of(other)) {
      if (p.contains(e.ipv4())) {
        via = e.ipv4() + " (" + e.mechanism() + ")";
      }
    }
    m.put("embeddedIpv4Inside", via);
    return m;
  }
}
