#!/usr/bin/env bash
# Three nodes of the same jar on loopback sharing one PostgreSQL and one Redis (`zlh services`)
# and one set of outside systems (`zlh simulators`, reached with infra.mode=proxmox):
#   1. N game servers are created through the API (round robin over the nodes);
#   2. while provisioning is in flight, the node holding the operations lease
#      (Redis zlh:lease:server-operations, value "<host>:<http port>/worker-…") gets SIGKILL;
#   3. once another node took over, Redis is flushed (FLUSHALL) with provisioning still in flight;
#   4. then, once every operation ended, it checks:
#      - each operation has exactly one ending event in the log (`zlh events export`), a success;
#      - the Proxmox simulator holds exactly one container per server (no duplicate clone);
#      - the lease moved to another node within its TTL plus one acquisition pass;
#      - every server is running, as any surviving node's API tells;
#   5. `zlh smoke` runs against a surviving node (game and dev lifecycles, security checks).
# The controller's lease (zlh:lease:controller, GET /api/admin/controller) is reported when present.
# Usage: deploy/multinode/three-nodes.sh [--servers N] [--jar PATH] [--keep]   (needs java, curl, python3, openssl)
# Last line: PASS or FAIL; exit 1 on failure. All processes it started are stopped on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/verticles/target/zlh-platform.jar"
servers=20
keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --servers) servers="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --keep) keep=true; shift ;;   # keep the work directory (logs) after a pass too
    *) echo "usage: $0 [--servers N] [--jar PATH] [--keep]" >&2; exit 2 ;;
  esac
done
for tool in java curl python3 openssl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing required tool: $tool" >&2; exit 2; }
done
[ -f "$jar" ] || { echo "no $jar: build it first (./mvnw -B -ntp -pl verticles/dist -am package -DskipTests)" >&2; exit 2; }

LEASE_KEY="zlh:lease:server-operations"
CONTROLLER_KEY="zlh:lease:controller"
LEASE_TTL_S=10                  # OperationsWorker.LEASE_TTL
TAKEOVER_LIMIT_S=15             # TTL + one acquisition pass (TTL/3) + slack
CONTROLLER_TTL_S=6              # controller.leaseTtlMs for this run
CONTROLLER_PASS_S=5             # controller.passIntervalMs for this run
CONTROLLER_LIMIT_S=$((CONTROLLER_TTL_S + CONTROLLER_PASS_S + 3))  # new leader and its first pass
SIM_TASK_MS=300                 # each simulated Proxmox task: provisioning stays in flight a while
CONCURRENCY=2
FLUSHES=3                       # FLUSHALLs while provisioning is in flight

work="$(mktemp -d "${TMPDIR:-/tmp}/zlh-three-nodes.XXXXXX")"
pids=()                         # every process started here, stopped on exit
node_pids=()
node_ports=()
node_proxy_ports=()
failures=()
started_at=$(date +%s)

log() { printf '[%3ds] %s\n' "$(( $(date +%s) - started_at ))" "$*"; }
fail() { failures+=("$*"); log "FAIL: $*"; }

stop_all() {
  local rc=$?
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "$rc" -ne 0 ] || [ "$keep" = true ]; then
    echo "logs kept in $work"
  else
    rm -rf "$work"
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# shellcheck source=../lib/shared-services.sh
source "$root/deploy/lib/shared-services.sh"

# The node index (0-based) whose HTTP port names the lease's owner, or -1.
holder_index() {
  local owner="$1" i
  for i in "${!node_ports[@]}"; do
    case "$owner" in *":${node_ports[$i]}/"*) echo "$i"; return ;; esac
  done
  echo -1
}

api() { # api NODE_INDEX METHOD PATH [curl args...]
  local i="$1" method="$2" path="$3"; shift 3
  curl -sS --max-time 10 -X "$method" "http://127.0.0.1:${node_ports[$i]}$path" "$@"
}

alive_node() { # first node still running
  local i
  for i in "${!node_pids[@]}"; do kill -0 "${node_pids[$i]}" 2>/dev/null && { echo "$i"; return; }; done
  echo 0
}

# ---- shared services and outside systems ---------------------------------------------------
start_shared_services
export ZLH_SERVERS_WORKER_CONCURRENCY=$CONCURRENCY
export ZLH_SERVERS_STARTER_SERVER_LIMIT=$((servers + 5))
export ZLH_CONTROLLER_LEASE_TTL_MS=$((CONTROLLER_TTL_S * 1000))
export ZLH_CONTROLLER_PASS_INTERVAL_MS=$((CONTROLLER_PASS_S * 1000))
export ZLH_MONITORING_SD_TOKEN="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
# audit exports need a signing key; `zlh smoke` reads the teardown's recorded checks through one
openssl genpkey -algorithm ed25519 -out "$work/audit-key.pem" 2>/dev/null
export ZLH_BILLING_AUDIT_KEY_PATH="$work/audit-key.pem"
log "PostgreSQL localhost:$ZLH_DB_PORT, Redis 127.0.0.1:$redis_port, Proxmox $ZLH_INFRA_PROXMOX_URL"

