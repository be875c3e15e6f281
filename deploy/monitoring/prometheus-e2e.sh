#!/usr/bin/env bash
# End-to-end check of discovery and platform metrics with the built jar and a
# real Prometheus, using the shipped Prometheus config (prometheus/prometheus.yml
# and the alert rules) with its placeholders pointed at local processes and its
# intervals shortened to 1 s. Builds nothing:
#
#   ./mvnw -B -ntp -DskipTests package
#   deploy/monitoring/prometheus-e2e.sh verticles/target/zlh-platform.jar
#
# Starts `zlh run` (embedded PostgreSQL and Redis, a random SD token read from a
# 0600 file through ZLH_MONITORING_SD_TOKEN_FILE, never on a command line),
# then Prometheus, and checks:
#   - /sd/exporters answers 401 without or with a wrong token, JSON with it, no-store;
#   - Prometheus's http_sd with the right token works (no failures) and a job with
#     a wrong token fails (prometheus_sd_http_failures_total grows, no targets);
#   - Prometheus scrapes the platform's /metrics: zlh_servers{state,type},
#     zlh_queue_depth{queue="provisioning"}, and request metrics of /sd/exporters
#     by route template (the label ZlhDiscoveryEndpointErrors matches on);
#   - the alert rules load and evaluate;
#   - `zlh sd sync` writes a file_sd file and textfile metrics that promtool and
#     the file_sd variant accept, and fails loudly (exit 1, zlh_file_sd_up 0,
#     old file kept) with a wrong token.
# Servers moving through discovery (a target appearing, its labels, leaving on
# deletion, summaries and staleness) are covered by the JUnit spec
# verticles/src/test/java/com/zerolaghub/verticles/monitoring/RealPrometheusTest.java,
# which can put server events into the log directly.
# Last line: "N passed, M failed"; exit 1 on any failure. About 20-40 s.
set -euo pipefail

jar="${1:?usage: $0 path/to/zlh-platform.jar}"
[ -f "$jar" ] || { echo "no jar at $jar (build it: ./mvnw -B -ntp -DskipTests package)" >&2; exit 1; }
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for tool in java prometheus promtool python3 curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing required tool: $tool (Debian: apt-get install prometheus curl python3)" >&2; exit 1; }
done

