"""The independent implementation for sockit's differential test: Python's ipaddress module.

Reads lines `KIND<TAB>ARG...` on stdin and prints one answer line per input line.
  addr TEXT     -> ok<TAB>compressed<TAB>exploded   or   err
  net TEXT      -> network, netmask, hostmask, broadcast, num_addresses
                   and, for at most 2^16 addresses, first host, last host, host count
  sum R1 R2 ... -> the collapsed prefixes of the ranges A-B (tab-separated)
"""
import ipaddress
import sys


def addr(text):
    try:
        a = ipaddress.ip_address(text)
    except ValueError:
        return "err"
    return "ok\t%s\t%s" % (a.compressed, a.exploded)


def net(text):
    n = ipaddress.ip_network(text, strict=False)
    out = [n.network_address, n.netmask, n.hostmask, n.broadcast_address, n.num_addresses]
    if n.num_addresses <= 65536:
        hosts = list(n.hosts())
        out += [hosts[0], hosts[-1], len(hosts)]
    return "\t".join(str(x) for x in out)


def summarize(ranges):
    nets = []
    for r in ranges:
        a, b = r.split("-")
        nets.extend(ipaddress.summarize_address_range(ipaddress.ip_address(a), ipaddress.ip_address(b)))
    v4 = sorted(ipaddress.collapse_addresses(n for n in nets if n.version == 4))
    v6 = sorted(ipaddress.collapse_addresses(n for n in nets if n.version == 6))
    return "\t".join(str(n) for n in v4 + v6)


for line in sys.stdin:
    parts = line.rstrip("\n").split("\t")
    kind = parts[0]
    if kind == "addr":
        print(addr(parts[1]))
    elif kind == "net":
        print(net(parts[1]))
    elif kind == "sum":
        print(summarize(parts[1:]))
    else:
        print("unknown " + kind)