# ---- three nodes ----------------------------------------------------------------------------
start_node() {
  local i="$1" port proxy
  port="$(free_port)"; proxy="$(free_port)"
  ZLH_PROXY_PORT="$proxy" java -jar "$jar" run --http-port "$port" --data-dir "$work/node$i" \
    >"$work/node$i.out" 2>"$work/node$i.log" &
  pids+=($!); node_pids[$i]=$!; node_ports[$i]=$port; node_proxy_ports[$i]=$proxy
}
await_ready() {
  local i="$1"
  for _ in $(seq 1 600); do
    curl -sf --max-time 2 "http://127.0.0.1:${node_ports[$i]}/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "${node_pids[$i]}" 2>/dev/null || { echo "node $i exited:" >&2; tail -n 30 "$work/node$i.log" >&2; return 1; }
    sleep 0.2
  done
  echo "node $i not ready in 120 s" >&2; return 1
}
# The first node migrates the schema alone; the other two then start side by side.
start_node 0; await_ready 0
start_node 1; start_node 2; await_ready 1; await_ready 2
log "nodes ready on HTTP ports ${node_ports[*]} (pids ${node_pids[*]})"

# ---- a customer and an administrator ----------------------------------------------------------
password="correct horse battery staple"
printf '%s\n' "$password" >"$work/admin-password"
java -jar "$jar" admin create --email admin@example.test --username opsadmin --display-name Ops \
  --password-file "$work/admin-password" --data-dir "$work/cli" >"$work/admin.log" 2>&1
api 0 POST /api/auth/register -H 'content-type: application/json' \
  -d "{\"email\":\"ada@example.test\",\"password\":\"$password\",\"username\":\"ada\",\"displayName\":\"Ada\"}" >/dev/null
login() { api 0 POST /api/auth/login -H 'content-type: application/json' \
  -d "{\"email\":\"$1\",\"password\":\"$password\"}" | json_get 'd["token"]'; }
token="$(login ada@example.test)"
admin_token="$(login admin@example.test)"

controller_leader() { # the controller's leader, when a controller runs (issue #9's other half)
  local i body
  i="$(alive_node)"
  body="$(api "$i" GET /api/admin/controller -H "Authorization: Bearer $admin_token" -w '\n%{http_code}' 2>/dev/null || true)"
  if [ "$(tail -n1 <<<"$body")" = 200 ]; then
    head -n -1 <<<"$body" | json_get 'd.get("leader") or d' 2>/dev/null || echo "(unreadable)"
  else
    local v; v="$(redis_cmd GET "$CONTROLLER_KEY")"
    echo "${v:-(no controller)}"
  fi
}

# ---- N creates, round robin over the nodes ------------------------------------------------------
# In parallel, so provisioning is still young when the last create is accepted.
# Creates of one account race on its quota: a 409 says "retry". Retrying (also after a timeout
# on a loaded machine) is safe with the same Idempotency-Key: a replay answers the same operation.
create() {
  local n="$1" i=$(( ($1 - 1) % 3 )) attempt
  for attempt in 1 2 3 4 5 6; do
    api "$i" POST /api/instances --max-time 30 -H "Authorization: Bearer $token" -H "Idempotency-Key: multinode-$n" \
      -H 'content-type: application/json' -d "{\"type\":\"game\",\"name\":\"mn$n\",\"variant\":\"vanilla\",\"plan\":\"game-2g\"}" \
      >"$work/create-$n.json" 2>&1 || true
    grep -q '"operationId"' "$work/create-$n.json" && return 0
    grep -q '"status":409' "$work/create-$n.json" || grep -q '^curl: (28)' "$work/create-$n.json" || return 0
    echo "$n" >>"$work/create-retries.txt"
    sleep "0.$((RANDOM % 5 + 1))"
  done
}
create_pids=()
for n in $(seq 1 "$servers"); do create "$n" & create_pids+=($!); done
wait "${create_pids[@]}"
python3 - "$work" "$servers" >"$work/operations.txt" <<'PY' || { fail "a create was refused: $(cat "$work/operations.txt")"; exit 1; }
import json, sys
work, n = sys.argv[1], int(sys.argv[2])
for i in range(1, n + 1):
    text = open("%s/create-%d.json" % (work, i)).read()
    try:
        print(json.loads(text)["operationId"])
    except Exception:
        print("mn%d: %s" % (i, text))
        sys.exit(1)
