# shellcheck shell=bash
# Sourced by bin/test, bin/local, bin/demo and bench/: the Python tools (pinned in tools/python-tools.txt), the Debian tools
# the tests run, and moto_server for the benchmarks that need no stand-ins.

# Puts the pinned Python tools on PATH: those installed already when their versions match, else the project's own
# virtual environment (.siteops/venv), created and filled with pip when something is missing or mismatched.
#   siteops_require_tools            every pinned tool
#   siteops_require_tools moto       only moto[server] (bin/local: moto_server is the one Python tool it runs)
#   siteops_require_tools boto3      only boto3 (bench/: the Python baselines)
#   siteops_require_tools tests      every pinned tool, and the Debian tools the tests run
siteops_require_tools() {
  command -v python3 >/dev/null 2>&1 || { echo "siteops: python3 is missing (apt-get install python3 python3-venv)" >&2; return 1; }
  # shellcheck disable=SC2154 # root: the project directory, set by the sourcing script
  local venv="$root/.siteops/venv" pins="$root/tools/python-tools.txt" off
  [ -x "$venv/bin/python3" ] && PATH="$venv/bin:$PATH"
  local only=
  case ${1:-} in '' | tests) ;; *) only=$1 ;; esac
  off=$(python3 - "$pins" "$only" <<'PY'
import re, sys
from importlib.metadata import version, PackageNotFoundError
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if line:
        name, pinned = re.match(r"([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==(\S+)", line).groups()
        if sys.argv[2] and name != sys.argv[2]:
            continue
        try:
            found = version(name)
        except PackageNotFoundError:
            found = None
        if found != pinned:
            print(f"{name} {found or 'missing'} (pinned {pinned})")
PY
)
  if [ -n "$off" ]; then
    echo "siteops: installing the pinned Python tools into .siteops/venv:" >&2
    sed 's/^/  /' <<<"$off" >&2
    local install=(-r "$pins")
    [ -n "$only" ] && install=("$(grep -E "^${only}(\[|==)" "$pins")")
    { [ -x "$venv/bin/python3" ] || python3 -m venv "$venv"; } && "$venv/bin/python3" -m pip install -q "${install[@]}" >&2 \
      || { echo "siteops: could not install them; install by hand: pip install -r tools/python-tools.txt" >&2; return 1; }
    PATH="$venv/bin:$PATH"
  fi
  export PATH
  if [ "${1:-}" = tests ]; then
    command -v npm >/dev/null 2>&1 || { echo "siteops: npm is missing: it fetches the offline Terraform provider schema (apt-get install npm)" >&2; return 1; }
    command -v terraform >/dev/null 2>&1 || echo "siteops: note: terraform is not installed; 'terraform fmt -check' of the generated sites will be skipped." >&2
    siteops_install_debian_tools || return 1
  fi
  return 0
}

