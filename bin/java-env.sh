# Sourced by bin/byline and bin/test: picks a JDK >= 21 and exports JAVA_HOME (and MAVEN_OPTS).
# Order of preference: JAVA_HOME, `java` on PATH, then /usr/lib/jvm/* (newest first).

java_feature_version() { # prints the feature version of the java binary $1 (0 if unknown)
  local v
  v="$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
  v="${v%%.*}"
  [ "$v" = "1" ] && v=8
  echo "${v:-0}"
}

byline_find_java() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidates+=("${c%/}/bin/java")
  done
  for c in "${candidates[@]}"; do
    [ -x "$c" ] || continue
    v="$(java_feature_version "$c")"
    if [ "$v" -ge 21 ] 2>/dev/null; then
      BYLINE_JAVA="$(readlink -f "$c")"
      BYLINE_JAVA_VERSION="$v"
      return 0
    fi
  done
  echo "byline: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*); install one or set JAVA_HOME" >&2
  return 1
}

byline_find_java || exit 1
JAVA_HOME="$(cd "$(dirname "$BYLINE_JAVA")/.." && pwd)"
export JAVA_HOME
# Maven 3.8's bundled Guava calls sun.misc.Unsafe, which JDK 24+ warns about on every run.
if [ "$BYLINE_JAVA_VERSION" -ge 24 ]; then
  case "${MAVEN_OPTS:-}" in
    *sun-misc-unsafe-memory-access*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
  esac
fi
