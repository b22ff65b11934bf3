#!/usr/bin/env bash
# JMH benchmark of sockit's strict IP parser (issue 3: >= 10 M IPv4 and >= 3 M IPv6 addresses a
# second on one core), then the start-up check: `sockit ip 10.0.0.1/8` against `sockit --version`
# and `java -version`. Prints the results; record them in bench/results-ip.md.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/scripts/find-jdk.sh"
sockit_find_jdk || exit 1
export JAVA_HOME=$SOCKIT_JAVA_HOME
cd "$root"
mvn -B -q install -pl sockit-core -am -DskipTests
mvn -B -q -f bench/jmh/pom.xml package
# The forked benchmark VM reports back over TCP; pin that link to IPv4 loopback (with the default
# address JMH 1.37 loses the link in some sandboxes: "The handler is already registered").
"$JAVA_HOME/bin/java" -Djmh.link.address=127.0.0.1 -jar bench/jmh/target/benchmarks.jar IpParseBenchmark -rf text -rff bench/jmh/target/ip-parse.txt "$@"

echo
echo "Start-up (median of 11 runs, after one warm-up run that builds the jar and the CDS archive):"
median() {
  local runs=()
  for _ in $(seq 11); do
    local s e
    s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
    runs+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 6p
}
./sockit --version >/dev/null 2>&1
./sockit ip 10.0.0.1/8 >/dev/null 2>&1
echo "  java -version:           $(median "$JAVA_HOME/bin/java" -version) ms"
echo "  sockit --version:        $(median ./sockit --version) ms"
echo "  sockit ip 10.0.0.1/8:    $(median ./sockit ip 10.0.0.1/8) ms"