# Installs the Debian packages whose programs the tests run (shellcheck, cloud-init schema, nginx -t, a MariaDB
# server the restore test starts itself), each only when its program is missing; quick when all are there.
# No service is started system-wide: a policy-rc.d that answers 101 ("action forbidden") is in place during
# the install (an existing one, e.g. Docker's, is kept). Needs root or sudo and the Debian mirror.
siteops_install_debian_tools() {
  local wanted=() program package
  for program in shellcheck:shellcheck cloud-init:cloud-init nginx:nginx mariadbd:mariadb-server \
                 mariadb-dump:mariadb-client; do
    package=${program#*:}; program=${program%%:*}
    command -v "$program" >/dev/null 2>&1 || [ -x "/usr/sbin/$program" ] || wanted+=("$package")
  done
  [ ${#wanted[@]} -eq 0 ] && return 0
  local sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  if ! command -v apt-get >/dev/null 2>&1 || { [ -n "$sudo" ] && ! sudo -n true 2>/dev/null; }; then
    echo "siteops: cannot install ${wanted[*]}: this needs Debian/Ubuntu's apt-get as root (or sudo)." >&2
    echo "  Install them yourself without starting their services, e.g. on Debian:" >&2
    echo "  printf '#!/bin/sh\\nexit 101\\n' | sudo tee /usr/sbin/policy-rc.d; sudo chmod +x /usr/sbin/policy-rc.d;" \
         "sudo apt-get install -y ${wanted[*]}; sudo rm /usr/sbin/policy-rc.d" >&2
    return 1
  fi
  echo "siteops: installing ${wanted[*]} from the Debian archive (no service is started)..." >&2
  local own_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# siteops: no service starts while the test tools are installed\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
    $sudo chmod 0755 /usr/sbin/policy-rc.d
    own_policy=yes
  fi
  local log status=0
  log=$(mktemp -t siteops-apt.XXXXXX)
  # Another process may hold the dpkg lock: wait for it instead of failing.
  { $sudo apt-get -o DPkg::Lock::Timeout=600 -qq update &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -qq install -y --no-install-recommends "${wanted[@]}"
  } >"$log" 2>&1 || status=$?
  [ -n "$own_policy" ] && $sudo rm -f /usr/sbin/policy-rc.d
  if [ "$status" -ne 0 ]; then
    echo "siteops: installing ${wanted[*]} failed (apt-get exit $status); its last lines:" >&2
    tail -20 "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

# Runs a main class of tools/local (bin/local's LocalCommand, bin/demo's Demo) with moto_server on PATH, replacing
# the shell: the JDK's quick-start flags and a class-data archive per class beside bin/invoke's start-up caches
# (bin/local down --caches removes them all), which halves the start.
siteops_exec_local_tool() {
  siteops_find_jdk
  siteops_require_tools moto   # moto_server: the one Python tool bin/local starts
  local jar="$root/tools/local/target/local.jar" cache
  [ -f "$jar" ] || { echo "siteops: $jar is missing: build first with bin/build" >&2; return 2; }
  cache=$(siteops_invoke_cache_dir "$root")
  mkdir -p "$cache"
  local archive=(-XX:SharedArchiveFile="$cache/${1##*.}.jsa" -XX:+AutoCreateSharedArchive)
  # down --caches deletes the folder a missing archive would be written to at exit, and the JVM then exits 1.
  # (${a[@]+...}: an empty array under set -u is an error in the bash 3.2 of macOS.)
  case " $* " in *" --caches "*) archive=() ;; esac
  SITEOPS_ROOT="$root" SITEOPS_INVOKE_CACHE_DIR="$cache" \
    exec "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xlog:disable -Xlog:all=warning,cds*=off:stderr \
    ${archive[@]+"${archive[@]}"} -cp "$jar:$root/tools/local/target/lib/*" "$@"
}

# Prints a free TCP port on 127.0.0.1.
siteops_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Starts moto_server on a free loopback port; sets MOTO_PID and MOTO_ENDPOINT. Stop with siteops_stop_moto.
siteops_start_moto() {
  local port
  port=$(siteops_free_port)
  MOTO_LOG=$(mktemp -t siteops-moto.XXXXXX)
  moto_server -H 127.0.0.1 -p "$port" >"$MOTO_LOG" 2>&1 &
  MOTO_PID=$!
  MOTO_ENDPOINT="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    if python3 -c "import urllib.request; urllib.request.urlopen('$MOTO_ENDPOINT/moto-api/data.json', timeout=1)" 2>/dev/null; then
      return 0
    fi
    kill -0 "$MOTO_PID" 2>/dev/null || { echo "siteops: moto_server exited at start:" >&2; cat "$MOTO_LOG" >&2; return 1; }
    sleep 0.2
  done
  echo "siteops: moto_server did not answer on $MOTO_ENDPOINT within 20 s" >&2
  return 1
}

siteops_stop_moto() {
  [ -n "${MOTO_PID:-}" ] && kill "$MOTO_PID" 2>/dev/null && wait "$MOTO_PID" 2>/dev/null
  [ -n "${MOTO_LOG:-}" ] && rm -f "$MOTO_LOG"
  MOTO_PID='' MOTO_LOG=''
}
