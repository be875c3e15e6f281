#!/usr/bin/env bash
# A rolling restart under load with no failed request. Three nodes of the same jar share one
# PostgreSQL and one Redis (`zlh services`) and the simulators (`zlh simulators`), as in
# three-nodes.sh, behind an nginx front that balances over the nodes that are ready:
#   - the front: nginx, `proxy_next_upstream error` (it alone retries, and only connections a
#     node refused or reset before answering); open-source nginx has no active health checks, so
#     a watcher here plays that part: every 250 ms it asks each node's /health/ready and, when
#     the set of ready nodes changes, rewrites the upstream and reloads nginx (gracefully);
#   - the load: `zlh bench rolling` through the front: creates game servers at a steady pace,
#     lists them continuously, holds console WebSockets and one /api/events socket; it never
#     retries, so any request without the expected answer counts as failed;
#   - each node in turn gets SIGTERM (it drains: readiness 503 at once, leases handed over,
#     sockets closed with 1012 after http.drainGraceMs), is started again on the same ports once
#     it exited, and the next one waits until it is ready and back in the front.
# Then it checks: 0 failed requests; every operation the load started has exactly one ending
# event in the log, a success; every console and the events socket reconnected after each 1012
# (no other close); each drain ended in time and exited 0.
# Usage: deploy/multinode/rolling-restart.sh [--jar PATH] [--keep]   (needs java, curl, python3, nginx)
# Last line: PASS or FAIL; exit 1 on failure. All processes it started are stopped on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/verticles/target/zlh-platform.jar"
keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --keep) keep=true; shift ;;
    *) echo "usage: $0 [--jar PATH] [--keep]" >&2; exit 2 ;;
  esac
done
for tool in java curl python3 nginx; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing required tool: $tool" >&2; exit 2; }
done
[ -f "$jar" ] || { echo "no $jar: build it first (./mvnw -B -ntp -pl verticles/dist -am package -DskipTests)" >&2; exit 2; }

NODES=3
GRACE_MS=2000                   # http.drainGraceMs: the watcher notices a 503 within ~0.5 s
CONSOLES=3                      # console WebSockets held through the run
CREATE_EVERY_MS=1500            # one create per 1.5 s, a list every 100 ms
SIM_TASK_MS=300
DRAIN_LIMIT_S=$(( GRACE_MS / 1000 + 8 + 2 ))   # grace + the 8 s stop budget + slack
LEASE_KEY="zlh:lease:server-operations"

work="$(mktemp -d "${TMPDIR:-/tmp}/zlh-rolling.XXXXXX")"
pids=()
node_pids=()
node_ports=()
node_proxy_ports=()
failures=()
started_at=$(date +%s)
log() { printf '[%3ds] %s\n' "$(( $(date +%s) - started_at ))" "$*"; }
fail() { failures+=("$*"); log "FAIL: $*"; }

