#!/usr/bin/env bash
# `zlh smoke` against a fresh embedded node: starts `zlh run` (embedded PostgreSQL, Redis and
# simulators) on a temporary data directory and free ports, waits until it is ready, makes an
# administrator for the cleanup checks, runs the smoke test, stops the node. Builds nothing.
# Usage: deploy/smoke/embedded-smoke.sh [--jar PATH] [--keep] [-- SMOKE_ARGS...]   (needs java, curl, python3, openssl)
# Exit code: the smoke's (0 pass, 1 a step failed, naming it); 2 when the node could not start.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/verticles/target/zlh-platform.jar"
keep=false
smoke_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --keep) keep=true; shift ;;   # keep the work directory (logs, data) after a pass too
    --) shift; smoke_args=("$@"); break ;;
    *) echo "usage: $0 [--jar PATH] [--keep] [-- SMOKE_ARGS...]" >&2; exit 2 ;;
  esac
done
for tool in java curl python3 openssl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing required tool: $tool" >&2; exit 2; }
done
[ -f "$jar" ] || { echo "no $jar: build it first (./mvnw -B -ntp -pl verticles/dist -am package -DskipTests)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/zlh-embedded-smoke.XXXXXX")"
# shellcheck source=../lib/embedded-node.sh
. "$here/../lib/embedded-node.sh"
# audit exports need a signing key; the smoke reads the teardown's recorded checks through one
openssl genpkey -algorithm ed25519 -out "$work/audit-key.pem" 2>/dev/null
export ZLH_BILLING_AUDIT_KEY_PATH="$work/audit-key.pem"

started=$(date +%s)
start_embedded_node
echo "node ready on :$http_port (dev hosts :$ZLH_PROXY_PORT) after $(( $(date +%s) - started )) s, data in $work/data"

# an administrator, made as operators make one, for the cleanup evidence (audit log, drift)
password="smoke administrator $(python3 -c 'import secrets; print(secrets.token_hex(8))')"
printf '%s\n' "$password" >"$work/admin-password"
java -jar "$jar" admin create --email ops@smoke.zerolaghub.test --username smokeops --display-name "Smoke ops" \
  --password-file "$work/admin-password" --data-dir "$work/data" >"$work/admin.log" 2>&1 \
  || { echo "zlh admin create failed:" >&2; cat "$work/admin.log" >&2; exit 2; }
curl -sS --max-time 10 -XPOST "http://127.0.0.1:$http_port/api/auth/login" -H 'content-type: application/json' \
  -d "$(python3 -c 'import json,sys; print(json.dumps({"email":"ops@smoke.zerolaghub.test","password":sys.argv[1]}))' "$password")" \
  | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])' >"$work/admin-token"

set +e
java -jar "$jar" smoke --url "http://127.0.0.1:$http_port" --admin-token-file "$work/admin-token" "${smoke_args[@]}"
rc=$?
set -e
exit "$rc"
