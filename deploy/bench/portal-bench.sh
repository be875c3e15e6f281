#!/usr/bin/env bash
# The portal benchmark (docs/benchmarks.md, "Portal"): starts `zlh run` on a temporary data
# directory and a free port, waits until it is ready, then portal-bench.mjs registers a customer
# through the API and measures the portal in Debian's headless Chromium (/usr/bin/chromium, driven
# by playwright-core): bytes of the first dashboard load, time to a usable dashboard, and the
# delay from an operation's end to its card changing. Prints one JSON line; stops the node.
# Usage: deploy/bench/portal-bench.sh [--jar PATH] [--keep]
#   env: RUNS (cold/warm load pairs, default 5), CREATES (default 20), SERVERS (default 3),
#        PLAYWRIGHT_DIR (cache for playwright-core, default ~/.cache/zlh-portal-bench)
# Needs java, node (18+), npm (once, to install playwright-core), curl, python3, chromium.
# Builds the jar (offline) when it is missing.
set -euo pipefail

PLAYWRIGHT_VERSION=1.65.2   # pinned; `npm view playwright-core version` to move it
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/verticles/target/zlh-platform.jar"
keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --keep) keep=true; shift ;;   # keep the work directory (node log, data) after a pass too
    *) echo "usage: $0 [--jar PATH] [--keep]" >&2; exit 2 ;;
  esac
done
for tool in java node curl python3 /usr/bin/chromium; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing required tool: $tool" >&2; exit 2; }
done
if [ ! -f "$jar" ]; then
  echo "no $jar: building it" >&2
  (cd "$root" && ./mvnw -B -ntp -o -q -DskipTests package) >&2
fi

export PLAYWRIGHT_DIR="${PLAYWRIGHT_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/zlh-portal-bench}"
installed="$(node -p "try{require('$PLAYWRIGHT_DIR/node_modules/playwright-core/package.json').version}catch(e){''}")"
if [ "$installed" != "$PLAYWRIGHT_VERSION" ]; then
  mkdir -p "$PLAYWRIGHT_DIR"
  # playwright-core downloads no browser; it drives /usr/bin/chromium
  npm install --prefix "$PLAYWRIGHT_DIR" --no-save --no-audit --no-fund "playwright-core@$PLAYWRIGHT_VERSION" >&2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/zlh-portal-bench.XXXXXX")"
# shellcheck source=../lib/embedded-node.sh
. "$here/../lib/embedded-node.sh"
# room for the initial servers plus the live creates (a starter account holds 3 by default)
export ZLH_SERVERS_STARTER_SERVER_LIMIT=1000
start_embedded_node
echo "node ready on :$http_port, load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

ZLH_URL="http://127.0.0.1:$http_port" node "$here/portal-bench.mjs"
