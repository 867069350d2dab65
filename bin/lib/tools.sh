# Sourced by bin/test and bin/local: the Python tools (pinned in tools/python-tools.txt) and the rest the tests use.

# Puts the pinned Python tools on PATH: those installed already when their versions match, else the project's own
# virtual environment (.siteops/venv), created and filled with pip when something is missing or mismatched.
siteops_require_tools() {
  command -v python3 >/dev/null 2>&1 || { echo "siteops: python3 is missing (apt-get install python3 python3-venv)" >&2; return 1; }
  local venv="$root/.siteops/venv" pins="$root/tools/python-tools.txt" off
  [ -x "$venv/bin/python3" ] && PATH="$venv/bin:$PATH"
  off=$(python3 - "$pins" <<'PY'
import re, sys
from importlib.metadata import version, PackageNotFoundError
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if line:
        name, pinned = re.match(r"([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==(\S+)", line).groups()
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
    printf '  %s\n' "$off" >&2
    { [ -x "$venv/bin/python3" ] || python3 -m venv "$venv"; } && "$venv/bin/python3" -m pip install -q -r "$pins" >&2 \
      || { echo "siteops: could not install them; install by hand: pip install -r tools/python-tools.txt" >&2; return 1; }
    PATH="$venv/bin:$PATH"
  fi
  export PATH
  if [ "${1:-}" = tests ]; then
    command -v npm >/dev/null 2>&1 || { echo "siteops: npm is missing: it fetches the offline Terraform provider schema (apt-get install npm)" >&2; return 1; }
    command -v terraform >/dev/null 2>&1 || echo "siteops: note: terraform is not installed; 'terraform fmt -check' of the generated sites will be skipped." >&2
  fi
  return 0
}
