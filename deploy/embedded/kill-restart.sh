#!/usr/bin/env bash
# One node with the embedded defaults (`zlh run`: embedded PostgreSQL and Redis in the data
# directory), killed with SIGKILL mid-provisioning, twice. The outside systems are `zlh
# simulators` in a process of their own (infra.mode=proxmox), which outlives the node as a real
# Proxmox would: in-process simulators would forget the containers in flight with the node.
#   1. N game servers are created through the API; while their provisioning is in flight the
#      node's JVM gets SIGKILL. Within WATCH_LIMIT_S no PostgreSQL or Redis of the data directory
#      is left running (their watches stopped them).
#   2. `zlh run` again on the same data directory: /health/ready answers 200 within READY_LIMIT_S
#      (30 s; on a machine so loaded that the clean start took longer than 15 s, twice the clean
#      start: the bug this guards against, a 60 s wait and exit 1, fails either way), on the
#      first try. A second `zlh run` on that data directory, while the first lives, is
#      refused at once (exit 1, "in use") and leaves the running node alone.
#   3. N more creates; SIGKILL again, this time with the watches killed too, so PostgreSQL and
#      Redis are left running as by a node whose watch could not act. The next start stops
#      them itself and is ready within READY_LIMIT_S on the first try.
#   4. Every create is re-sent with its Idempotency-Key (a client retrying after the crash) and
#      answers the operation it started, then every operation ends: each has exactly one
#      ending event in the log (`zlh events export`), and the API shows it ended.
# Usage: deploy/embedded/kill-restart.sh [--servers N] [--jar PATH] [--keep]   (needs java, curl, python3)
# Last line: PASS or FAIL; exit 1 on failure. Every process it started is stopped on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/verticles/target/zlh-platform.jar"
servers=6
keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --servers) servers="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --keep) keep=true; shift ;;   # keep the work directory (logs) after a pass too
    *) echo "usage: $0 [--servers N] [--jar PATH] [--keep]" >&2; exit 2 ;;
  esac
done
for tool in java curl python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing required tool: $tool" >&2; exit 2; }
done
[ -f "$jar" ] || { echo "no $jar: build it first (./mvnw -B -ntp -pl verticles/dist -am package -DskipTests)" >&2; exit 2; }

READY_LIMIT_S=${READY_LIMIT_S:-30}  # a restart after SIGKILL is ready as fast as a clean start
WATCH_LIMIT_S=5                 # the embedded servers stop this soon after their node's SIGKILL
REFUSE_LIMIT_S=3                # a second node on a live data directory gives up this soon after its start began
SIM_TASK_MS=400                 # each simulated Proxmox task: provisioning stays in flight a while

work="$(mktemp -d "${TMPDIR:-/tmp}/zlh-kill-restart.XXXXXX")"
data="$work/data"
node_pid=""
sims_pid=""
failures=()
started_at=$(date +%s)

log() { printf '[%3ds] %s\n' "$(( $(date +%s) - started_at ))" "$*"; }
fail() { failures+=("$*"); log "FAIL: $*"; }

# The processes of the data directory: its PostgreSQL, its Redis, their watches ("pid args" lines).
leftovers() {
  local rport; rport="$(cat "$data/embedded-redis.port" 2>/dev/null || echo none)"
  ps -eo pid=,args= | awk -v pg="-D $data/postgres " -v rd="127.0.0.1:$rport" -v dd="$data/" '
    index($0, "awk ") { next }
    index($0, pg) || (index($0, "redis-server") && $NF == rd) || (index($0, "zlh-embedded-watch") && index($0, dd))'
}