PY
log "$servers creates accepted ($(cat "$work/create-retries.txt" 2>/dev/null | wc -l) retried after a 409 or a timeout)"

# Counts: "<ended> <succeeded>" over our operations, from any node's API ("0 0" if none answers).
progress() {
  local attempt out
  for attempt in 1 2 3 4 5; do
    out="$(progress_once 2>/dev/null || true)"
    [ -n "$out" ] && { echo "$out"; return 0; }
    sleep 0.5
  done
  echo "0 0"
}
progress_once() {
  local i; i="$(alive_node)"
  api "$i" GET "/api/servers?limit=100" -H "Authorization: Bearer $token" | python3 -c '
import sys, json
ops = set(open(sys.argv[1]).read().split())
ended = ok = 0
for s in json.load(sys.stdin)["servers"]:
    op = s.get("operation") or {}
    if op.get("operationId") in ops and op.get("status") in ("succeeded", "failed"):
        ended += 1
        ok += op.get("status") == "succeeded"
print(ended, ok)' "$work/operations.txt"
}
wait_until_ended_at_least() { # wait_until_ended_at_least K SECONDS
  local want="$1" deadline=$(( $(date +%s) + $2 )) ended
  while :; do
    read -r ended _ <<<"$(progress)"
    [ "$ended" -ge "$want" ] && { echo "$ended"; return 0; }
    [ "$(date +%s)" -ge "$deadline" ] && { echo "$ended"; return 1; }
    sleep 0.2
  done
}

# ---- SIGKILL the lease holder while provisioning is in flight ---------------------------------
ended="$(wait_until_ended_at_least 2 60)" || { fail "provisioning did not start (ended: $ended)"; exit 1; }
owner="$(redis_cmd GET "$LEASE_KEY")"
victim="$(holder_index "$owner")"
[ "$victim" -ge 0 ] || { fail "lease owner '$owner' names none of the nodes"; exit 1; }
controller_before="$(controller_leader)"
read -r ended _ <<<"$(progress)"
{ kill -KILL "${node_pids[$victim]}"; wait "${node_pids[$victim]}"; } 2>/dev/null || true
killed_at_ms=$(date +%s%3N)
log "SIGKILL node $victim (port ${node_ports[$victim]}, lease owner $owner) with $ended of $servers ended"
[ "$ended" -lt "$servers" ] || fail "every operation had ended before the kill: nothing was in flight"

new_owner=""
while :; do
  v="$(redis_cmd GET "$LEASE_KEY" || true)"
  if [ -n "$v" ] && [ "$v" != "$owner" ]; then new_owner="$v"; break; fi
  [ $(( $(date +%s%3N) - killed_at_ms )) -gt $(( (TAKEOVER_LIMIT_S + 20) * 1000 )) ] && break
  sleep 0.1
done
takeover_ms=$(( $(date +%s%3N) - killed_at_ms ))
if [ -z "$new_owner" ]; then
  fail "no node took the operations lease over in $((TAKEOVER_LIMIT_S + 20)) s"
else
  log "lease taken over by $new_owner (node $(holder_index "$new_owner")) after $takeover_ms ms"
  [ "$takeover_ms" -le $((TAKEOVER_LIMIT_S * 1000)) ] \
    || fail "takeover took $takeover_ms ms, more than ${TAKEOVER_LIMIT_S} s (lease TTL ${LEASE_TTL_S} s + one pass)"
  [ "$(holder_index "$new_owner")" != "$victim" ] || fail "the killed node still holds the lease"
fi
controller_after="$(controller_leader)"

# ---- the controller leader SIGKILLed too (if another node led it): a new leader and its pass ----
controller_takeover_ms=""
c_owner="$(redis_cmd GET "$CONTROLLER_KEY" || true)"
c_victim="$(holder_index "$c_owner")"
if [ "$c_victim" -lt 0 ]; then
  fail "controller lease owner '$c_owner' names none of the nodes"
else
  if [ "$c_victim" != "$victim" ]; then
    { kill -KILL "${node_pids[$c_victim]}"; wait "${node_pids[$c_victim]}"; } 2>/dev/null || true
    log "SIGKILL node $c_victim (port ${node_ports[$c_victim]}), the controller leader $c_owner"
    c_killed_ms=$(date +%s%3N)
  else
    c_killed_ms=$killed_at_ms      # the first victim led the controller as well
  fi
  c_new=""
  while :; do
    body="$(api "$(alive_node)" GET /api/admin/controller -H "Authorization: Bearer $admin_token" 2>/dev/null || true)"
    c_new="$(python3 -c '