stop_all() {
  local rc=$?
  [ -n "${watcher_pid:-}" ] && kill "$watcher_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill -QUIT "$(cat "$work/nginx.pid")" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "$rc" -ne 0 ] || [ "$keep" = true ]; then echo "logs kept in $work"; else rm -rf "$work"; fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# shellcheck source=../lib/shared-services.sh
source "$root/deploy/lib/shared-services.sh"

# ---- shared services and outside systems ---------------------------------------------------
start_shared_services
export ZLH_SERVERS_WORKER_CONCURRENCY=2
export ZLH_SERVERS_STARTER_SERVER_LIMIT=500
export ZLH_HTTP_DRAIN_GRACE_MS=$GRACE_MS
export ZLH_AUTH_BCRYPT_COST=4                 # one sign-up and one login; not what is measured
export ZLH_MONITORING_SD_TOKEN="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
log "PostgreSQL localhost:$ZLH_DB_PORT, Redis 127.0.0.1:$redis_port, Proxmox $ZLH_INFRA_PROXMOX_URL"

# ---- three nodes, each keeping its ports across restarts --------------------------------------
for i in $(seq 0 $((NODES - 1))); do node_ports[$i]="$(free_port)"; node_proxy_ports[$i]="$(free_port)"; done
front_port="$(free_port)"
export ZLH_HTTP_PUBLIC_URL="http://127.0.0.1:$front_port"
start_node() {
  local i="$1" run="${2:-0}"
  ZLH_PROXY_PORT="${node_proxy_ports[$i]}" java -jar "$jar" run --http-port "${node_ports[$i]}" --data-dir "$work/node$i" \
    >"$work/node$i.$run.out" 2>"$work/node$i.$run.log" &
  pids+=($!); node_pids[$i]=$!
}
await_ready() {
  local i="$1" run="${2:-0}"
  for _ in $(seq 1 900); do
    curl -sf --max-time 2 "http://127.0.0.1:${node_ports[$i]}/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "${node_pids[$i]}" 2>/dev/null || { echo "node $i exited:" >&2; tail -n 30 "$work/node$i.$run.log" >&2; return 1; }
    sleep 0.2
  done
  echo "node $i not ready in 180 s" >&2; return 1
}
start_node 0; await_ready 0
start_node 1; start_node 2; await_ready 1; await_ready 2
log "nodes ready on ${node_ports[*]}"

# ---- the front: nginx over the ready nodes, and the watcher that keeps that set ----------------
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<EOF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx/error.log warn;
daemon on;
events { worker_connections 1024; }
http {
  access_log $work/nginx/access.log;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
  include $work/nginx/upstream.conf;
  server {
    listen 127.0.0.1:$front_port;
    location / {
      proxy_pass http://zlh_api;
      proxy_http_version 1.1;
      proxy_set_header Host \$http_host;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_connect_timeout 2s;
      proxy_read_timeout 3600s;
      # the front alone retries, and only what a node refused before answering
      proxy_next_upstream error;
      proxy_next_upstream_tries 3;
    }
  }
}
EOF
upstream_for() { # ready node indexes → upstream block (all nodes when none is ready)
  local list="$*" i
  [ -n "$list" ] || list="$(seq -s ' ' 0 $((NODES - 1)))"
  echo "upstream zlh_api {"
  for i in $list; do echo "  server 127.0.0.1:${node_ports[$i]} max_fails=0;"; done
  echo "}"
}
upstream_for >"$work/nginx/upstream.conf"
nginx -t -p "$work/nginx" -c "$work/nginx/nginx.conf" >"$work/nginx/test.log" 2>&1 || { cat "$work/nginx/test.log"; exit 2; }
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf"
watch_front() { # a 503 takes a node out at once (a draining node says so); no answer twice in a row too
  local current="" ready i code
  local -a misses=()
  while :; do
    ready=""
    for i in $(seq 0 $((NODES - 1))); do
      code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:${node_ports[$i]}/health/ready" 2>/dev/null || true)"
      case "$code" in
        200) misses[$i]=0; ready+="$i " ;;
        503) misses[$i]=2 ;;
        *) misses[$i]=$(( ${misses[$i]:-0} + 1 )); [ "${misses[$i]}" -ge 2 ] || { [[ " $current" == *" $i "* ]] && ready+="$i "; } ;;
      esac
    done
    if [ "$ready" != "$current" ]; then
      upstream_for $ready >"$work/nginx/upstream.conf"
      kill -HUP "$(cat "$work/nginx.pid")"
      echo "$(date +%s%3N) ${ready:-none}" >>"$work/front-changes.txt"
      current="$ready"
    fi
    sleep 0.25
  done
}
watch_front &
watcher_pid=$!
in_front() { tail -n1 "$work/front-changes.txt" 2>/dev/null | grep -qw "$1"; }
for _ in $(seq 1 40); do in_front 2 && in_front 0 && break; sleep 0.25; done
log "front on 127.0.0.1:$front_port over the ready nodes"

# ---- a customer -----------------------------------------------------------------------------
front() { curl -sS --max-time 60 "http://127.0.0.1:$front_port$@"; }
password="correct horse battery staple"
front /api/auth/register -H 'content-type: application/json' \
  -d "{\"email\":\"ada@example.test\",\"password\":\"$password\",\"username\":\"ada\",\"displayName\":\"Ada\"}" >/dev/null
front /api/auth/login -H 'content-type: application/json' -d "{\"email\":\"ada@example.test\",\"password\":\"$password\"}" \
  | json_get 'd["token"]' >"$work/token"

# ---- the load, then each node restarted in turn -----------------------------------------------
java -jar "$jar" bench rolling -- --url "http://127.0.0.1:$front_port" --token-file "$work/token" \
  --stop-file "$work/stop" --operations-out "$work/operations.txt" --consoles "$CONSOLES" \
  --create-every-ms "$CREATE_EVERY_MS" >"$work/load.json" 2>"$work/load.log" &
load_pid=$!; pids+=($load_pid)
for _ in $(seq 1 600); do grep -q "load begins" "$work/load.log" 2>/dev/null && break
  kill -0 "$load_pid" 2>/dev/null || { tail -n 20 "$work/load.log"; fail "the load client exited early"; exit 1; }; sleep 0.2; done
log "load running (consoles held); restarting each node in turn"
sleep 3

