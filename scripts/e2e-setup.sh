#!/usr/bin/env bash
# Installs everything the real-VS-Code tests need, idempotently, so CI and `npm start` can call it:
#   apt: chromium (headless browser), ripgrep (search inside code-server), libkrb5-dev (code-server's
#   kerberos module builds from source); code-server 4.100.3 (VS Code 1.100) into .e2e/code-server.
# code-server is kept out of the repo's package.json on purpose: it is 300 MB and only tests need it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CS_VERSION="4.100.3"
CS_DIR="$ROOT/.e2e/code-server"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"

log() { echo "[e2e-setup] $*" >&2; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if ((${#missing[@]} > 0)); then
  if [[ -x "$CS_BIN" && ! " ${missing[*]} " =~ " chromium " ]]; then
    log "code-server already built; not installing ${missing[*]}"
  else
    log "apt-get install ${missing[*]}"
    SUDO=""
    [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

if [[ -x "$CS_BIN" ]] && [[ "$("$CS_BIN" --version 2>/dev/null | head -1)" == "$CS_VERSION"* ]]; then
  log "code-server $CS_VERSION already installed in $CS_DIR"
  exit 0
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache already holds the asset;
# hand it Debian's rg instead so the install works offline.
TMP="$(node -p "require('os').tmpdir()")"
RG_CACHE="$TMP/vscode-ripgrep-cache-1.15.11"
RG_TAR="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [[ ! -s "$RG_TAR" ]]; then
  log "caching Debian's rg as $RG_TAR"
  mkdir -p "$RG_CACHE"
  STAGE="$(mktemp -d)"
  cp "$(command -v rg)" "$STAGE/rg"
  tar -C "$STAGE" -czf "$RG_TAR" rg
  rm -rf "$STAGE"
fi

log "installing code-server@$CS_VERSION into $CS_DIR (about a minute)"
mkdir -p "$CS_DIR"
[[ -f "$CS_DIR/package.json" ]] || echo '{"name":"e2e-code-server","private":true}' >"$CS_DIR/package.json"
cd "$CS_DIR"
# npm_config_yes lets node-pty's nested npx run; code-server's postinstall insists on --unsafe-perm as root.
npm_config_yes=true npm install --unsafe-perm --no-audit --no-fund --no-save "code-server@$CS_VERSION" >&2
"$CS_BIN" --version >&2
log "done"