stop_all() {
  local rc=$?
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then
    kill -TERM "$node_pid" 2>/dev/null || true
    for _ in $(seq 1 75); do kill -0 "$node_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$node_pid" 2>/dev/null || true
  fi
  [ -n "$sims_pid" ] && kill -TERM "$sims_pid" 2>/dev/null && wait "$sims_pid" 2>/dev/null || true
  # Whatever a failed run left of this data directory (processes of this work directory only).
  sleep 1
  leftovers | awk '{print $1}' | while read -r pid; do kill -TERM "$pid" 2>/dev/null || true; done
  if [ "$rc" -ne 0 ] || [ "$keep" = true ]; then
    echo "logs kept in $work"
  else
    rm -rf "$work"
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
json_get() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }
now_ms() { date +%s%3N; }

secret() { python3 -c 'import secrets; print(secrets.token_hex(24))'; }

# ---- the outside systems, in a process of their own ------------------------------------------
log "work directory $work"
export ZLH_LOG_JSON=false
export ZLH_INFRA_PROXMOX_TOKEN_ID='zlh@pve!control'
export ZLH_INFRA_PROXMOX_TOKEN_SECRET="$(secret)"
export ZLH_INFRA_CLOUDFLARE_TOKEN="$(secret)"
export ZLH_INFRA_VELOCITY_TOKEN="$(secret)"
export ZLH_INFRA_SIM_TASK_DURATION_MS=$SIM_TASK_MS
export ZLH_INFRA_AGENT_PORT="$(free_port)"
java -jar "$jar" simulators --data-dir "$work/simulators" >"$work/simulators.json" 2>"$work/simulators.log" &
sims_pid=$!
for _ in $(seq 1 600); do
  [ -s "$work/simulators.json" ] && head -n1 "$work/simulators.json" | grep -q '}$' && break
  kill -0 "$sims_pid" 2>/dev/null || { tail -n 20 "$work/simulators.log" >&2; fail "zlh simulators exited"; exit 1; }
  sleep 0.2
done
sims="$(head -n1 "$work/simulators.json")"
export ZLH_INFRA_MODE=proxmox
export ZLH_INFRA_PROXMOX_URL="$(json_get 'd["infra"]["proxmoxUrl"]' <<<"$sims")"
export ZLH_INFRA_PROXMOX_NODE="$(json_get 'd["infra"]["proxmoxNode"]' <<<"$sims")"
export ZLH_INFRA_CLOUDFLARE_API_BASE="$(json_get 'd["infra"]["cloudflareApiBase"]' <<<"$sims")"
export ZLH_INFRA_CLOUDFLARE_ZONE_ID="$(json_get 'd["infra"]["cloudflareZoneId"]' <<<"$sims")"
export ZLH_INFRA_VELOCITY_URL="$(json_get 'd["infra"]["velocityUrl"]' <<<"$sims")"
export ZLH_SERVERS_PLATFORM_SECRET="$(secret)"     # the same for every start: the agents keep trusting it
export ZLH_SERVERS_WORKER_CONCURRENCY=2
export ZLH_SERVERS_STARTER_SERVER_LIMIT=$((2 * servers + 5))
export ZLH_MONITORING_SD_TOKEN="$(secret)"
export ZLH_PROXY_PORT="$(free_port)"
http_port="$(free_port)"
api() { # api METHOD PATH [curl args...]
  local method="$1" path="$2"; shift 2
  curl -sS --max-time 10 -X "$method" "http://127.0.0.1:$http_port$path" "$@"
}

# Starts `zlh run` on the data directory; sets ready_ms to the milliseconds until /health/ready
# said 200, or fails when the process exits first or limit_ms passes (no second try).
limit_ms=120000                 # the clean start is not under test
run_count=0
ready_ms=""
kill_watches_first=false
start_node() {
  run_count=$((run_count + 1))
  local t0 code
  t0=$(now_ms)
  java -jar "$jar" run --http-port "$http_port" --data-dir "$data" >"$work/run$run_count.out" 2>"$work/run$run_count.log" &
  node_pid=$!
  while :; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$http_port/health/ready" || true)"
    [ "$code" = 200 ] && { ready_ms=$(( $(now_ms) - t0 )); return 0; }
    kill -0 "$node_pid" 2>/dev/null || { echo "start $run_count exited:" >&2; tail -n 5 "$work/run$run_count.log" >&2; return 1; }
    [ $(( $(now_ms) - t0 )) -gt "$limit_ms" ] && { echo "not ready in $limit_ms ms" >&2; return 1; }
    sleep 0.2
  done
}