drains=()
for i in $(seq 0 $((NODES - 1))); do
  owner="$(redis_cmd GET "$LEASE_KEY")"
  t0=$(date +%s%3N)
  kill -TERM "${node_pids[$i]}"
  handover=""
  if [[ "$owner" == *":${node_ports[$i]}/"* ]]; then  # this node held the operations lease
    while [ -z "$handover" ] && [ $(( $(date +%s%3N) - t0 )) -lt 20000 ]; do
      v="$(redis_cmd GET "$LEASE_KEY" || true)"
      [ -n "$v" ] && [ "$v" != "$owner" ] && handover=$(( $(date +%s%3N) - t0 ))
      sleep 0.05
    done
  fi
  rc=0; wait "${node_pids[$i]}" || rc=$?
  stopped_ms=$(( $(date +%s%3N) - t0 ))
  [ "$rc" -eq 0 ] || fail "node $i exited $rc after SIGTERM"
  [ "$stopped_ms" -le $((DRAIN_LIMIT_S * 1000)) ] || fail "node $i took $stopped_ms ms to drain and stop (limit ${DRAIN_LIMIT_S} s)"
  start_node "$i" 1
  await_ready "$i" 1 || { fail "node $i did not come back"; break; }
  for _ in $(seq 1 40); do in_front "$i" && break; sleep 0.25; done
  back_ms=$(( $(date +%s%3N) - t0 ))
  drains+=("node $i: exited 0 after ${stopped_ms} ms, ready and in the front after ${back_ms} ms${handover:+, operations lease handed over in ${handover} ms}")
  log "${drains[-1]}"
  sleep 3                          # the restarted node takes traffic before the next one drains
done

touch "$work/stop"
log "restarts done; the load waits for its operations to end"
rc=0; wait "$load_pid" || rc=$?
[ "$rc" -eq 0 ] && [ -s "$work/load.json" ] || { tail -n 30 "$work/load.log"; fail "the load client failed ($rc)"; exit 1; }
load="$(tail -n1 "$work/load.json")"

# ---- checks ---------------------------------------------------------------------------------
verdict="$(python3 - <<PY
import json
d = json.loads('''$load''')
r, o, c, e = d["requests"], d["operations"], d["consoles"], d["events"]
bad = []
if r["failed"]: bad.append("%d of %d requests failed: %s" % (r["failed"], r["sent"], r["failures"][:5]))
if o["ended"] != o["started"] or o["succeeded"] != o["started"]:
    bad.append("operations: %d started, %d ended, %d succeeded" % (o["started"], o["ended"], o["succeeded"]))
# consoles and the events socket: closed only by the drains (1012). The load reads the events
# socket promptly, so a 1013 (slow consumer) here is a failure: it is kept for readers that stay behind
for name, s in (("consoles", c), ("events socket", e)):
    if s["upAtEnd"] != s["held"] or s["otherCloses"] or s["reconnected"] < 1:
        bad.append("%s: %s" % (name, json.dumps(s)))
print("requests: %d sent (%s), %d failed" % (r["sent"], ", ".join("%s %d" % kv for kv in r["byOutcome"].items()), r["failed"]))
print("operations: %d started, %d ended, %d succeeded" % (o["started"], o["ended"], o["succeeded"]))
print("consoles: %d held, %d closed with 1012, %d reconnections, %d connect failures, longest reconnection %d ms, %d up at the end"
      % (c["held"], c["closedWith1012"], c["reconnected"], c["connectFailures"], c["maxReconnectMs"], c["upAtEnd"]))
print("events socket: %d closed with 1012, other closes %s, %d reconnections, longest %d ms"
      % (e["closedWith1012"], json.dumps(e["otherCloses"]), e["reconnected"], e["maxReconnectMs"]))
print("load: %.1f s under load" % d["loadSeconds"])
for b in bad: print("BAD " + b)
PY
)"
printf '%s\n' "$verdict" | grep -v '^BAD ' | sed 's/^/  /'
while IFS= read -r line; do fail "${line#BAD }"; done < <(grep '^BAD ' <<<"$verdict" || true)

java -jar "$jar" events export --out "$work/events.ndjson" --data-dir "$work/cli" >/dev/null 2>"$work/export.log" \
  || { fail "zlh events export failed: $(tail -n1 "$work/export.log")"; exit 1; }
endings="$(python3 - "$work/events.ndjson" "$work/operations.txt" <<'PY'
import json, sys
ops = open(sys.argv[2]).read().split()
ends = {op: [] for op in ops}
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e.get("type") in ("server.ready", "server.provisioning-failed") and e["payload"].get("operationId") in ends:
        ends[e["payload"]["operationId"]].append(e["type"])
bad = {op: t for op, t in ends.items() if t != ["server.ready"]}
for op, t in list(bad.items())[:10]: print("operation %s ended with %s" % (op, t or "nothing"))
print("OK %d" % len(ops) if not bad else "BAD %d" % len(bad))
PY
)"
if [[ "$(tail -n1 <<<"$endings")" == OK* ]]; then
  log "log: each of the $(tail -n1 <<<"$endings" | cut -d' ' -f2) operations has exactly one ending event, server.ready"
else
  fail "log endings wrong: $(tr '\n' ';' <<<"$endings")"
fi

echo
printf '%s\n' "${drains[@]}"
echo "front changes: $(wc -l <"$work/front-changes.txt") (ready sets: $(cut -d' ' -f2- "$work/front-changes.txt" | tr '\n' '|'))"
echo "total $(( $(date +%s) - started_at )) s"
if [ ${#failures[@]} -eq 0 ]; then
  echo "PASS"
else
  printf ' - %s\n' "${failures[@]}"
  echo "FAIL"
  exit 1
fi
