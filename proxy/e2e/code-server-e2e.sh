#!/usr/bin/env bash
# End-to-end check of the hosted IDE path against a real code-server:
# installs code-server from the npm registry, starts it on 127.0.0.1:6000 (--auth none),
# then runs CodeServerE2eTest, which serves our proxy on dev-100.localhost:<port> and shows
# that the workbench loads, its WebSocket upgrades with the right Origin, a foreign Origin is
# refused by code-server itself, and nothing reaches it without the IDE cookie.
#
# Usage: proxy/e2e/code-server-e2e.sh        (from the repository root or anywhere)
# Env:   ZLH_E2E_DIR   where code-server is installed (default: $TMPDIR/zlh-code-server)
#        ZLH_E2E_PORT  code-server port (default 6000, the port the proxy forwards to)
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
# @vscode/ripgrep's postinstall looks for this file before it downloads anything
RIPGREP_CACHE_NAME=vscode-ripgrep-cache-1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TMPDIR="${TMPDIR:-/tmp}"
export TMPDIR
DIR="${ZLH_E2E_DIR:-$TMPDIR/zlh-code-server}"
PORT="${ZLH_E2E_PORT:-6000}"
LOG="$DIR/code-server.log"
started=$(date +%s)

say() { printf '[e2e %4ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }

install_system_packages() {
  local missing=()
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
  command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Debian's rg, packed the way the postinstall expects its download, so it needs no network
seed_ripgrep_cache() {
  local cache="$TMPDIR/$RIPGREP_CACHE_NAME"
  mkdir -p "$cache"
  if [ ! -s "$cache/$RIPGREP_ASSET" ]; then
    tar -czf "$cache/$RIPGREP_ASSET" -C "$(dirname "$(command -v rg)")" rg
  fi
}

install_code_server() {
  local installed="$DIR/node_modules/code-server/package.json"
  if [ -f "$installed" ] && grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$installed"; then
    say "code-server $CODE_SERVER_VERSION already installed in $DIR"
    return
  fi
  say "npm install code-server@$CODE_SERVER_VERSION into $DIR"
  mkdir -p "$DIR"
  local t0=$(date +%s)
  npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --loglevel=error --prefix "$DIR" "code-server@$CODE_SERVER_VERSION" >"$DIR/npm-install.log" 2>&1 \
    || { tail -40 "$DIR/npm-install.log"; exit 1; }
  say "npm install took $(( $(date +%s) - t0 )) s"
}

start_code_server() {
  mkdir -p "$DIR/data" "$DIR/extensions" "$DIR/project"
  say "starting code-server on 127.0.0.1:$PORT"
  "$DIR/node_modules/.bin/code-server" --auth none --bind-addr "127.0.0.1:$PORT" \
    --disable-telemetry --disable-update-check --disable-workspace-trust \
    --user-data-dir "$DIR/data" --extensions-dir "$DIR/extensions" "$DIR/project" >"$LOG" 2>&1 &
  CODE_SERVER_PID=$!
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then
      say "code-server up (pid $CODE_SERVER_PID)"
      return
    fi
    if ! kill -0 "$CODE_SERVER_PID" 2>/dev/null; then
      tail -40 "$LOG"; echo "code-server exited" >&2; exit 1
    fi
    sleep 0.5
  done
  tail -40 "$LOG"; echo "code-server did not answer /healthz within 60 s" >&2; exit 1
}

stop_code_server() {
  if [ -n "${CODE_SERVER_PID:-}" ] && kill -0 "$CODE_SERVER_PID" 2>/dev/null; then
    kill "$CODE_SERVER_PID" 2>/dev/null || true
    wait "$CODE_SERVER_PID" 2>/dev/null || true
  fi
}
trap stop_code_server EXIT

install_system_packages
seed_ripgrep_cache
install_code_server
start_code_server

say "running CodeServerE2eTest through the proxy"
cd "$REPO"
set +e
./mvnw -B -ntp -q -pl proxy -am test -Dtest='CodeServerE2eTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dzlh.e2e.codeServer="http://127.0.0.1:$PORT"
status=$?
set -e
report="$REPO/proxy/target/surefire-reports/com.zerolaghub.proxy.e2e.CodeServerE2eTest.txt"
[ -f "$report" ] && cat "$report"
output="$REPO/proxy/target/surefire-reports/com.zerolaghub.proxy.e2e.CodeServerE2eTest-output.txt"
[ -f "$output" ] && grep -E '^\[e2e\]' "$output" || true
say "done, exit $status"
exit $status
