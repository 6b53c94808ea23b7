#!/usr/bin/env bash
# Installs what the real-editor tests need into .e2e/ (gitignored): Debian chromium, code-server
# 4.100.3 (the newest that runs on Node 20, VS Code 1.100.3) and playwright-core; and Debian's
# neovim, whose headless built-in LSP client test/editors/neovim.test.ts drives.
# Usage: bash scripts/e2e-install.sh   (idempotent; a second run only checks)
set -euo pipefail
cd "$(dirname "$0")/.."
E2E="$PWD/.e2e"
CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_VERSION=1.65.1
# @vscode/ripgrep 1.15.11 (a code-server dependency) downloads rg from GitHub unless its cache has it.
RG_CACHE="$E2E/tmp/vscode-ripgrep-cache-1.15.11"
RG_TARBALL="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"

t0=$(date +%s)
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v nvim >/dev/null || missing+=(neovim)
command -v rg >/dev/null || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)   # kerberos (code-server) compiles against gssapi.h
if (( ${#missing[@]} )); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "e2e-install: need root to apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "e2e-install: apt-get install ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium neovim libkrb5-dev ripgrep >/dev/null
fi
t1=$(date +%s)

mkdir -p "$E2E/tools" "$RG_CACHE" "$E2E/tmp/rgstage"
if [[ ! -f "$RG_TARBALL" ]]; then
  cp "$(command -v rg)" "$E2E/tmp/rgstage/rg"
  tar czf "$RG_TARBALL" -C "$E2E/tmp/rgstage" rg
fi

installed_version() {
  node -e 'try { console.log(require(process.argv[1]).version) } catch { console.log("") }' "$E2E/tools/node_modules/$1/package.json"
}
if [[ $(installed_version code-server) != "$CODE_SERVER_VERSION" || $(installed_version playwright-core) != "$PLAYWRIGHT_VERSION" ]]; then
  echo "e2e-install: npm install code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION into .e2e/tools"
  [[ -f "$E2E/tools/package.json" ]] || echo '{ "name": "rawsync-e2e-tools", "private": true }' > "$E2E/tools/package.json"
  # unsafe_perm: code-server's postinstall refuses to run as root without it;
  # yes: node-pty's postinstall runs `npx node-gyp`, which otherwise asks before fetching it.
  (cd "$E2E/tools" && TMPDIR="$E2E/tmp" npm_config_yes=true npm_config_unsafe_perm=true \
    npm install "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" \
    --no-audit --no-fund --loglevel=error)
fi
test -x "$E2E/tools/node_modules/.bin/code-server"
t2=$(date +%s)
echo "e2e-install: ready (apt $((t1 - t0))s, npm $((t2 - t1))s)"
