# What the multi-node rehearsals share (three-nodes.sh, rolling-restart.sh): one PostgreSQL and
# one Redis (`zlh services`) and the simulated outside systems (`zlh simulators`) for several
# nodes of one jar. Source it after defining `log`, and setting `jar`, `work`, `pids` (an array
# every started process is added to) and `SIM_TASK_MS`.
#   start_shared_services   starts both, exports the ZLH_* settings every node needs, sets
#                           services_pid, simulators_pid, redis_port and sims (the
#                           simulators' JSON line: addresses, ports)
#   redis_cmd CMD ARGS...   one Redis command over /dev/tcp; prints the reply, "" for nil
# shellcheck shell=bash

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# Reads one JSON value out of stdin: json_get 'd["postgres"]["port"]'
json_get() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }

# Waits for the first line of a file (a command's JSON line) or fails.
first_line() {
  local file="$1" pid="$2" what="$3"
  for _ in $(seq 1 600); do
    if [ -s "$file" ] && head -n1 "$file" | grep -q '}$'; then head -n1 "$file"; return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "$what exited early:" >&2; tail -n 30 "${file%.json}.log" >&2; return 1; }
    sleep 0.2
  done
  echo "$what did not start in 120 s" >&2
  return 1
}

redis_cmd() {
  local req="*$#\r\n" arg
  for arg in "$@"; do req+="\$${#arg}\r\n${arg}\r\n"; done
  (
    exec 3<>"/dev/tcp/127.0.0.1/$redis_port" || exit 1
    printf '%b' "$req" >&3
    IFS= read -r -t 5 line <&3 || exit 1
    line="${line%$'\r'}"
    case "$line" in
      '$-1') echo "" ;;
      '$'*) IFS= read -r -t 5 value <&3; echo "${value%$'\r'}" ;;
      *) echo "${line#?}" ;;
    esac
  )
}

secret_hex() { python3 -c "import secrets; print(secrets.token_hex($1))"; }

start_shared_services() {
  log "work directory $work"
  java -jar "$jar" services --data-dir "$work/services" >"$work/services.json" 2>"$work/services.log" &
  pids+=($!); services_pid=$!

  export ZLH_LOG_JSON=false
  export ZLH_INFRA_PROXMOX_TOKEN_ID='zlh@pve!control'
  ZLH_INFRA_PROXMOX_TOKEN_SECRET="$(secret_hex 16)"; export ZLH_INFRA_PROXMOX_TOKEN_SECRET
  ZLH_INFRA_CLOUDFLARE_TOKEN="$(secret_hex 16)"; export ZLH_INFRA_CLOUDFLARE_TOKEN
  ZLH_INFRA_VELOCITY_TOKEN="$(secret_hex 16)"; export ZLH_INFRA_VELOCITY_TOKEN
  export ZLH_INFRA_SIM_TASK_DURATION_MS="$SIM_TASK_MS"
  java -jar "$jar" simulators --data-dir "$work/simulators" >"$work/simulators.json" 2>"$work/simulators.log" &
  pids+=($!); simulators_pid=$!

  local svc redis_uri
  svc="$(first_line "$work/services.json" "$services_pid" "zlh services")" || return 1
  sims="$(first_line "$work/simulators.json" "$simulators_pid" "zlh simulators")" || return 1
  redis_uri="$(json_get 'd["redis"]["uri"]' <<<"$svc")"
  redis_port="$(python3 -c 'import sys,urllib.parse; print(urllib.parse.urlparse(sys.argv[1]).port)' "$redis_uri")"
  export ZLH_DB_HOST=localhost
  ZLH_DB_PORT="$(json_get 'd["postgres"]["port"]' <<<"$svc")"; export ZLH_DB_PORT
  ZLH_DB_USER="$(json_get 'd["postgres"]["user"]' <<<"$svc")"; export ZLH_DB_USER
  export ZLH_DB_PASSWORD=
  export ZLH_REDIS_URI="$redis_uri"
  export ZLH_INFRA_MODE=proxmox
  ZLH_INFRA_PROXMOX_URL="$(json_get 'd["infra"]["proxmoxUrl"]' <<<"$sims")"; export ZLH_INFRA_PROXMOX_URL
  ZLH_INFRA_PROXMOX_NODE="$(json_get 'd["infra"]["proxmoxNode"]' <<<"$sims")"; export ZLH_INFRA_PROXMOX_NODE
  ZLH_INFRA_CLOUDFLARE_API_BASE="$(json_get 'd["infra"]["cloudflareApiBase"]' <<<"$sims")"; export ZLH_INFRA_CLOUDFLARE_API_BASE
  ZLH_INFRA_CLOUDFLARE_ZONE_ID="$(json_get 'd["infra"]["cloudflareZoneId"]' <<<"$sims")"; export ZLH_INFRA_CLOUDFLARE_ZONE_ID
  ZLH_INFRA_VELOCITY_URL="$(json_get 'd["infra"]["velocityUrl"]' <<<"$sims")"; export ZLH_INFRA_VELOCITY_URL
  ZLH_SERVERS_PLATFORM_SECRET="$(secret_hex 24)"; export ZLH_SERVERS_PLATFORM_SECRET
}
