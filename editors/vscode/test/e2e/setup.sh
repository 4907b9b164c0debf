#!/usr/bin/env bash
# Installs what the VS Code end-to-end test (run.mjs) needs:
#   - Debian packages: chromium (the browser Playwright drives), ripgrep (VS Code's
#     file search, used by Quick Open), and a C++ tool chain for three small native
#     Node modules, only when missing (apt-get update only then, and only as root);
#   - code-server (VS Code in a browser) and playwright-core, both pinned, into
#     editors/vscode/.e2e/ (or $LAUREL_E2E_DIR), with the native modules the
#     workbench and the extension host need built from source.
# Idempotent: a stamp file makes a second run take well under a second.
#
#   setup.sh          install (or nothing, when up to date)
#   setup.sh --check  only check that the installed tools load and run
#
# Nothing is written to the user's ~/.config or ~/.local: code-server keeps its config
# file and logs under $E2E/state/ (see code_server below).
#
# Deliberately skipped to keep it fast (about 30 s on a fresh machine): node-pty
# (integrated terminal), kerberos (proxy authentication), @vscode/deviceid
# (Windows-only binding) and the npm dependencies of VS Code's built-in
# extensions (only the TypeScript server). None of them is used by the test.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EXT_ROOT="$(cd "$HERE/../.." && pwd)"
E2E="${LAUREL_E2E_DIR:-$EXT_ROOT/.e2e}"
CODE_SERVER_VERSION="4.100.3"   # the last line of code-server that runs on Node 20
PLAYWRIGHT_VERSION="1.65.1"
STAMP="$E2E/.setup-stamp"
STAMP_TEXT="code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION node@$(node -p process.versions.modules) lock@$(cksum <"$HERE/package-lock.json" | cut -d' ' -f1) v1"
CS="$E2E/node_modules/code-server"
VSC="$CS/lib/vscode"

say() { echo "[e2e setup] $*"; }
die() { echo "[e2e setup] ERROR: $*" >&2; exit 1; }
start=$(date +%s)

# code-server writes a default config file (and says so on stdout) the first time it
# starts, under $XDG_CONFIG_HOME, and its logs under $XDG_DATA_HOME: give it a config
# file and folders of its own so that it depends on nothing of the user's.
CS_STATE="$E2E/state"
code_server() {
  mkdir -p "$CS_STATE"
  [[ -f "$CS_STATE/config.yaml" ]] || echo "auth: none" >"$CS_STATE/config.yaml"
  env -u CODE_SERVER_CONFIG -u VSCODE_IPC_HOOK_CLI \
    XDG_CONFIG_HOME="$CS_STATE/config" XDG_DATA_HOME="$CS_STATE/data" \
    node "$CS/out/node/entry.js" --config "$CS_STATE/config.yaml" "$@"
}

# Checks that the native modules load, ripgrep runs and code-server is the pinned version.
check_loads() {
  say "checking that everything loads"
  [[ -f "$CS/out/node/entry.js" ]] || die "code-server is not installed in $E2E (run $0)"
  (cd "$VSC" && node -e 'require("@vscode/spdlog"); require("native-watchdog"); require("@parcel/watcher")') \
    || die "a VS Code native module does not load"
  (cd "$E2E" && node -e 'require("argon2"); require("playwright-core")') || die "argon2 or playwright-core does not load"
  "$VSC/node_modules/@vscode/ripgrep/bin/rg" --version >/dev/null || die "ripgrep does not run"
  local out
  out=$(code_server --version 2>&1) || die "code-server --version failed: $out"
  # The version line ("4.100.3 <commit> with Code 1.100.3"), whatever else is printed.
  ver=$(grep -m1 -E '^[0-9]+\.[0-9]+\.[0-9]+ ' <<<"$out" || true)
  [[ $ver == "$CODE_SERVER_VERSION "* ]] || die "code-server --version does not say $CODE_SERVER_VERSION: '$out'"
}

