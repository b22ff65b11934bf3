#!/usr/bin/env bash
# `sockit bench` beside its peers on loopback, ROUNDS interleaved rounds of SECONDS each, medians:
#   stream  sockit bench client --mode stream   vs  iperf3 (one TCP stream)          bits/s
#   udp     sockit --mode udp -b 0 -l 1400      vs  iperf3 -u -b 0 -l 1400           datagrams received/s
#   rr      sockit --mode rr -l 64, p50 RTT     vs  sockperf ping-pong -m 64, p50 x2 (sockperf reports RTT/2)
#   crr     sockit --mode crr -l 1              vs  bench/crr.c (gcc -O2), connections/s and p50
#   bench/bench-vs-iperf3.sh [SECONDS] [ROUNDS]      e.g. bench/bench-vs-iperf3.sh 5 3
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-5}
rounds=${2:-3}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
for t in iperf3 python3 gcc ss; do command -v "$t" >/dev/null || { echo "needs $t" >&2; exit 1; }; done
have_sockperf=1
command -v sockperf >/dev/null || { have_sockperf=0; echo "# sockperf is not installed (apt-get install sockperf): rr row skipped" >&2; }
gcc -O2 -o "$work/crr" "$root/bench/crr.c"
"$root/sockit" --version >/dev/null   # build first

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_listen() { for _ in $(seq 1 1000); do ss -Hltn "sport = :$1" | grep -q . && return 0; sleep 0.01; done; echo "nothing listens on $1" >&2; return 1; }
field() { python3 -c "import json,sys; j=json.load(open('$1')); print(eval(sys.argv[1]))" "$2"; }
row() { echo "$1 $2 $3" >> "$work/all"; printf '%-7s %-9s %14.1f\n' "$1" "$2" "$3"; }

sport=$(free_port); "$root/sockit" bench server 127.0.0.1 "$sport" >/dev/null 2>&1 & pids+=($!)  # its per-test lines would mix with ours
iport=$(free_port); iperf3 -s -B 127.0.0.1 -p "$iport" >/dev/null 2>&1 & pids+=($!)
if [ $have_sockperf = 1 ]; then
  pport=$(free_port); sockperf sr --tcp -i 127.0.0.1 -p "$pport" >/dev/null 2>&1 & pids+=($!)
  wait_listen "$pport"
fi
wait_listen "$sport"; wait_listen "$iport"
sk() { "$root/sockit" bench client 127.0.0.1 "$sport" -t "${secs}s" --json "$@" > "$work/j"; }

echo "# $(date -u '+%F %H:%M') UTC, $(nproc) cores, $("$root/sockit" --version | tail -1), ${secs}s x $rounds rounds"
echo "# metric  tool      value (stream bits/s; udp datagrams/s received; rr p50 RTT us; crr conn/s, crr-p50 us)"
for _ in $(seq 1 "$rounds"); do
  iperf3 -c 127.0.0.1 -p "$iport" -t "$secs" -J > "$work/j"
  row stream iperf3 "$(field "$work/j" "j['end']['sum_received']['bits_per_second']")"
  sk --mode stream
  row stream sockit "$(field "$work/j" "j['bits_per_second']")"

  iperf3 -c 127.0.0.1 -p "$iport" -u -b 0 -l 1400 -t "$secs" -J > "$work/j"
  row udp iperf3 "$(field "$work/j" "(j['end']['sum']['packets']-j['end']['sum']['lost_packets'])/j['end']['sum']['seconds']")"
  sk --mode udp -b 0 -l 1400
  row udp sockit "$(field "$work/j" "j['udp']['received']/j['seconds']")"

  if [ $have_sockperf = 1 ]; then
    sockperf pp --tcp -i 127.0.0.1 -p "$pport" -t "$secs" -m 64 > "$work/sp" 2>&1
    row rr sockperf "$(sed -n 's/.*percentile 50.000 = *\([0-9.]*\).*/\1/p' "$work/sp" | python3 -c 'import sys; print(2*float(sys.stdin.read()))')"
  fi
  sk --mode rr -l 64
  row rr sockit "$(field "$work/j" "j['latency_us']['p50']")"

  read -r cps cp50 _ < <("$work/crr" 127.0.0.1 "$secs" 1)
  row crr crr.c "$cps"; row crr-p50 crr.c "$cp50"
  sk --mode crr -l 1
  row crr sockit "$(field "$work/j" "j['per_second']")"; row crr-p50 sockit "$(field "$work/j" "j['latency_us']['p50']")"
done
python3 - "$work/all" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med = {}
for m, t, v in rows:
    med.setdefault((m, t), []).append(float(v))
med = {k: statistics.median(v) for k, v in med.items()}
print("\n| metric | sockit (median) | peer (median) | sockit / peer |\n|---|---|---|---|")
for m, peer, higher_is_better in (("stream", "iperf3", True), ("udp", "iperf3", True), ("rr", "sockperf", False),
                                  ("crr", "crr.c", True), ("crr-p50", "crr.c", False)):
    if (m, "sockit") in med and (m, peer) in med:
        s, p = med[(m, "sockit")], med[(m, peer)]
        ratio = s / p if higher_is_better else p / s
        print(f"| {m} | {s:,.1f} | {p:,.1f} ({peer}) | {ratio:.2f}x {'(higher is better)' if higher_is_better else '(latency: peer/sockit)'} |")
PY
