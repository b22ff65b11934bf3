#!/usr/bin/env bash
# Start-up: `sockit --version`, `sockit ip 10.0.0.1/8` and `echo hi | sockit tcp connect 127.0.0.1 PORT`
# (through the launcher, start-up caches on) beside `java -version` on the same JDK, RUNS times
# each, interleaved; prints medians and the ratio to `java -version`.
#   bench/startup.sh [RUNS]
# The tcp peer is a Python listener on 127.0.0.1 (port chosen by the system) that reads to the end
# of each connection and closes it; it stops with the script.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-20}
. "$root/scripts/find-jdk.sh"; sockit_find_jdk
java="$SOCKIT_JAVA_HOME/bin/java"
tmp=$(mktemp -d)
python3 - "$tmp/port" <<'PY' &
import socket, sys, threading
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(64)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
s.settimeout(600)  # bounded: stops by itself if the script is killed
def serve(c):
    with c:
        c.settimeout(10)
        try:
            while c.recv(4096):
                pass
        except OSError:
            pass
while True:
    try:
        c, _ = s.accept()
    except OSError:
        break
    threading.Thread(target=serve, args=(c,), daemon=True).start()
PY
peer=$!
trap 'kill $peer 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do [ -f "$tmp/port" ] && break; sleep 0.05; done
port=$(cat "$tmp/port")
# Build if needed, and let the launcher write each command family's start-up cache before timing.
"$root/sockit" --version >/dev/null; "$root/sockit" ip 10.0.0.1/8 >/dev/null
echo hi | "$root/sockit" tcp connect 127.0.0.1 "$port" >/dev/null
t() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
tcp() { echo hi | "$root/sockit" tcp connect 127.0.0.1 "$port"; }
: > "$tmp/times"
for _ in $(seq 1 "$runs"); do
  echo "java $(t "$java" -version)" >> "$tmp/times"
  echo "sockit $(t "$root/sockit" --version)" >> "$tmp/times"
  echo "ip $(t "$root/sockit" ip 10.0.0.1/8)" >> "$tmp/times"
  echo "tcp $(t tcp)" >> "$tmp/times"
done
python3 - "$tmp/times" "$("$java" -version 2>&1 | head -1)" <<'PY'
import sys, statistics
d = {}
for line in open(sys.argv[1]):
    k, v = line.split(); d.setdefault(k, []).append(int(v) / 1000)
print(f"# {sys.argv[2]}, {len(d['java'])} runs each, medians in ms")
j = statistics.median(d['java'])
names = {"java": "java -version", "sockit": "sockit --version", "ip": "sockit ip 10.0.0.1/8",
         "tcp": "echo hi | sockit tcp connect"}
for k, v in d.items():
    m = statistics.median(v)
    print(f"  {names[k]:30s} {m:7.1f} ms  ({m / j:4.2f}x java -version)")
PY
