#!/usr/bin/env bash
# Restore drill (docs/backup.md): back up a running node's database with pg_dump, destroy the
# database, restore it with pg_restore, rebuild every projection from the restored log, and
# compare the rebuilt read models with the live ones from before the loss. They must be equal.
#
#   1. a throwaway PostgreSQL cluster (Debian's, initdb in a temp dir, loopback, random port);
#   2. node A on it (embedded Redis, simulated Proxmox/Cloudflare/Velocity): accounts, an
#      administrator, game and dev servers (one deleted), an announcement;
#   3. "before": every table projection's serving generation, row by row (SQL), and every
#      read model as the API answers it (servers, accounts, billing, tickets, announcements,
#      drift, repairs, service discovery) for each account and the administrator;
#   4. pg_dump -Fc; node A stopped (its Redis dies with it); DROP DATABASE;
#   5. CREATE DATABASE + pg_restore; node B on the restored database, a NEW Redis, workers and
#      controller roles off (nothing may append while we compare);
#   6. `zlh projections rebuild NAME` for every projection through node B's admin API, waiting
#      until each serves its new generation;
#   7. "after" taken the same way (tables from the new generations): diff against "before".
# Why not the embedded PostgreSQL: it is PostgreSQL 17 and Debian 12 ships pg_dump 15, which
# refuses newer servers; production runs a packaged PostgreSQL with its matching pg_dump, as here.
# Set PG_BIN to a directory with initdb/pg_ctl/pg_dump/pg_restore/psql of one major to use another.
#
# Usage: deploy/backup/restore-drill.sh [--jar PATH] [--keep]     (needs java, curl, python3)
# Last line: "restore drill: equal (...)" and exit 0, or "restore drill: DIFFERENT" and exit 1.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/../../verticles/target/zlh-platform.jar"
keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --keep) keep=true; shift ;;
    *) echo "usage: $0 [--jar PATH] [--keep]" >&2; exit 2 ;;
  esac
done
[ -f "$jar" ] || { echo "no jar at $jar (./mvnw -B -ntp -DskipTests package)" >&2; exit 2; }

if [ -z "${PG_BIN:-}" ]; then
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "installing Debian's postgresql (initdb, pg_dump, pg_restore)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
  fi
fi
for tool in initdb pg_ctl pg_dump pg_restore psql; do
  [ -x "$PG_BIN/$tool" ] || { echo "missing $PG_BIN/$tool" >&2; exit 2; }
done
for tool in java curl python3; do command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 2; }; done

log() { echo "[$(date -u +%H:%M:%S)] $*"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

work="$(mktemp -d)"
chmod 0755 "$work"
node_pid=""
pg_started=false
# PostgreSQL refuses to run as root: as root, the cluster belongs to Debian's postgres user.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then kill "$node_pid"; wait "$node_pid" 2>/dev/null || true; fi
  if $pg_started; then as_pg "$PG_BIN/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true; fi
  if $keep; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# --- 1. PostgreSQL ------------------------------------------------------------
pg_port="$(free_port)"
mkdir -p "$work/pg" "$work/pgsock"
[ "$(id -u)" -eq 0 ] && chown postgres: "$work/pg" "$work/pgsock"
as_pg "$PG_BIN/initdb" -D "$work/pg" -U postgres -A trust --no-sync >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$work/pg" -l "$work/pgsock/postgres.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $work/pgsock -c fsync=off" start >/dev/null
pg_started=true
export PGHOST=127.0.0.1 PGPORT="$pg_port" PGUSER=postgres
sql() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -At "$@"; }
sql -d postgres -c "CREATE DATABASE zlh"
log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

# --- node ---------------------------------------------------------------------
sd_token="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
export ZLH_DB_HOST=127.0.0.1 ZLH_DB_PORT="$pg_port" ZLH_DB_USER=postgres ZLH_DB_DATABASE=zlh
export ZLH_HTTP_HOST=127.0.0.1 ZLH_PROXY_HOST=127.0.0.1 ZLH_PROXY_PORT=0 ZLH_MONITORING_SD_TOKEN="$sd_token"
unset ZLH_REDIS_URI ZLH_CONFIG
start_node() { # name, extra env...
  local name="$1"; shift
  http_port="$(free_port)"
  base="http://127.0.0.1:$http_port"
  env "$@" ZLH_HTTP_PORT="$http_port" java -jar "$jar" run --data-dir "$work/$name" \
    >"$work/$name.out" 2>"$work/$name.log" &
  node_pid=$!
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "$base/health/ready" 2>/dev/null; then log "node $name ready on $base"; return 0; fi
    kill -0 "$node_pid" 2>/dev/null || { echo "node $name exited:" >&2; tail -20 "$work/$name.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "node $name not ready" >&2; tail -20 "$work/$name.log" >&2; exit 1
}
stop_node() {
  kill "$node_pid"; wait "$node_pid" 2>/dev/null || true; node_pid=""
}
api() { # method path token [body]
  local args=(-sS --fail-with-body -X "$1" "$base$2" -H 'content-type: application/json')
  [ -n "${3:-}" ] && args+=(-H "Authorization: Bearer $3")
  [ -n "${4:-}" ] && args+=(-d "$4")
  local body
  body="$(curl "${args[@]}")" || { echo "$1 $2: $body" >&2; return 1; }
  printf '%s\n' "$body"
}
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }
login() { api POST /api/auth/login "" "{\"email\":\"$1\",\"password\":\"correct horse battery $1\"}" | json 'd["token"]'; }

