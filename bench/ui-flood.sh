#!/usr/bin/env bash
# sockit ui under a flood: RATE datagrams/s (default 20000) for SECONDS (default 10) into one UDP
# session of a real `sockit ui`, watched by headless Chromium (Debian's chromium + chromedriver).
# Prints, second by second, the page's update rate, rows rendered, DOM rows, JS heap, how long a
# script takes to run in the page (frozen page = long), and the server's RSS.
#   bench/ui-flood.sh [RATE] [SECONDS]        (results: bench/results-ui.md)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rate=${1:-20000}
seconds=${2:-10}
for f in /usr/bin/chromium /usr/bin/chromedriver; do
  [ -x "$f" ] || { echo "ui-flood: $f is missing (apt-get install chromium chromium-driver)" >&2; exit 1; }
done
. "$root/scripts/find-jdk.sh"; sockit_find_jdk
export JAVA_HOME=$SOCKIT_JAVA_HOME
"$root/sockit" --version >/dev/null              # build the jar if needed
cp=$(mktemp)
(cd "$root" && mvn -B -q -pl sockit-web -am test-compile >/dev/null 2>&1 \
  && mvn -B -q -pl sockit-web dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null 2>&1) || { echo "ui-flood: build failed; run: mvn -pl sockit-web -am test-compile" >&2; exit 1; }
echo "# sockit ui flood: $rate datagrams/s for $seconds s — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), $(/usr/bin/chromium --version 2>/dev/null)"
echo
"$JAVA_HOME/bin/java" -cp "$root/sockit-web/target/classes:$root/sockit-web/target/test-classes:$(cat "$cp")" \
  dev.sockit.web.UiFloodBench "$rate" "$seconds" "$root"
rm -f "$cp"