case "${1:-}" in
  "") ;;
  --check) check_loads; say "ok: code-server $ver, playwright-core $PLAYWRIGHT_VERSION in $E2E"; exit 0 ;;
  *) die "unknown argument '$1' (setup.sh [--check])" ;;
esac

# --- Debian packages -------------------------------------------------------
declare -A need=( [chromium]=/usr/bin/chromium [ripgrep]=/usr/bin/rg [g++]=/usr/bin/g++ [make]=/usr/bin/make )
missing=()
for pkg in "${!need[@]}"; do
  [[ -x "${need[$pkg]}" ]] || missing+=("$pkg")
done
command -v python3 >/dev/null || missing+=(python3)
if ((${#missing[@]})); then
  [[ $(id -u) == 0 ]] || die "missing Debian packages (${missing[*]}); run as root or: apt-get install ${missing[*]}"
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  for pkg in "${!need[@]}"; do
    [[ -x "${need[$pkg]}" ]] || die "$pkg did not install ${need[$pkg]}"
  done
else
  say "Debian packages present (chromium, ripgrep, g++, make, python3)"
fi

# --- npm packages --------------------------------------------------------
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$STAMP_TEXT" && -f "$CS/out/node/entry.js" ]]; then
  say "code-server $CODE_SERVER_VERSION and playwright-core $PLAYWRIGHT_VERSION already installed in $E2E"
  exit 0
fi
command -v node >/dev/null || die "node is not installed"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[[ $node_major == 20 ]] || say "WARNING: code-server $CODE_SERVER_VERSION wants Node 20, this is Node $node_major"

rm -f "$STAMP"
mkdir -p "$E2E"
# The manifest and lock file live beside this script, so every machine gets the same tree.
cp "$HERE/package.json" "$HERE/package-lock.json" "$E2E/"
say "npm ci: code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION"
# --ignore-scripts: code-server's postinstall would re-run npm in a way we do ourselves
# below, and argon2's would try to download a prebuilt binary.
(cd "$E2E" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$CS/package.json" || die "code-server $CODE_SERVER_VERSION not installed"

say "npm install in code-server/lib/vscode (VS Code's own dependencies, pinned by its npm-shrinkwrap.json)"
# Not `npm ci`: code-server's patched package.json is slightly out of sync with the shrinkwrap.
(cd "$VSC" && npm install --omit=dev --no-audit --no-fund --ignore-scripts --loglevel=error)

say "linking ripgrep, node_modules.asar and the CLI helpers"
mkdir -p "$VSC/node_modules/@vscode/ripgrep/bin"
ln -sf /usr/bin/rg "$VSC/node_modules/@vscode/ripgrep/bin/rg"
ln -sfn node_modules "$VSC/node_modules.asar"
ln -sf code-linux.sh "$VSC/bin/remote-cli/code-server"
ln -sf browser-linux.sh "$VSC/bin/helpers/browser.sh"

# Build the native modules in parallel (node-gyp, headers from the local Node).
nodedir_flag=()
[[ -f /usr/include/node/node_api.h ]] && nodedir_flag=(--nodedir=/usr)
export JOBS=max npm_config_yes=true
say "building native modules: @vscode/spdlog native-watchdog (VS Code), argon2 (code-server)"
logdir="$E2E/build-logs"; mkdir -p "$logdir"
(cd "$VSC" && npm rebuild "${nodedir_flag[@]}" @vscode/spdlog native-watchdog >"$logdir/vscode.log" 2>&1) & p1=$!
(cd "$E2E" && npm rebuild "${nodedir_flag[@]}" argon2 >"$logdir/argon2.log" 2>&1) & p2=$!
ok=1
wait $p1 || { ok=0; tail -30 "$logdir/vscode.log" >&2; }
wait $p2 || { ok=0; tail -30 "$logdir/argon2.log" >&2; }
((ok)) || die "a native module failed to build (logs in $logdir)"

check_loads

echo "$STAMP_TEXT" >"$STAMP"
say "done in $(( $(date +%s) - start )) s: code-server $ver, playwright-core $PLAYWRIGHT_VERSION in $E2E"
