#!/usr/bin/env bash
# Moves SIZE bytes of zeros (head -c from /dev/zero) over loopback TCP with sockit, ncat and socat,
# in one run, ROUNDS times each, interleaved; prints wall and CPU seconds of each side, medians and
# ratios against ncat.
#   bench/tcp-throughput.sh [SIZE] [ROUNDS]      e.g. bench/tcp-throughput.sh 4G 3
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-4G}
rounds=${2:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for t in ncat socat python3 /usr/bin/time; do command -v "$t" >/dev/null || { echo "needs $t" >&2; exit 1; }; done
"$root/sockit" --version >/dev/null   # build and warm the class-data archive first

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_listen() { for _ in $(seq 1 500); do ss -Hltn "sport = :$1" | grep -q . && return 0; sleep 0.01; done; echo "nothing listens on $1" >&2; return 1; }

run_one() { # tool round
  local tool=$1 port; port=$(free_port)
  local rx tx
  case $tool in
    sockit) rx=("$root/sockit" tcp listen 127.0.0.1 "$port"); tx=("$root/sockit" tcp connect 127.0.0.1 "$port") ;;
    ncat)   rx=(ncat -l 127.0.0.1 "$port");                   tx=(ncat 127.0.0.1 "$port") ;;
    socat)  rx=(socat -u "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr" STDOUT); tx=(socat -u STDIN "TCP:127.0.0.1:$port") ;;
  esac
  /usr/bin/time -f "%e %U %S" -o "$out/rx" "${rx[@]}" >/dev/null 2>"$out/rx.err" &
  local rxpid=$!
  wait_listen "$port"
  local start end
  start=$(date +%s.%N)
  head -c "$size" /dev/zero | /usr/bin/time -f "%e %U %S" -o "$out/tx" "${tx[@]}" >/dev/null
  wait $rxpid
  end=$(date +%s.%N)
  read -r _ rxu rxs < "$out/rx"; read -r _ txu txs < "$out/tx"
  python3 -c "print(f'{\"$tool\":7s} wall {$end-$start:7.2f} s   sender cpu {$txu+$txs:6.2f} s   receiver cpu {$rxu+$rxs:6.2f} s')"
  echo "$tool $(python3 -c "print($end-$start, $txu+$txs, $rxu+$rxs)")" >> "$out/all"
}

echo "# $(date -u +%F) $(nproc) cores, $("$root/sockit" --version | tail -1), size $size, $rounds rounds"
for r in $(seq 1 "$rounds"); do
  for tool in ncat socat sockit; do run_one "$tool"; done
done
python3 - "$out/all" "$size" <<'PY'
import sys, statistics
rows = {}
for line in open(sys.argv[1]):
    t, w, tx, rx = line.split(); rows.setdefault(t, []).append((float(w), float(tx), float(rx)))
size = sys.argv[2]
mult = {'K':1<<10,'M':1<<20,'G':1<<30}.get(size[-1].upper(), 1)
nbytes = int(size[:-1]) * mult if size[-1].isalpha() else int(size)
med = {t: tuple(statistics.median(v[i] for v in vals) for i in range(3)) for t, vals in rows.items()}
print("\nmedians:")
for t, (w, tx, rx) in med.items():
    print(f"  {t:7s} wall {w:6.2f} s  {nbytes/w/1e9:5.2f} GB/s  cpu sender {tx:5.2f} s  receiver {rx:5.2f} s  total {tx+rx:5.2f} s")
n = med['ncat']
for t, (w, tx, rx) in med.items():
    if t != 'ncat':
        print(f"  {t} vs ncat: throughput {n[0]/w:4.2f}x, cpu {(tx+rx)/(n[1]+n[2]):4.2f}x of ncat's")
PY