# --- 2. node A and its state --------------------------------------------------
start_node a
emails=(ada@example.com grace@example.com linus@example.com)
users=(ada grace linus)
tokens=()
for i in 0 1 2; do
  api POST /api/auth/register "" "{\"email\":\"${emails[$i]}\",\"password\":\"correct horse battery ${emails[$i]}\",\"username\":\"${users[$i]}\",\"displayName\":\"${users[$i]^}\"}" >/dev/null
  tokens+=("$(login "${emails[$i]}")")
done
printf 'correct horse battery ops@example.com\n' >"$work/admin-password"
java -jar "$jar" admin create --email ops@example.com --username ops --password-file "$work/admin-password" \
  --data-dir "$work/a" 2>>"$work/cli.log"
admin="$(login ops@example.com)"
n=0
for i in 0 1 2; do
  t="${tokens[$i]}"
  api POST /api/instances "$t" '{"type":"game","name":"survival","variant":"vanilla","plan":"game-2g"}' >/dev/null
  api POST /api/instances "$t" '{"type":"dev","name":"lab","runtime":"node","version":"22","codeServer":true}' >/dev/null
  n=$((n + 2))
done
wait_settled() { # every server of every account out of any open operation
  for _ in $(seq 1 240); do
    local open=0
    for t in "${tokens[@]}"; do
      open=$((open + $(api GET "/api/servers?limit=100" "$t" | json 'sum(1 for s in d["servers"] if s.get("operation",{}).get("status") in ("queued","running"))')))
    done
    [ "$open" -eq 0 ] && return 0
    sleep 0.5
  done
  echo "operations did not settle" >&2; exit 1
}
wait_settled
gone="$(api GET "/api/servers?limit=100" "${tokens[1]}" | json '[s["serverId"] for s in d["servers"] if s["kind"]=="dev"][0]')"
api POST "/api/servers/$gone/host/stop" "${tokens[1]}" >/dev/null
wait_settled
api DELETE "/api/servers/$gone" "${tokens[1]}" >/dev/null
wait_settled
api POST /api/admin/announcements "$admin" '{"severity":"warning","message":"Maintenance Tuesday 22:00-00:00 UTC","startsAt":"2026-01-01T00:00:00Z"}' >/dev/null
api POST /api/auth/logout "${tokens[2]}" >/dev/null || true
log "state: 4 accounts (1 administrator), $n servers created, 1 stopped and deleted, 1 announcement, 1 logout"

# --- 3. snapshots ---------------------------------------------------------------
# Table projections: the serving generation's tables, rows in a total order (their text form).
snapshot_tables() { # dir
  mkdir -p "$1"
  sql -d zlh -F $'\t' -c "SELECT name, active_generation FROM projection_generation ORDER BY name" |
  while IFS=$'\t' read -r name gen; do
    schema="proj_${name}_g${gen}"
    for table in $(sql -d zlh -c "SELECT table_name FROM information_schema.tables WHERE table_schema = '$schema' ORDER BY 1"); do
      sql -d zlh -c "SELECT t::text FROM \"$schema\".\"$table\" t ORDER BY 1" >"$1/$name.$table.rows"
    done
  done
}
# Every read model as the API shows it (memory projections included); tokens stay valid after
# the restore because sessions are in the log.
snapshot_api() { # dir
  mkdir -p "$1"
  local i
  for i in 0 1; do
    for p in /api/servers?limit=100 /api/me /api/billing/status /api/announcements /api/support/tickets; do
      api GET "$p" "${tokens[$i]}" | python3 -m json.tool --sort-keys >"$1/${users[$i]}$(echo "$p" | tr '/?=' '___').json"
    done
  done
  for p in /api/admin/accounts /api/admin/support/tickets /api/admin/drift /api/admin/repairs /api/servers?limit=100; do
    api GET "$p" "$admin" | python3 -m json.tool --sort-keys >"$1/admin$(echo "$p" | tr '/?=' '___').json"
  done
  api GET /sd/exporters "$sd_token" | python3 -m json.tool --sort-keys >"$1/sd_exporters.json"
  # the logged-out session must stay refused
  curl -s -o /dev/null -w '%{http_code}\n' "$base/api/me" -H "Authorization: Bearer ${tokens[2]}" >"$1/logged-out-session.status"
}
sleep 2   # let every projection reach the last event
snapshot_tables "$work/before/tables"
snapshot_api "$work/before/api"
events="$(sql -d zlh -c "SELECT count(*) FROM event_log")"
log "before: $events events; $(ls "$work/before/tables" | wc -l) projection tables ($(cat "$work/before/tables"/* | wc -l) rows), $(ls "$work/before/api" | wc -l) API views"

