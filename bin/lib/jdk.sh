# Sourced by bin/mvn and bin/jdeepface: sets JAVA_HOME to a JDK >= 25 or stops with advice.
# Order: JDEEPFACE_JAVA_HOME, JAVA_HOME, `java` on PATH, then JDKs under /usr/lib/jvm and /opt.

jdk_major() { # prints the feature version of the JDK at $1, or nothing
  local rel="$1/release" v
  [[ -x "$1/bin/java" && -x "$1/bin/javac" ]] || return 0
  if [[ -f $rel ]]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel")
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
  fi
  echo "$v"
}

find_jdk25() {
  local c candidates=()
  [[ -n ${JDEEPFACE_JAVA_HOME:-} ]] && candidates+=("$JDEEPFACE_JAVA_HOME")
  [[ -n ${JAVA_HOME:-} ]] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    c=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    candidates+=("$c")
  fi
  for c in /usr/lib/jvm/* /opt/*jdk* /opt/java/*; do [[ -d $c ]] && candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    local v; v=$(jdk_major "$c")
    if [[ -n $v && $v -ge 25 ]]; then echo "$c"; return 0; fi
  done
  return 1
}

if ! JAVA_HOME=$(find_jdk25); then
  echo "jdeepface: no JDK 25 or newer found (looked at JDEEPFACE_JAVA_HOME, JAVA_HOME, java on PATH, /usr/lib/jvm, /opt)." >&2
  echo "  Install one (e.g. Temurin 25 or 'apt-get install openjdk-25-jdk') or point JDEEPFACE_JAVA_HOME at it." >&2
  exit 3
fi
export JAVA_HOME
