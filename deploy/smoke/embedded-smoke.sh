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
[ -f "$jar" ] || { echo "no $jar: build it first (./mvnw -B -ntp -pl verticles -am package -DskipTests)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/zlh-embedded-smoke.XXXXXX")"
node_pid=""
stop_node() {
  local rc=$?
  if [ -n "$node_pid" ]; then
    kill -TERM "$node_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$node_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$node_pid" 2>/dev/null || true
    wait "$node_pid" 2>/dev/null || true
  fi
  if [ "$rc" -ne 0 ] || [ "$keep" = true ]; then echo "logs kept in $work"; else rm -rf "$work"; fi
}
trap stop_node EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
http_port="$(free_port)"
export ZLH_PROXY_PORT="$(free_port)"
export ZLH_LOG_JSON=false
# audit exports need a signing key; the smoke reads the teardown's recorded checks through one
openssl genpkey -algorithm ed25519 -out "$work/audit-key.pem" 2>/dev/null
export ZLH_BILLING_AUDIT_KEY_PATH="$work/audit-key.pem"

started=$(date +%s)
java -jar "$jar" run --http-port "$http_port" --data-dir "$work/data" >"$work/node.out" 2>"$work/node.log" &
node_pid=$!
for _ in $(seq 1 900); do
  curl -sf --max-time 2 "http://127.0.0.1:$http_port/health/ready" >/dev/null 2>&1 && break
  kill -0 "$node_pid" 2>/dev/null || { echo "node exited:" >&2; tail -n 30 "$work/node.log" >&2; exit 2; }
  sleep 0.2
done
curl -sf --max-time 2 "http://127.0.0.1:$http_port/health/ready" >/dev/null || { echo "node not ready in 180 s" >&2; exit 2; }
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