# ---- a first, clean start -------------------------------------------------------------------
start_node || { fail "the first start failed"; exit 1; }
clean_ms=$ready_ms
limit_ms=$((READY_LIMIT_S * 1000))
if [ $((clean_ms * 2)) -gt "$limit_ms" ]; then
  limit_ms=$((clean_ms * 2))
  log "clean start ready in $clean_ms ms (pid $node_pid, HTTP $http_port): machine loaded ($(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)), restarts may take up to $limit_ms ms"
else
  log "clean start ready in $clean_ms ms (pid $node_pid, HTTP $http_port)"
fi

password="correct horse battery staple"
api POST /api/auth/register -H 'content-type: application/json' \
  -d "{\"email\":\"ada@example.test\",\"password\":\"$password\",\"username\":\"ada\",\"displayName\":\"Ada\"}" >/dev/null
login() { api POST /api/auth/login -H 'content-type: application/json' \
  -d "{\"email\":\"ada@example.test\",\"password\":\"$password\"}" | json_get 'd["token"]'; }
token="$(login)"

# One create; its answer (or curl's error, when the node died under it) in create-N.json.
create() {
  local n="$1"
  api POST /api/instances -H "Authorization: Bearer $token" -H "Idempotency-Key: kill-restart-$n" \
    -H 'content-type: application/json' -d "{\"type\":\"game\",\"name\":\"kr$n\",\"variant\":\"vanilla\",\"plan\":\"game-2g\"}" \
    >"$work/create-$n.json" 2>&1 || true
}
# Servers of ours whose operation ended (succeeded or failed), per the API.
ended_count() {
  api GET "/api/servers?limit=100" -H "Authorization: Bearer $token" 2>/dev/null | python3 -c '
import sys, json
print(sum(1 for s in json.load(sys.stdin)["servers"]
          if (s.get("operation") or {}).get("status") in ("succeeded", "failed")))' 2>/dev/null || echo "?"
}
# How many of the create answers given hold an operation.
answered() { grep -ls '"operationId"' "$@" | wc -l; }
# Creates FIRST..LAST in parallel, then SIGKILL once half of them are accepted.
creates_then_kill() {
  local first="$1" last="$2" n pids=() files=()
  for n in $(seq "$first" "$last"); do create "$n" & pids+=($!); files+=("$work/create-$n.json"); done
  local half=$(( (last - first + 2) / 2 ))     # kill once half of them are accepted (10 s at most)
  for _ in $(seq 1 200); do
    [ "$(answered "${files[@]}")" -ge "$half" ] && break
    sleep 0.05
  done
  sleep 0.3                                  # a little provisioning under way
  local ended; ended="$(ended_count)"
  if [ "$kill_watches_first" = true ]; then      # they must not see the JVM die
    kill -KILL $(leftovers | awk '/zlh-embedded-watch/ {print $1}') 2>/dev/null || true
  fi
  kill -KILL "$node_pid"
  wait "$node_pid" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  local accepted; accepted="$(answered "${files[@]}")"
  log "SIGKILL node (pid $node_pid) with creates $first..$last sent: $accepted of them answered, $ended of all servers ended"
  [ "$ended" != "?" ] && [ "$ended" -ge "$last" ] && fail "every operation had ended before the kill: nothing was in flight"
  [ "$accepted" -gt 0 ] || fail "no create of $first..$last was accepted before the kill: no provisioning in flight"
  return 0
}

