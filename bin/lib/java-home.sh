# Sourced by ./mvnw and the bin/ scripts: make JAVA_HOME point at a JDK 21 or newer.
# Order: an explicit JAVA_HOME that is new enough, the `java` on PATH, then the newest JDK
# under /usr/lib/jvm (where Debian and Temurin packages install).

_gh_java_major() { # prints the major version of the java binary given as $1
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | cut -d. -f1
}

_gh_pick_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(_gh_java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(_gh_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge 21 ]; then echo "$candidate"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/*/; do
    candidate=${candidate%/}
    [ -x "$candidate/bin/javac" ] && [ ! -L "$candidate" ] || continue
    major=$(_gh_java_major "$candidate/bin/java")
    if [ "${major:-0}" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  if [ "$best_major" -ge 21 ]; then echo "$best"; return 0; fi
  return 1
}

if ! GATEHOUSE_JDK=$(_gh_pick_jdk); then
  echo "Gatehouse needs a JDK 21 or newer; none found (JAVA_HOME, PATH, /usr/lib/jvm). Install one and set JAVA_HOME." >&2
  exit 1
fi
export JAVA_HOME="$GATEHOUSE_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