tmp="$(mktemp -d)"
node_pid=""
prom_pid=""
cleanup() {
  for pid in "$prom_pid" "$node_pid"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
api_port="$(free_port)"
prom_port="$(free_port)"
api="http://127.0.0.1:$api_port"
prom="http://127.0.0.1:$prom_port"

passed=0
failed=0
check() { # description, command...
  local what="$1"; shift
  if "$@" >"$tmp/last-check" 2>&1; then
    passed=$((passed + 1)); echo "ok    $what"
  else
    failed=$((failed + 1)); echo "FAIL  $what"; sed 's/^/      /' "$tmp/last-check" | tail -n 5
  fi
}
wait_for() { # seconds, command... : retries every 0.5 s
  local tries=$(($1 * 2)); shift
  for _ in $(seq 1 "$tries"); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  "$@"
}

# --- the platform ---------------------------------------------------------------
umask 077
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$tmp/sd.token"
printf 'wrong-%s' "$(cat "$tmp/sd.token")" >"$tmp/wrong.token"
umask 022
token="$(cat "$tmp/sd.token")"

ZLH_LOG_JSON=false ZLH_HTTP_HOST=127.0.0.1 \
ZLH_MONITORING_SD_TOKEN_FILE="$tmp/sd.token" ZLH_MONITORING_SD_DEVELOPMENT_MODE=false \
ZLH_MONITORING_PROMETHEUS_URL="$prom" \
  java -jar "$jar" run --data-dir "$tmp/data" --http-port "$api_port" >"$tmp/node.log" 2>&1 &
node_pid=$!
ready() { kill -0 "$node_pid" && curl -fsS -o /dev/null "$api/health/ready"; }
if ! wait_for 90 ready; then
  echo "the platform did not become ready:" >&2; tail -n 30 "$tmp/node.log" >&2; exit 1
fi
echo "platform ready on $api"

status_of() { curl -sS -o /dev/null -w '%{http_code}' "$@"; }
check "/sd/exporters without a token: 401" test "$(status_of "$api/sd/exporters")" = 401
check "/sd/exporters with a wrong token: 401" \
  test "$(status_of -H "Authorization: Bearer $(cat "$tmp/wrong.token")" "$api/sd/exporters")" = 401
sd_ok() {
  curl -fsS -D "$tmp/sd.headers" -o "$tmp/sd.json" -H "Authorization: Bearer $token" "$api/sd/exporters" &&
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert isinstance(d, list), d' "$tmp/sd.json" &&
    grep -qi '^cache-control: no-store' "$tmp/sd.headers"
}
check "/sd/exporters with the token: a JSON list, Cache-Control: no-store" sd_ok
token_not_logged() { ! grep -qFf "$tmp/sd.token" "$tmp/node.log"; }
check "the token appears nowhere in the node's log" token_not_logged

# --- Prometheus, from the shipped config ----------------------------------------------
cp -r "$here/prometheus" "$tmp/prom"
cfg="$tmp/prom/prometheus.yml"
rewrite() { # from, to: the shipped placeholder must still be there
  grep -qF "$1" "$cfg" || { echo "prometheus.yml: expected '$1' not found" >&2; exit 1; }
  sed -i "s#$1#$2#g" "$cfg"
}
rewrite "zlh-api:8080" "127.0.0.1:$api_port"
rewrite "localhost:9090" "127.0.0.1:$prom_port"
rewrite "/etc/prometheus/zlh-sd.token" "$tmp/sd.token"
rewrite "scrape_interval: 15s" "scrape_interval: 1s"
rewrite "evaluation_interval: 15s" "evaluation_interval: 1s"
rewrite "refresh_interval: 30s" "refresh_interval: 1s"
cat >>"$cfg" <<EOF

  # e2e only: the same discovery with a wrong token must fail and give no targets.
  - job_name: zlh-containers-wrong-token
    http_sd_configs:
      - url: $api/sd/exporters
        refresh_interval: 1s
        authorization:
          type: Bearer
          credentials_file: $tmp/wrong.token
EOF
check "promtool accepts the rewritten http_sd config" promtool check config "$cfg"

prometheus --config.file="$cfg" --storage.tsdb.path="$tmp/tsdb" --web.listen-address="127.0.0.1:$prom_port" \
  >"$tmp/prometheus.log" 2>&1 &
prom_pid=$!
prom_ready() { kill -0 "$prom_pid" && curl -fsS -o /dev/null "$prom/-/ready"; }
if ! wait_for 30 prom_ready; then
  echo "prometheus did not become ready:" >&2; tail -n 30 "$tmp/prometheus.log" >&2; exit 1
fi
echo "prometheus ready on $prom"

# query EXPR PYTHON-CONDITION: the condition sees `r`, the result list of an instant query.
query() {
  curl -fsS --max-time 5 --data-urlencode "query=$1" "$prom/api/v1/query" |
    python3 -c "import json,sys; d=json.load(sys.stdin); assert d['status']=='success', d; r=d['data']['result']; sys.exit(0 if ($2) else 1)"
}
prom_metric() { # name -> sum of Prometheus's own samples of it
  curl -fsS "$prom/metrics" | python3 -c "import re,sys; print(sum(float(m.group(2)) for m in re.finditer(r'(?m)^$1(\{[^}]*\})? (\S+)$', sys.stdin.read())))"
}
sd_failures_grow() { python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) >= 2 else 1)" "$(prom_metric prometheus_sd_http_failures_total)"; }
wrong_token_has_no_targets() {
  curl -fsS "$prom/api/v1/targets?state=active" |
    python3 -c "import json,sys; t=json.load(sys.stdin)['data']['activeTargets']; sys.exit(1 if any(x['scrapePool']=='zlh-containers-wrong-token' for x in t) else 0)"
}

