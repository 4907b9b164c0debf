#!/usr/bin/env bash
# Create or update the Python venv used by the SHACL oracle (tests/shacl/validate.py).
#
#   bash tests/shacl/setup.sh          # idempotent; ~0.1 s when already up to date
#   bash tests/shacl/setup.sh --force  # reinstall the requirements
#
# The venv lives at $REPO/.venv (git-ignored). A stamp file inside it records the
# requirements.txt and Python version it was built from; pip only runs when they differ.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$repo/.venv"
req="$here/requirements.txt"
stamp="$venv/.laurel-shacl-stamp"
python="${PYTHON:-python3}"

force=0
[[ "${1:-}" == "--force" ]] && force=1

if ! command -v "$python" >/dev/null 2>&1; then
    echo "setup.sh: $python not found; install Python >= 3.10 (with the venv module)" >&2
    exit 1
fi

# Several test processes may call this at once: one at a time.
mkdir -p "$repo/target"
exec 9>"$repo/target/.laurel-venv.lock"
flock 9

want="$("$python" -c 'import sys; print(sys.version.split()[0])')"$'\n'"$(cat "$req")"

if [[ $force == 0 && -x "$venv/bin/python" && -f "$stamp" ]] && [[ "$(cat "$stamp")" == "$want" ]]; then
    exit 0
fi

if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
    rm -rf "$venv"
    "$python" -m venv "$venv" || {
        echo "setup.sh: '$python -m venv' failed (on Debian: apt-get install python3-venv)" >&2
        exit 1
    }
fi

"$venv/bin/python" -m pip install --disable-pip-version-check --no-input -q -r "$req"
"$venv/bin/python" -c 'import pyshacl, pyld, rdflib' # fail here, not in the tests
printf '%s' "$want" >"$stamp"
echo "setup.sh: SHACL venv ready at $venv ($("$venv/bin/python" -c 'import importlib.metadata as m; print("pyshacl", m.version("pyshacl"), "PyLD", m.version("PyLD"))'))"
