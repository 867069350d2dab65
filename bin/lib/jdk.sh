# shellcheck shell=bash
# Sourced by the bin/ scripts: finds a JDK >= 21 and exports JAVA_HOME, JAVA and MVN (the Maven Wrapper).
# Order: $JAVA_HOME, then the java on PATH, then the usual install places (Debian/Ubuntu,
# SDKMAN, macOS, Homebrew). Prints what to install when nothing fits.

siteops_java_major() {  # siteops_java_major JAVA_HOME -> 25 (or 8 for "1.8.0_392")
  local version=""
  # Every JDK ships a 'release' file; reading it is instant, where 'java -version' starts a JVM.
  [ -f "$1/release" ] && version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$1/release")
  [ -n "$version" ] || version=$("$1/bin/java" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }')
  case "$version" in 1.*) version=${version#1.} ;; esac
  echo "${version%%[.+-]*}"
}

siteops_find_jdk() {
  local candidates=() home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  if [ -x /usr/libexec/java_home ]; then
    home=$(/usr/libexec/java_home -v 21+ 2>/dev/null) && candidates+=("$home")
  fi
  # Newest first, so a machine with 21 and 25 builds with 25.
  local dir
  for dir in /usr/lib/jvm/* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
             /opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home; do
    [ -x "$dir/bin/javac" ] && candidates+=("$dir")
  done
  local best="" best_major=0
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    major=$(siteops_java_major "$home")
    case "$major" in ''|*[!0-9]*) continue ;; esac
    # The first acceptable candidate wins for JAVA_HOME / PATH (the user chose it); else the newest found.
    if [ "$major" -ge 21 ]; then
      if [ "$home" = "${JAVA_HOME:-}" ] || [ "$home" = "${candidates[0]}" ]; then best=$home; best_major=$major; break; fi
      if [ "$major" -gt "$best_major" ]; then best=$home; best_major=$major; fi
    fi
  done
  if [ -z "$best" ]; then
    echo "siteops: no JDK 21 or newer found (looked at JAVA_HOME, PATH, /usr/lib/jvm, SDKMAN, macOS)." >&2
    echo "siteops: install one (e.g. 'apt-get install openjdk-21-jdk-headless' or 'sdk install java 21-tem') or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME=$best
  export JAVA="$best/bin/java"
  # shellcheck disable=SC2034 # read by bin/invoke
  SITEOPS_JAVA_MAJOR=$best_major
  # Maven 3.8's bundled Guava uses sun.misc.Unsafe; JDK 23+ warns about it on every build unless allowed.
  if [ "$best_major" -ge 23 ]; then
    case "${MAVEN_OPTS:-}" in *sun-misc-unsafe-memory-access*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
  fi
}

siteops_find_maven() {
  if [ -n "${MVN:-}" ] && [ -x "$MVN" ]; then return 0; fi
  # The Maven Wrapper: the Maven version pinned in .mvn/wrapper, fetched once from Maven Central into ~/.m2/wrapper.
  MVN="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/mvnw"
  export MVN
}

# bin/invoke's start-up caches for this checkout (two clones never rebuild each other's), outside the project so
# `sam build`'s copy of it stays small. bin/local down --caches removes them.
#   siteops_invoke_cache_dir ROOT [VAR]: prints the folder, or sets VAR to it. No subprocess (bin/invoke runs this
#   on every call): the folder is named after a 64-bit FNV-1a hash of ROOT's bytes.
siteops_invoke_cache_dir() {
  local LC_ALL=C hash=-3750763034362895579 i code  # the FNV offset basis, 0xcbf29ce484222325
  for (( i = 0; i < ${#1}; i++ )); do
    printf -v code %d "'${1:i:1}"
    hash=$(( (hash ^ (code & 255)) * 1099511628211 ))
  done
  local siteops_dir
  printf -v siteops_dir '%s/invoke/checkout-%016x' "${SITEOPS_CACHE:-$HOME/.cache/siteops}" "$hash"
  if [ -n "${2:-}" ]; then printf -v "$2" %s "$siteops_dir"; else echo "$siteops_dir"; fi
}
