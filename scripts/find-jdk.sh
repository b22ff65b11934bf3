# Sourced by ./sockit and ./test: sets SOCKIT_JAVA_HOME to a JDK >= 21, or explains and exits.
# Order: JAVA_HOME if >= 21, then `java` on PATH if >= 21, then the newest JDK under /usr/lib/jvm.

sockit_java_major() { # $1 = path to a java binary; prints its feature version or nothing
  # The JDK's release file says it without starting a JVM (start-up time matters here).
  local release v
  release="$(dirname "$(dirname "$1")")/release"
  if [ -r "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9.]*\).*/\1/p' "$release" | head -n 1)
  fi
  if [ -z "${v:-}" ]; then
    v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
  fi
  v=${v#1.}
  echo "${v%%.*}"
}

sockit_find_jdk() {
  local want=21 cand major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(sockit_java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$want" ]; then SOCKIT_JAVA_HOME=$JAVA_HOME; return 0; fi
  fi
  cand=$(command -v java 2>/dev/null || true)
  if [ -n "$cand" ]; then
    cand=$(readlink -f "$cand")
    major=$(sockit_java_major "$cand")
    if [ -n "$major" ] && [ "$major" -ge "$want" ] && [ -x "$(dirname "$cand")/javac" ]; then
      SOCKIT_JAVA_HOME=$(dirname "$(dirname "$cand")"); return 0
    fi
  fi
  for cand in /usr/lib/jvm/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    [ -x "$cand" ] && [ -x "$(dirname "$cand")/javac" ] || continue
    major=$(sockit_java_major "$cand")
    if [ -n "$major" ] && [ "$major" -ge "$want" ] && [ "$major" -gt "$best_major" ]; then
      best=$(dirname "$(dirname "$cand")"); best_major=$major
    fi
  done
  if [ -n "$best" ]; then SOCKIT_JAVA_HOME=$best; return 0; fi
  echo "sockit: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm); install one, e.g. 'apt-get install openjdk-21-jdk', or set JAVA_HOME" >&2
  return 1
}