# ---- 1. SIGKILL mid-provisioning: the watches stop PostgreSQL and Redis -----------------------
[ -n "$(leftovers | grep -v zlh-embedded-watch)" ] || fail "no embedded PostgreSQL/Redis of $data found running before the kill"
creates_then_kill 1 "$servers"
killed_ms=$(now_ms)
while [ -n "$(leftovers)" ] && [ $(( $(now_ms) - killed_ms )) -lt $((WATCH_LIMIT_S * 1000)) ]; do sleep 0.1; done
left="$(leftovers)"
if [ -n "$left" ]; then
  fail "still running ${WATCH_LIMIT_S} s after the SIGKILL: $(tr '\n' ';' <<<"$left")"
else
  log "no PostgreSQL, Redis or watch of the data directory runs $(( $(now_ms) - killed_ms )) ms after the kill"
fi

# ---- 2. restart on the same data directory: ready at once; a second node is refused ---------
if start_node; then
  log "restart after SIGKILL ready in $ready_ms ms, first try (limit $limit_ms ms; clean start $clean_ms ms)"
else
  fail "restart after SIGKILL not ready within $limit_ms ms on the first try"; exit 1
fi
port_file_before="$(cat "$data/embedded-postgres.port")"
t0=$(now_ms)
set +e
java -jar "$jar" run --http-port "$(free_port)" --data-dir "$data" >"$work/second.out" 2>"$work/second.log"
second_rc=$?
set -e
second_ms=$(( $(now_ms) - t0 ))
# From the log line that begins the start to the one that gives up (the JVM's own start excluded,
# seconds on a loaded machine); and never longer than a start takes.
refuse_ms="$(python3 - "$work/second.log" <<'PY'
import re, sys
def ms(line):
    h, m, s = re.match(r"(\d\d):(\d\d):(\d\d(?:\.\d+)?)", line).groups()
    return int((int(h) * 3600 + int(m) * 60 + float(s)) * 1000)
lines = [l for l in open(sys.argv[1]).read().splitlines() if re.match(r"\d\d:\d\d:\d\d", l)]
# plain log lines, either "HH:MM:SS.mmm LEVEL [thread] c.z.v.runtime.Platform - …" or "HH:MM:SS LEVEL Platform: …"
begin = [ms(l) for l in lines if "Platform" in l and "starting with" in l]
end = [ms(l) for l in lines if "platform failed to start" in l]
print(end[0] - begin[0] if begin and end else 999999)
PY
)"
if [ "$second_rc" -eq 1 ] && grep -q "is in use by a running zlh process (pid $node_pid" "$work/second.log" \
    && [ "$refuse_ms" -le $((REFUSE_LIMIT_S * 1000)) ] && [ "$second_ms" -le "$clean_ms" ]; then
  log "a second node on the live data directory refused $refuse_ms ms into its start ($second_ms ms with the JVM's): $(grep '^zlh:' "$work/second.log" | cut -c1-110)…"
else
  fail "a second node on the live data directory: exit $second_rc after $second_ms ms ($refuse_ms ms into its start): $(tail -n1 "$work/second.log")"
fi
[ "$(cat "$data/embedded-postgres.port")" = "$port_file_before" ] || fail "the refused node rewrote embedded-postgres.port"
curl -sf --max-time 5 "http://127.0.0.1:$http_port/health/ready" >/dev/null || fail "the running node is not ready after the refused start"

# ---- 3. SIGKILL with the watches killed too: the next start stops the leftovers itself -------
token="$(login)"
kill_watches_first=true
creates_then_kill $((servers + 1)) $((2 * servers))
sleep 1
left="$(leftovers)"
if grep -q -- "-D $data/postgres" <<<"$left" && grep -q redis-server <<<"$left"; then
  log "PostgreSQL and Redis left running without node nor watch: pids $(awk '{printf "%s ", $1}' <<<"$left")"
