#!/usr/bin/env bash
# Packages the Laurel extension as a .vsix, offline.
#
#   scripts/package.sh                      universal package, no server inside:
#                                           dist/laurel.vsix (uses laurel.server.path or PATH)
#   scripts/package.sh --target linux-x64   platform package with the release server inside:
#                                           builds `cargo build --release -p laurel-lsp`,
#                                           writes dist/laurel-linux-x64.vsix
#   --target host                           the platform of this machine
#   --server PATH                           put this laurel-lsp inside instead of building one
#                                           (stripped of debug information when `strip` can)
#   --out FILE                              where to write the package
#
# Needs `npm ci` done in editors/vscode (scripts/setup.sh); no network.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"
target="" server="" out=""
# A relative --server or --out is relative to the caller's folder (the script cds away).
from_caller() { case "$1" in /* | [A-Za-z]:[/\\]*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target="$2"; shift 2 ;;
    --server) server="$(from_caller "$2")"; shift 2 ;;
    --out) out="$(from_caller "$2")"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "package.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

host_target() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux; if [ -f /etc/alpine-release ]; then os=alpine; fi ;;
    Darwin) os=darwin ;;
    MINGW*|MSYS*|CYGWIN*) os=win32 ;;
    *) echo "package.sh: unknown system $(uname -s)" >&2; exit 2 ;;
  esac
  case "$(uname -m)" in
    x86_64|amd64) arch=x64 ;;
    aarch64|arm64) arch=arm64 ;;
    armv7l) arch=armhf ;;
    *) echo "package.sh: unknown machine $(uname -m)" >&2; exit 2 ;;
  esac
  echo "$os-$arch"
}
if [ "$target" = host ]; then target="$(host_target)"; fi
if [ -n "$server" ] && [ -z "$target" ]; then target="$(host_target)"; fi

cd "$here"
rm -rf server
mkdir -p dist
name="laurel"
if [ -n "$target" ]; then
  name="laurel-$target"
  exe="laurel-lsp"
  case "$target" in win32-*) exe="laurel-lsp.exe" ;; esac
  if [ -z "$server" ]; then
    if [ "$target" != "$(host_target)" ]; then
      echo "package.sh: cannot build a $target server on $(host_target); build it there and pass --server" >&2
      exit 2
    fi
    echo "== cargo build --release -p laurel-lsp"
    (cd "$repo" && cargo build --release --locked -p laurel-lsp)
    server="$repo/target/release/$exe"
  fi
  [ -f "$server" ] && [ -x "$server" ] || { echo "package.sh: no server program at $server" >&2; exit 2; }
  mkdir -p server
  cp "$server" "server/$exe"
  chmod 755 "server/$exe"
  # Debug information is for profiling, not for users: a third of the size.
  if [ "$target" = "$(host_target)" ] && command -v strip >/dev/null; then
    strip "server/$exe"
  fi
fi
out="${out:-$here/dist/$name.vsix}"
mkdir -p "$(dirname "$out")"
trap 'rm -rf "$here/server"' EXIT

echo "== bundle the client"
npm run --silent build
echo "== vsce package -> $out"
args=(package --no-dependencies --no-rewrite-relative-links --allow-missing-repository --skip-license --out "$out")
if [ -n "$target" ]; then args+=(--target "$target"); fi
npx --no-install vsce "${args[@]}"