import sys, json, re, datetime
d = json.load(sys.stdin)
killed = datetime.datetime.fromtimestamp(int(sys.argv[1]) / 1000, datetime.timezone.utc)
lp = d.get("lastPass") or {}
at = re.sub(r"(\.\d{6})\d*", r"\1", lp.get("startedAt") or "").replace("Z", "+00:00")
ok = d.get("leader") and lp.get("leader") == d["leader"] and "error" not in lp and at \
    and datetime.datetime.fromisoformat(at) > killed
print(d["leader"] if ok else "")' "$c_killed_ms" <<<"$body" 2>/dev/null || true)"
    [ -n "$c_new" ] && [ "$c_new" != "$c_owner" ] && break
    [ $(( $(date +%s%3N) - c_killed_ms )) -gt $(( (CONTROLLER_LIMIT_S + 20) * 1000 )) ] && break
    sleep 0.2
  done
  controller_takeover_ms=$(( $(date +%s%3N) - c_killed_ms ))
  if [ -z "$c_new" ] || [ "$c_new" = "$c_owner" ]; then
    fail "no new controller leader finished a pass within $((CONTROLLER_LIMIT_S + 20)) s"
  else
    log "controller led by $c_new (node $(holder_index "$c_new")), first pass done $controller_takeover_ms ms after the kill"
    [ "$controller_takeover_ms" -le $((CONTROLLER_LIMIT_S * 1000)) ] \
      || fail "controller takeover took $controller_takeover_ms ms, more than ${CONTROLLER_LIMIT_S} s (TTL ${CONTROLLER_TTL_S} s + one pass)"
  fi
fi

# ---- FLUSHALL with provisioning still in flight ----------------------------------------------
# Each flush is a race for the lease between the holder's next renewal and the other nodes'
# next attempt; several flushes make it likely that the work moves at least once that way too.
sleep 1                          # the new holder is at work again
flush_holders=()
for round in $(seq 1 "$FLUSHES"); do
  read -r ended _ <<<"$(progress)"
  [ "$ended" -lt "$servers" ] || { [ "$round" -gt 1 ] && break; }
  flush_reply="$(redis_cmd FLUSHALL)"
  log "FLUSHALL #$round ($flush_reply) with $ended of $servers ended"
  [ "$flush_reply" = OK ] || fail "FLUSHALL answered '$flush_reply'"
  [ "$round" -gt 1 ] || [ "$ended" -lt "$servers" ] || fail "every operation had ended before FLUSHALL: nothing was in flight"
  holder=""
  for _ in $(seq 1 60); do holder="$(redis_cmd GET "$LEASE_KEY" || true)"; [ -n "$holder" ] && break; sleep 0.1; done
  flush_holders+=("node $(holder_index "$holder")")
  log "lease after FLUSHALL #$round: ${holder:-(none within 6 s)}"
  sleep 1
done

# ---- every operation ends -----------------------------------------------------------------
if ! ended="$(wait_until_ended_at_least "$servers" 90)"; then
  fail "only $ended of $servers operations ended within 90 s after FLUSHALL"
fi
read -r ended succeeded <<<"$(progress)"
log "$ended of $servers operations ended, $succeeded succeeded; lease now $(redis_cmd GET "$LEASE_KEY")"
[ "$succeeded" -eq "$servers" ] || fail "$((servers - succeeded)) operations did not succeed"

# ---- exactly one ending event per operation, from the log itself ----------------------------
java -jar "$jar" events export --out "$work/events.ndjson" --data-dir "$work/cli" >/dev/null 2>"$work/export.log" \
  || { fail "zlh events export failed: $(tail -n1 "$work/export.log")"; exit 1; }
endings="$(python3 - "$work/events.ndjson" "$work/operations.txt" <<'PY'
import json, sys
ops = open(sys.argv[2]).read().split()
ends = {op: [] for op in ops}
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e.get("type") not in ("server.ready", "server.provisioning-failed"):
        continue
    op = e["payload"].get("operationId")
    if op in ends:
        ends[op].append(e["type"])
bad = {op: t for op, t in ends.items() if t != ["server.ready"]}
for op, t in list(bad.items())[:10]:
    print("operation %s ended with %s" % (op, t or "nothing"))
print("OK" if not bad else "BAD %d" % len(bad))
PY
)"
if [ "$(tail -n1 <<<"$endings")" = OK ]; then
  log "log: every operation has exactly one ending event, server.ready"