# --- 4. backup and loss ---------------------------------------------------------
"$PG_BIN/pg_dump" -d zlh -Fc -f "$work/zlh.dump"
log "pg_dump -Fc: $(stat -c %s "$work/zlh.dump") bytes, sha256 $(sha256sum "$work/zlh.dump" | cut -c1-16)…"
stop_node
sql -d postgres -c "DROP DATABASE zlh"
log "database dropped; node A stopped (its Redis is gone with it)"
[ -z "$(sql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'zlh'")" ] || { echo "database still there" >&2; exit 1; }

# --- 5. restore -------------------------------------------------------------------
sql -d postgres -c "CREATE DATABASE zlh"
"$PG_BIN/pg_restore" -d zlh --exit-on-error --no-owner "$work/zlh.dump"
log "pg_restore: $(sql -d zlh -c "SELECT count(*) FROM event_log") events back"
start_node b ZLH_ROLES_WORKERS=false ZLH_ROLES_CONTROLLER=false

# --- 6. rebuild every projection from the restored log --------------------------------
printf '%s\n' "$admin" >"$work/admin-token"
chmod 0600 "$work/admin-token"
admin_cli() { java -jar "$jar" projections "$@" --url "$base" --token-file "$work/admin-token" 2>>"$work/cli.log"; }
admin_cli list >"$work/projections.before-rebuild"
names="$(python3 -c '
import sys,json
for line in open(sys.argv[1]): print(json.loads(line)["name"])' "$work/projections.before-rebuild")"
for name in $names; do admin_cli rebuild "$name" >/dev/null; done
# Poll the admin API itself (GET /api/admin/projections): one JVM per poll would be slow.
for _ in $(seq 1 240); do
  api GET /api/admin/projections "$admin" |
    python3 -c 'import sys,json; [print(json.dumps(p)) for p in json.load(sys.stdin)["projections"]]' >"$work/projections.after-rebuild"
  pending="$(python3 - "$work/projections.before-rebuild" "$work/projections.after-rebuild" <<'PY'
import json, sys
old = {d["name"]: d["generation"] for d in map(json.loads, open(sys.argv[1]))}
new = [json.loads(l) for l in open(sys.argv[2])]
print(sum(1 for d in new if d["generation"] <= old[d["name"]] or d["state"] != "running" or d["lagEvents"] != 0)
      + len(set(old) - {d["name"] for d in new}))
PY
)"
  [ "$pending" -eq 0 ] && break
  sleep 0.5
done
[ "$pending" -eq 0 ] || { echo "rebuilds did not finish:" >&2; cat "$work/projections.after-rebuild" >&2; exit 1; }
log "rebuilt $(echo $names | wc -w) projections: $(python3 -c '
import sys,json
print(", ".join("%s g%s" % (d["name"], d["generation"]) for d in map(json.loads, open(sys.argv[1]))))' "$work/projections.after-rebuild")"

# --- 7. compare -----------------------------------------------------------------------------
snapshot_tables "$work/after/tables"
snapshot_api "$work/after/api"
if ! diff -r "$work/before" "$work/after" >"$work/diff.txt"; then
  head -60 "$work/diff.txt"
  echo "restore drill: DIFFERENT (see above)"
  exit 1
fi
log "compared $(ls "$work/after/tables" | wc -l) tables ($(cat "$work/after/tables"/* | wc -l) rows) and $(ls "$work/after/api" | wc -l) API views: equal"
# The comparison must be able to fail: one more account on node B, and it has to see it.
api POST /api/auth/register "" '{"email":"late@example.com","password":"correct horse battery late","username":"late","displayName":"Late"}' >/dev/null
sleep 2
snapshot_tables "$work/changed/tables"
snapshot_api "$work/changed/api"
if diff -rq "$work/before" "$work/changed" >"$work/diff.txt"; then
  echo "restore drill: the comparison did not notice a new account: it proves nothing" >&2; exit 1
fi
log "sensitivity: one more account afterwards is noticed ($(wc -l <"$work/diff.txt") files differ)"
echo "restore drill: equal ($events events backed up, restored and replayed into every projection)"
