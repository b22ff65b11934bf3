#!/usr/bin/env bash
# Start-up: `sockit --version` and `sockit ip 10.0.0.1/8` (through the launcher, start-up caches on) beside `java -version`
# on the same JDK, RUNS times each, interleaved; prints medians and the ratio (target: at most 2x).
#   bench/startup.sh [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-20}
. "$root/scripts/find-jdk.sh"; sockit_find_jdk
java="$SOCKIT_JAVA_HOME/bin/java"
# Build if needed, and let the launcher write each command family's start-up cache before timing.
"$root/sockit" --version >/dev/null; "$root/sockit" ip 10.0.0.1/8 >/dev/null
extra=("$@"); extra=("${extra[@]:1}")
t() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
: > /tmp/sockit-startup.$$
for _ in $(seq 1 "$runs"); do
  echo "java $(t "$java" -version)" >> /tmp/sockit-startup.$$
  echo "sockit $(t "$root/sockit" --version)" >> /tmp/sockit-startup.$$
  echo "ip $(t "$root/sockit" ip 10.0.0.1/8)" >> /tmp/sockit-startup.$$
done
python3 - /tmp/sockit-startup.$$ "$("$java" -version 2>&1 | head -1)" <<'PY'
import sys, statistics
d = {}
for line in open(sys.argv[1]):
    k, v = line.split(); d.setdefault(k, []).append(int(v) / 1000)
print(f"# {sys.argv[2]}, {len(d['java'])} runs each, medians in ms")
j = statistics.median(d['java'])
for k, v in d.items():
    m = statistics.median(v)
    print(f"  {k:7s} {m:7.1f} ms  ({m / j:4.2f}x java -version)")
PY
rm -f /tmp/sockit-startup.$$
