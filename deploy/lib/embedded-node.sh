# One `zlh run` with the embedded defaults, for the scripts that drive a node over its API
# (smoke, portal benchmark). Source it after setting `jar`, `work` and `keep`; it traps EXIT to
# stop the node and keep `work` after a failure (or with keep=true).
#   start_embedded_node   free ports, plain logs in $work/node.log; sets http_port and
#                         ZLH_PROXY_PORT, waits for /health/ready (180 s) or exits 2
# shellcheck shell=bash

node_pid=""

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

stop_node() {
  local rc=$?
  if [ -n "$node_pid" ]; then
    kill -TERM "$node_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$node_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$node_pid" 2>/dev/null || true
    wait "$node_pid" 2>/dev/null || true
  fi
  if [ "$rc" -ne 0 ] || [ "$keep" = true ]; then echo "logs kept in $work" >&2; else rm -rf "$work"; fi
}
trap stop_node EXIT
trap 'exit 130' INT TERM

start_embedded_node() {
  http_port="$(free_port)"
  export ZLH_PROXY_PORT="$(free_port)"
  export ZLH_LOG_JSON=false
  java -jar "$jar" run --http-port "$http_port" --data-dir "$work/data" >"$work/node.out" 2>"$work/node.log" &
  node_pid=$!
  for _ in $(seq 1 900); do
    curl -sf --max-time 2 "http://127.0.0.1:$http_port/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$node_pid" 2>/dev/null || { echo "node exited:" >&2; tail -n 30 "$work/node.log" >&2; exit 2; }
    sleep 0.2
  done
  echo "node not ready in 180 s" >&2
  exit 2
}