check "the platform is scraped: up{job=\"zlh-platform\"} == 1" wait_for 20 query 'up{job="zlh-platform"}' 'r and r[0]["value"][1]=="1"'
check "a wrong token makes Prometheus's http_sd fail (prometheus_sd_http_failures_total grows)" wait_for 20 sd_failures_grow
check "  and gives that job no targets" wrong_token_has_no_targets
check "  and Prometheus logs the 401" wait_for 10 grep -q 401 "$tmp/prometheus.log"
check "the right token is accepted: Prometheus's discovery requests reach /sd/exporters with 200" \
  wait_for 20 query 'sum(vertx_http_server_requests_total{job="zlh-platform",route="/sd/exporters",code="200"})' 'r and float(r[0]["value"][1]) >= 1'
check "zlh_servers{state,type}: 5 states x 2 types" wait_for 10 query 'zlh_servers{job="zlh-platform"}' 'len(r) == 10'
check "zlh_queue_depth{queue=\"provisioning\"}" query 'zlh_queue_depth{job="zlh-platform",queue="provisioning"}' 'len(r) == 1'
check "zlh_queue_oldest_age_seconds{queue=\"provisioning\"}" query 'zlh_queue_oldest_age_seconds{job="zlh-platform",queue="provisioning"}' 'len(r) == 1'
check "zlh_projection_lag_seconds{projection=\"monitored_servers\"}" query 'zlh_projection_lag_seconds{projection="monitored_servers"}' 'len(r) == 1'
rules_loaded() {
  curl -fsS "$prom/api/v1/rules" | python3 -c "import json,sys; g=json.load(sys.stdin)['data']['groups']; sys.exit(0 if g and all(r['health']=='ok' for x in g for r in x['rules']) else 1)"
}
check "the alert rules load and evaluate without error" wait_for 10 rules_loaded

# --- file_sd sync --------------------------------------------------------------------
sync() { java -jar "$jar" sd sync --url "$api" --out "$tmp/targets.json" --metrics-file "$tmp/zlh_file_sd.prom" "$@"; }
check "zlh sd sync writes the target file" sync --token-file "$tmp/sd.token"
check "  which promtool accepts in the file_sd variant" bash -c "
  cp '$here/prometheus/prometheus-file-sd.yml' '$tmp/prom/prometheus-file-sd.yml' &&
  sed -i 's#/var/lib/zlh/sd/targets.json#$tmp/targets.json#' '$tmp/prom/prometheus-file-sd.yml' &&
  promtool check config '$tmp/prom/prometheus-file-sd.yml'"
check "  and reports zlh_file_sd_up 1 in its textfile" grep -qx 'zlh_file_sd_up 1' "$tmp/zlh_file_sd.prom"
cp "$tmp/targets.json" "$tmp/targets.before"
check "with a wrong token it exits non-zero" bash -c "! java -jar '$jar' sd sync --url '$api' --out '$tmp/targets.json' --metrics-file '$tmp/zlh_file_sd.prom' --token-file '$tmp/wrong.token' 2>'$tmp/sync.err'"
check "  naming the reason in one line" bash -c "[ \$(wc -l <'$tmp/sync.err') -eq 1 ] && grep -q 401 '$tmp/sync.err'"
check "  keeps the old target file" cmp -s "$tmp/targets.json" "$tmp/targets.before"
check "  and reports zlh_file_sd_up 0" grep -qx 'zlh_file_sd_up 0' "$tmp/zlh_file_sd.prom"
check "the textfile parses as Prometheus metrics" bash -c "promtool check metrics <'$tmp/zlh_file_sd.prom'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