else
  fail "log endings wrong: $(tr '\n' ';' <<<"$endings")"
fi

# ---- one container per server in the Proxmox simulator ------------------------------------
containers="$(curl -sS --max-time 10 -H "Authorization: PVEAPIToken=${ZLH_INFRA_PROXMOX_TOKEN_ID}=${ZLH_INFRA_PROXMOX_TOKEN_SECRET}" \
  "$ZLH_INFRA_PROXMOX_URL/cluster/resources?type=vm" | python3 -c '
import sys, json, collections
n = int(sys.argv[1])
cts = [r for r in json.load(sys.stdin)["data"] if r.get("type") == "lxc" and not r.get("template")]
per = collections.Counter(r["name"].rsplit("-", 1)[0] for r in cts)
dups = {k: v for k, v in per.items() if v > 1}
missing = ["mn%d" % i for i in range(1, n + 1) if per["mn%d" % i] == 0]
print("%d containers%s%s" % (len(cts), "; duplicated: %s" % dups if dups else "", "; missing: %s" % missing if missing else ""))
print("OK" if len(cts) == n and not dups and not missing else "BAD")' "$servers")"
if [ "$(tail -n1 <<<"$containers")" = OK ]; then
  log "Proxmox simulator: $(head -n1 <<<"$containers"), one per server"
else
  fail "Proxmox simulator: $(head -n1 <<<"$containers")"
fi

# ---- zlh smoke against a surviving node ------------------------------------------------------
# The agent check needs where agents listen: the simulators give containers 127.<octet>.<vmid/256>.<vmid%256>.
smoke_node="$(alive_node)"
printf '%s' "$admin_token" >"$work/admin-token"
octet="$(curl -sS --max-time 10 -H "Authorization: PVEAPIToken=${ZLH_INFRA_PROXMOX_TOKEN_ID}=${ZLH_INFRA_PROXMOX_TOKEN_SECRET}" \
  "$ZLH_INFRA_PROXMOX_URL/cluster/resources?type=vm" | python3 -c '
import sys, json
cts = [c for c in json.load(sys.stdin)["data"] if c.get("type") == "lxc" and not c.get("template")]
print(cts[0]["vmid"] if cts else "")' 2>/dev/null || true)"
if [ -n "$octet" ]; then
  octet="$(curl -sS --max-time 10 -H "Authorization: PVEAPIToken=${ZLH_INFRA_PROXMOX_TOKEN_ID}=${ZLH_INFRA_PROXMOX_TOKEN_SECRET}" \
    "$ZLH_INFRA_PROXMOX_URL/nodes/$ZLH_INFRA_PROXMOX_NODE/lxc/$octet/config" \
    | python3 -c 'import sys, json, re; print(re.search(r"ip=127\.(\d+)\.", json.load(sys.stdin)["data"]["net0"]).group(1))' 2>/dev/null || true)"
fi
agent_args=()
[ -n "$octet" ] && agent_args=(--agent-url "http://127.$octet.{vmid/256}.{vmid%256}:$(json_get 'd["infra"]["agentPort"]' <<<"$sims")")
log "zlh smoke against node $smoke_node (port ${node_ports[$smoke_node]}, dev hosts ${node_proxy_ports[$smoke_node]})"
if java -jar "$jar" smoke --url "http://127.0.0.1:${node_ports[$smoke_node]}" --admin-token-file "$work/admin-token" \
    "${agent_args[@]}" >"$work/smoke.txt" 2>"$work/smoke.log"; then
  sed 's/^/  /' "$work/smoke.txt"
  log "zlh smoke: $(tail -n1 "$work/smoke.txt")"
else
  sed 's/^/  /' "$work/smoke.txt"
  fail "zlh smoke: $(tail -n1 "$work/smoke.txt")"
fi

# ---- summary --------------------------------------------------------------------------------
echo
echo "three nodes, $servers servers: killed node $victim (SIGKILL) as lease holder; takeover ${takeover_ms} ms (limit ${TAKEOVER_LIMIT_S} s); FLUSHALL mid-run"
echo "operations lease after each FLUSHALL: ${flush_holders[*]}"
echo "controller leader before kill: $controller_before; after: $controller_after; new leader's first pass ${controller_takeover_ms} ms after its leader's kill (limit ${CONTROLLER_LIMIT_S} s)"
echo "total $(( $(date +%s) - started_at )) s"
if [ ${#failures[@]} -eq 0 ]; then
  echo "PASS"
else
  printf ' - %s\n' "${failures[@]}"
  echo "FAIL"
  exit 1
fi
