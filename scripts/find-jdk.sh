# Sourced by ./sockit and ./test: sets SOCKIT_JAVA_HOME to a JDK >= 21, or explains and exits.
# Order: JAVA_HOME if >= 21, then `java` on PATH if >= 21, then the newest JDK under /usr/lib/jvm.

sockit_java_major() { # $1 = path to a java binary; prints its feature version or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1 | sed 's/^1\.//'
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
