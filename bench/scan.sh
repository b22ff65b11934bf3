#!/usr/bin/env bash
# TCP connect scan of every port of 127.0.0.1: `sockit scan` (through the launcher, as a user runs
# it, JVM start-up included) beside `nmap -sT -p-`, ROUNDS times each, interleaved. Prints the
# medians, the ratio (target: sockit at most half of nmap's wall time) and whether both found the
# same open ports in the last round. Loopback only.
#   bench/scan.sh [ROUNDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-7}
command -v nmap >/dev/null || { echo "bench/scan.sh: nmap is not installed (apt-get install nmap)" >&2; exit 1; }
"$root/sockit" --version >/dev/null; "$root/sockit" scan 127.0.0.1 1 >/dev/null   # build, then write the start-up cache
t() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
log=$(mktemp)
for _ in $(seq 1 "$rounds"); do
  echo "sockit $(t "$root/sockit" scan 127.0.0.1 1-65535 --no-progress)" >> "$log"
  echo "nmap $(t nmap -sT -p- -n 127.0.0.1)" >> "$log"
done
ours=$("$root/sockit" scan 127.0.0.1 1-65535 --json | python3 -c 'import json,sys; print(" ".join(map(str, json.load(sys.stdin)["open"])))')
theirs=$(nmap -sT -p- -n -oG - 127.0.0.1 | python3 -c '
import re, sys
print(" ".join(m.group(1) for m in re.finditer(r"(\d+)/open/tcp", sys.stdin.read())))')
python3 - "$log" "$rounds" "$(nproc)" "$("$root/sockit" --version 2>&1 | head -1)" "$(nmap --version | head -1)" "$ours" "$theirs" <<'PY'
import sys, statistics
log, rounds, cores, ver, nmapver, ours, theirs = sys.argv[1:]
d = {}
for line in open(log):
    k, v = line.split(); d.setdefault(k, []).append(int(v) / 1e6)
print(f"# all 65,535 TCP ports of 127.0.0.1, {rounds} interleaved rounds, {cores} cores; {ver}; {nmapver}")
for k, v in d.items():
    print(f"  {k:7s} median {statistics.median(v):6.3f} s   min {min(v):6.3f} s   max {max(v):6.3f} s   runs " + " ".join(f"{x:.2f}" for x in v))
ratio = statistics.median(d['sockit']) / statistics.median(d['nmap'])
print(f"  ratio  sockit/nmap = {ratio:.2f} (target <= 0.50: {'met' if ratio <= 0.5 else 'NOT met'})")
print(f"  open ports  sockit: {ours or '-'}   nmap: {theirs or '-'}   {'same' if set(ours.split()) == set(theirs.split()) else 'DIFFERENT'}")
PY
# The kernel's floor: the 65,535 probes in C on every core, no output, with a socket per port and with
# refused sockets reused as sockit does (bench/scan-floor.c).
if command -v gcc >/dev/null; then
  gcc -O2 -o "$log.floor" "$root/bench/scan-floor.c" -lpthread
  for _ in 1 2 3; do "$log.floor" "$(nproc)"; done | python3 -c '
import re, statistics, sys
runs = [re.findall(r"([0-9.]+) s", line) for line in sys.stdin]
print("  floor  (C, medians of 3, %s threads): a socket per port %.3f s, refused sockets reused %.3f s" % (
    sys.argv[1], statistics.median(float(r[0]) for r in runs), statistics.median(float(r[1]) for r in runs)))' "$(nproc)"
  rm -f "$log.floor"
fi
rm -f "$log"
