#!/usr/bin/env bash
# Installs the extension's npm packages (`npm ci`, exact versions from package-lock.json)
# unless they are already installed from the same lock file. Needs Node.js 20+ and npm.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
stamp=node_modules/.laurel-lock-stamp
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "setup.sh: npm is not installed (Node.js 20+ with npm is needed)" >&2; exit 1; }
echo "== npm ci in editors/vscode"
npm ci --no-audit --no-fund --loglevel=error
echo "$lock_hash" > "$stamp"