else
  fail "the kill of node and watches left no PostgreSQL and Redis to take over: $(tr '\n' ';' <<<"$left")"
fi
if start_node; then
  log "restart over the leftovers ready in $ready_ms ms, first try (limit $limit_ms ms)"
else
  fail "restart over the leftovers not ready within $limit_ms ms on the first try"; exit 1
fi
grep -q "stopped the embedded PostgreSQL a node that is gone left running" "$work/run$run_count.log" \
  || fail "the restart did not say it stopped the leftover PostgreSQL"
grep -q "stopped the embedded Redis a node that is gone left running" "$work/run$run_count.log" \
  || fail "the restart did not say it stopped the leftover Redis"
[ "$(leftovers | grep -c -- "-D $data/postgres")" -eq 1 ] || fail "more than one PostgreSQL runs on $data"

# ---- 4. a client re-sends its creates; every operation ends exactly once --------------------
token="$(login)"
: >"$work/operations.txt"
for n in $(seq 1 $((2 * servers))); do
  before="$(python3 -c 'import sys,json; print(json.load(open(sys.argv[1]))["operationId"])' "$work/create-$n.json" 2>/dev/null || true)"
  create "$n"
  after="$(python3 -c 'import sys,json; print(json.load(open(sys.argv[1]))["operationId"])' "$work/create-$n.json" 2>/dev/null || true)"
  [ -n "$after" ] || { fail "create $n re-sent after the restarts: $(head -c 300 "$work/create-$n.json")"; continue; }
  [ -z "$before" ] || [ "$before" = "$after" ] || fail "create $n re-sent with its key answered $after, not $before"
  echo "$after" >>"$work/operations.txt"
done
total="$(sort -u "$work/operations.txt" | wc -l)"
[ "$total" -eq $((2 * servers)) ] || fail "$total distinct operations for $((2 * servers)) creates"

deadline=$(( $(date +%s) + 60 ))
while ended="$(ended_count)"; [ "$ended" = "?" ] || [ "$ended" -lt "$total" ]; do
  [ "$(date +%s)" -ge "$deadline" ] && break
  sleep 0.3
done
log "$ended of $total operations ended per the API"
[ "$ended" = "$total" ] || fail "only $ended of $total operations ended within 60 s of the last restart"

java -jar "$jar" events export --out "$work/events.ndjson" --data-dir "$data" >/dev/null 2>"$work/export.log" \
  || { fail "zlh events export failed: $(tail -n1 "$work/export.log")"; exit 1; }
endings="$(python3 - "$work/events.ndjson" "$work/operations.txt" <<'PY'
import json, sys
ops = open(sys.argv[2]).read().split()
ends = {op: [] for op in ops}
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e.get("type") in ("server.ready", "server.provisioning-failed") and e["payload"].get("operationId") in ends:
        ends[e["payload"]["operationId"]].append(e["type"])
bad = {op: t for op, t in ends.items() if len(t) != 1}
for op, t in list(bad.items())[:10]:
    print("operation %s ended with %s" % (op, t or "nothing"))
ok = sum(1 for t in ends.values() if t == ["server.ready"])
print("%d succeeded, %d failed" % (ok, len(ends) - ok - len(bad)))
print("OK" if not bad else "BAD %d" % len(bad))
PY
)"
if [ "$(tail -n1 <<<"$endings")" = OK ]; then
  log "log: every operation has exactly one ending event ($(tail -n2 <<<"$endings" | head -n1))"
else
  fail "log endings wrong: $(tr '\n' ';' <<<"$endings")"
fi

# ---- summary --------------------------------------------------------------------------------
echo
echo "embedded node, $((2 * servers)) creates, SIGKILL twice mid-provisioning; total $(( $(date +%s) - started_at )) s"
if [ ${#failures[@]} -eq 0 ]; then
  echo "PASS"
else
  printf ' - %s\n' "${failures[@]}"
  echo "FAIL"
  exit 1
fi
