# shellcheck shell=bash
# Sourced by bin/test and bin/demo: checks the tools the tests and the demo use, naming what to install.

siteops_require_tools() {
  local missing=()
  command -v python3 >/dev/null 2>&1 || missing+=("python3 (apt-get install python3)")
  command -v moto_server >/dev/null 2>&1 || missing+=("moto_server, the local AWS emulator (pip install 'moto[server]>=5.1')")
  python3 -c 'import boto3' >/dev/null 2>&1 || missing+=("boto3 for python3 (pip install boto3)")
  if [ "${1:-}" = tests ]; then
    command -v cfn-lint >/dev/null 2>&1 || missing+=("cfn-lint (pip install cfn-lint)")
    python3 -c 'import samtranslator' >/dev/null 2>&1 || missing+=("aws-sam-translator for python3 (pip install aws-sam-translator)")
    command -v npm >/dev/null 2>&1 || missing+=("npm, to fetch the offline Terraform provider schema (apt-get install npm)")
    siteops_install_debian_tools || missing+=("shellcheck, cloud-init, nginx and mariadb-server from Debian (see above)")
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "siteops: missing tools:" >&2
    printf '  - %s\n' "${missing[@]}" >&2
    return 1
  fi
  if [ "${1:-}" = tests ] && ! command -v terraform >/dev/null 2>&1; then
    echo "siteops: note: terraform is not installed; 'terraform fmt -check' of the generated sites will be skipped." >&2
  fi
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

# Prints a free TCP port on 127.0.0.1.
siteops_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Starts moto_server on a free loopback port; sets MOTO_PID and MOTO_ENDPOINT. Stop with siteops_stop_moto.
siteops_start_moto() {
  local port log
  port=$(siteops_free_port)
  log=$(mktemp -t siteops-moto.XXXXXX)
  moto_server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
  MOTO_PID=$!
  MOTO_ENDPOINT="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    if python3 -c "import urllib.request; urllib.request.urlopen('$MOTO_ENDPOINT/moto-api/data.json', timeout=1)" 2>/dev/null; then
      return 0
    fi
    kill -0 "$MOTO_PID" 2>/dev/null || { echo "siteops: moto_server exited at start:" >&2; cat "$log" >&2; return 1; }
    sleep 0.2
  done
  echo "siteops: moto_server did not answer on $MOTO_ENDPOINT within 20 s" >&2
  return 1
}

siteops_stop_moto() {
  [ -n "${MOTO_PID:-}" ] && kill "$MOTO_PID" 2>/dev/null && wait "$MOTO_PID" 2>/dev/null
  MOTO_PID=
}

# Starts a fake third-party API from test-support (FakeGitHub, FakePagerDuty, ...) on a free loopback port and
# stores the URL it announces in the variable named first. Its pid joins SITEOPS_FAKE_PIDS (siteops_stop_fakes).
#   siteops_start_fake github_url FakeGitHub <function jar, for Jackson> [args...]
siteops_start_fake() {
  local into=$1 class=$2 jar=$3; shift 3
  local support out
  # shellcheck disable=SC2154 # root: the project directory, set by the sourcing script
  support=$(ls "$root"/test-support/target/siteops-test-support-*.jar 2>/dev/null | head -1)
  [ -n "$support" ] || { echo "siteops: test-support jar missing: run bin/build" >&2; return 1; }
  out=$(mktemp -t "siteops-$class.XXXXXX")
  "$JAVA" -cp "$support:$jar" "siteops.testing.$class" "$@" >"$out" 2>>"${SITEOPS_FAKE_LOG:-/dev/null}" &
  SITEOPS_FAKE_PIDS="${SITEOPS_FAKE_PIDS:-} $!"
  for _ in $(seq 1 100); do
    if [ -s "$out" ]; then
      printf -v "$into" '%s' "$(head -1 "$out")"
      rm -f "$out"
      return 0
    fi
    sleep 0.1
  done
  echo "siteops: $class did not start" >&2
  return 1
}

siteops_stop_fakes() {
  local pid
  for pid in ${SITEOPS_FAKE_PIDS:-}; do kill "$pid" 2>/dev/null || true; done
  SITEOPS_FAKE_PIDS=
}
