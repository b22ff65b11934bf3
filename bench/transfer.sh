#!/usr/bin/env bash
# Moves one SIZE file (zeros written once to /tmp, deleted at the end) over loopback TCP into a
# folder with `sockit send`/`sockit receive` and with ncat (`ncat -l PORT > out` / `ncat HOST PORT
# < file`), ROUNDS times each, interleaved; checks every copy with sha256sum; prints wall seconds
# (sender start to receiver exit, JVM start-up included) and CPU seconds of both sides (user +
# system, /usr/bin/time), medians and the ratio. The target compares with plain ncat, which checks
# nothing; a third line, `ncat+sha256`, is ncat with the check sockit makes, done the quickest way
# a shell allows (each side hashes while the data flows, with OpenSSL's SHA-256, which uses the
# CPU's SHA instructions where coreutils' sha256sum does not: `tee >(openssl dgst -sha256) < file |
# ncat` and `ncat -l | tee out | openssl dgst -sha256`), for a like-for-like figure. A fourth,
# `C`, is bench/transfer-floor.c (compiled here when gcc and OpenSSL's headers are present): the same
# work as sockit in plain C, one thread per side; its CPU seconds over the machine's cores bound how
# fast any program that hashes both sides can be here.
#   bench/transfer.sh [SIZE] [ROUNDS]      e.g. bench/transfer.sh 4G 3
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-4G}
rounds=${2:-3}
work=$(mktemp -d /tmp/sockit-transfer-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
for t in ncat python3 sha256sum openssl ss; do command -v "$t" >/dev/null || { echo "needs $t" >&2; exit 1; }; done
"$root/sockit" --version >/dev/null   # build first

floor=
if command -v gcc >/dev/null && gcc -O2 -o "$work/transfer-floor" "$root/bench/transfer-floor.c" -lcrypto 2>/dev/null; then
  floor=$work/transfer-floor
else
  echo "(no C line: building bench/transfer-floor.c needs gcc and OpenSSL's headers, e.g. apt-get install libssl-dev)" >&2
fi

src=$work/payload.bin
head -c "$size" /dev/zero > "$src"
want=$(sha256sum < "$src" | cut -d' ' -f1)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_listen() { for _ in $(seq 1 1000); do ss -Hltn "sport = :$1" | grep -q . && return 0; sleep 0.01; done; echo "nothing listens on $1" >&2; return 1; }

run_one() { # tool
  local tool=$1 port dst=$work/out rxpid start end got
  rm -rf "$dst"; mkdir -p "$dst"; sync
  port=$(free_port)
  case $tool in
    sockit) /usr/bin/time -f '%U %S' -o "$work/rx.cpu" "$root/sockit" receive --bind 127.0.0.1 --dir "$dst" "$port" >/dev/null 2>"$work/rx.err" & ;;
    ncat)   /usr/bin/time -f '%U %S' -o "$work/rx.cpu" ncat -l --recv-only 127.0.0.1 "$port" > "$dst/payload.bin" 2>"$work/rx.err" & ;;
    ncat+sha256) /usr/bin/time -f '%U %S' -o "$work/rx.cpu" bash -c 'ncat -l --recv-only 127.0.0.1 "$1" | tee "$2" | openssl dgst -sha256 -r > "$3"' _ "$port" "$dst/payload.bin" "$work/rx.sum" 2>"$work/rx.err" & ;;
    C) # one process forks both sides and times them itself; its CPU is counted once, as the sender's
      echo "0 0" > "$work/rx.cpu"; sleep 0 & ;;
  esac
  rxpid=$!
  [ "$tool" = C ] || wait_listen "$port"
  start=$(date +%s.%N)
  case $tool in
    sockit) /usr/bin/time -f '%U %S' -o "$work/tx.cpu" "$root/sockit" send "$src" "127.0.0.1:$port" >/dev/null ;;
    ncat)   /usr/bin/time -f '%U %S' -o "$work/tx.cpu" ncat --send-only 127.0.0.1 "$port" < "$src" ;;
    ncat+sha256) /usr/bin/time -f '%U %S' -o "$work/tx.cpu" bash -c 'tee >(openssl dgst -sha256 -r > "$3") < "$2" | ncat --send-only 127.0.0.1 "$1"; wait' _ "$port" "$src" "$work/tx.sum" ;;
    C) /usr/bin/time -f '%U %S' -o "$work/tx.cpu" "$floor" "$src" "$dst/payload.bin" >/dev/null ;;
  esac
  wait "$rxpid"
  end=$(date +%s.%N)
  got=$(sha256sum < "$dst/payload.bin" | cut -d' ' -f1)
  [ "$got" = "$want" ] || { echo "$tool: checksum mismatch ($got)" >&2; exit 1; }
  if [ "$tool" = ncat+sha256 ]; then # what this workflow itself would have compared
    [ "$(cut -d' ' -f1 "$work/tx.sum")" = "$(cut -d' ' -f1 "$work/rx.sum")" ] || { echo "$tool: the two sides' sums differ" >&2; exit 1; }
  fi
  cpu=$(python3 -c "import sys; print(sum(float(x) for f in sys.argv[1:] for x in open(f).read().split()[-2:]))" "$work/tx.cpu" "$work/rx.cpu")
  python3 -c "s=$end-$start; print(f'{\"$tool\":11s} {s:7.2f} s  {$(stat -c %s "$src")/s/1e6:8.0f} MB/s  cpu {$cpu:6.2f} s (both sides)  sha256 ok')"
  echo "$tool $(python3 -c "print($end-$start)") $cpu" >> "$work/all"
}

echo "# $(date -u '+%F %H:%M') UTC, $(nproc) cores, $("$root/sockit" --version | tail -1), file $size, $rounds rounds"
for _ in $(seq 1 "$rounds"); do
  run_one ncat
  run_one sockit
  run_one ncat+sha256
  if [ -n "$floor" ]; then run_one C; fi
done
python3 - "$work/all" "$(stat -c %s "$src")" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
size = int(sys.argv[2])
tools = [t for t in ("ncat", "sockit", "ncat+sha256", "C") if any(n == t for n, s, c in rows)]
med = {t: statistics.median(float(s) for n, s, c in rows if n == t) for t in tools}
cpu = {t: statistics.median(float(c) for n, s, c in rows if n == t) for t in tools}
for t, s in med.items():
    print(f"median {t:11s} {s:7.2f} s  {size/s/1e6:8.0f} MB/s  cpu {cpu[t]:6.2f} s")
r = med['ncat'] / med['sockit']
print(f"sockit is {r:.2f}x ncat (wall time ratio; target 2x: {'met' if r >= 2 else 'NOT met'})")
print(f"sockit is {med['ncat+sha256']/med['sockit']:.2f}x ncat+sha256 (the same check on both sides)")
if "C" in med:
    import os
    bound = cpu["C"] / os.cpu_count()
    print(f"C does the same work in {cpu['C']:.2f} CPU-s: on {os.cpu_count()} cores no program can take less than {bound:.2f} s,"
          f" i.e. at most {med['ncat']/bound:.2f}x ncat's median here")
PY
