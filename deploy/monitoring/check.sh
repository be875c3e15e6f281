#!/usr/bin/env bash
# Validates deploy/monitoring against a real Prometheus:
#   1. promtool check config on both Prometheus variants (on temp copies whose
#      token and file_sd paths point into a temp dir, so no /etc is needed);
#   2. promtool check rules;
#   3. every runbook annotation points to an existing README section;
#   4. a throw-away Prometheus (127.0.0.1, random port, temp storage, no
#      scrape targets) answers every dashboard query and every alert
#      expression with status "success". An empty TSDB still parses and
#      type-checks each query, which is what catches broken PromQL;
#   5. a platform node (the built jar, embedded mode, temp data) exports every
#      metric the rules and dashboards name (Prometheus's own, the
#      containers' and `zlh sd sync`'s excepted).
# Step 2 also runs the rules' unit tests (promtool test rules) and checks
# that each alert has a test that fires it.
# Last line: "N passed, M failed"; exit 1 on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Debian's prometheus package ships both promtool and prometheus.
if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
    echo "installing Debian's prometheus package (promtool, prometheus)"
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  else
    echo "promtool/prometheus not found and apt-get is not available: install Prometheus first" >&2
    exit 1
  fi
fi
for tool in promtool prometheus python3 curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing required tool: $tool" >&2; exit 1; }
done
promtool --version 2>&1 | head -n1

tmp="$(mktemp -d)"
prom_pid=""
node_pid=""
cleanup() {
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then
    kill "$node_pid" 2>/dev/null || true
    wait "$node_pid" 2>/dev/null || true
  fi
  if [ -n "$prom_pid" ] && kill -0 "$prom_pid" 2>/dev/null; then
    kill "$prom_pid" 2>/dev/null || true
    wait "$prom_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# --- 1. configs ---------------------------------------------------------------
# Copy the whole prometheus/ dir so rule_files (relative paths) still resolve.
cp -r "$here/prometheus" "$tmp/prom"
printf 'check-token\n' >"$tmp/zlh-sd.token"
chmod 0600 "$tmp/zlh-sd.token"
# A sample file_sd file, so promtool also validates the target file format.
cat >"$tmp/targets.json" <<'EOF'
[
  {
    "targets": ["10.0.0.101:12345"],
    "labels": {"vmid": "101", "instance": "10.0.0.101:12345", "container_type": "game", "game": "minecraft"}
  }
]
EOF
rewrite() { # file, from, to: fail if the path to rewrite is no longer there
  grep -qF "$2" "$1" || { echo "$(basename "$1"): expected path $2 not found" >&2; exit 1; }
  sed -i "s#$2#$3#g" "$1"
}
rewrite "$tmp/prom/prometheus.yml" /etc/prometheus/zlh-sd.token "$tmp/zlh-sd.token"
rewrite "$tmp/prom/prometheus-file-sd.yml" /var/lib/zlh/sd/targets.json "$tmp/targets.json"
rewrite "$tmp/prom/prometheus-file-sd.yml" /etc/prometheus/zlh-sd.token "$tmp/zlh-sd.token"

promtool check config "$tmp/prom/prometheus.yml"
promtool check config "$tmp/prom/prometheus-file-sd.yml"

# --- 2. rules -----------------------------------------------------------------
promtool check rules "$here"/prometheus/rules/*.yml
# Unit tests: every alert fires on its series (and stays quiet below its threshold).
(cd "$here/prometheus" && promtool test rules tests/*.yml)
# ... and every alert of the rule files has a test expecting it to fire.
python3 - "$here"/prometheus/rules/*.yml -- "$here"/prometheus/tests/*.yml <<'EOF2'
import sys, yaml
args = sys.argv[1:]
rules, tests = args[:args.index("--")], args[args.index("--") + 1:]
alerts = {r["alert"] for f in rules for g in yaml.safe_load(open(f))["groups"] for r in g["rules"] if "alert" in r}
fired = {t["alertname"] for f in tests for case in yaml.safe_load(open(f))["tests"]
         for t in case.get("alert_rule_test", []) if t.get("exp_alerts")}
missing = sorted(alerts - fired)
if missing:
    sys.exit("alerts no unit test fires: " + ", ".join(missing))
print(f"unit tests fire all {len(alerts)} alerts")
EOF2

# --- 3. runbook links ---------------------------------------------------------
# GitHub-style anchors of the README headings vs. every `runbook:` annotation.
python3 - "$here/README.md" "$here"/prometheus/rules/*.yml <<'EOF'
import re, sys
readme, rules = sys.argv[1], sys.argv[2:]
anchors = set()
for line in open(readme):
    m = re.match(r"#+\s+(.*)", line)
    if m:
        a = re.sub(r"[^\w\- ]", "", m.group(1).strip().lower()).replace(" ", "-")
        anchors.add(a)
bad = 0
for f in rules:
    for n, line in enumerate(open(f), 1):
        m = re.search(r'runbook:\s*"?deploy/monitoring/README\.md#([\w\-]+)', line)
        if m and m.group(1) not in anchors:
            print(f"{f}:{n}: runbook anchor #{m.group(1)} has no README section", file=sys.stderr)
            bad += 1
sys.exit(1 if bad else 0)
EOF
echo "runbook anchors: ok"

# --- 4. live queries ----------------------------------------------------------
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
# Loads the real rule files too: Prometheus refuses to start on a bad rule.
cat >"$tmp/query.yml" <<EOF
global:
  evaluation_interval: 5s
rule_files:
  - $tmp/prom/rules/*.yml
scrape_configs: []
EOF
prometheus --config.file="$tmp/query.yml" --storage.tsdb.path="$tmp/data" \
  --web.listen-address="127.0.0.1:$port" >"$tmp/prometheus.log" 2>&1 &
prom_pid=$!

for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "$base/-/ready" 2>/dev/null; then break; fi
  if ! kill -0 "$prom_pid" 2>/dev/null; then
    echo "prometheus exited early:" >&2; cat "$tmp/prometheus.log" >&2; exit 1
  fi
  sleep 0.5
done
curl -fsS -o /dev/null "$base/-/ready" || { echo "prometheus not ready" >&2; cat "$tmp/prometheus.log" >&2; exit 1; }

# One "source<TAB>expr" line per expression. Grafana variables become values
# Prometheus accepts: $vmid sits in vmid=~"$vmid", so ".*" keeps it a valid
# regex. label_values(selector, label) template queries are checked as the
# selector. Alert expressions come from the loaded rules via the API, so no
# YAML parser is needed.
curl -fsS "$base/api/v1/rules" >"$tmp/rules.json"
python3 - "$tmp/rules.json" "$here"/grafana/dashboards/*.json >"$tmp/exprs.tsv" <<'EOF'
import json, os, re, sys

def flat(expr):
    return " ".join(expr.split())

def grafana(expr):
    for var, val in (("${__rate_interval}", "5m"), ("$__rate_interval", "5m"),
                     ("${__interval}", "1m"), ("$__interval", "1m"),
                     ("${vmid}", ".*"), ("$vmid", ".*")):
        expr = expr.replace(var, val)
    if "$" in expr:
        sys.exit(f"unsubstituted Grafana variable in: {expr}")
    return flat(expr)

rules = json.load(open(sys.argv[1]))
count = 0
for group in rules["data"]["groups"]:
    for rule in group["rules"]:
        print(f"rule {group['name']}/{rule.get('name')}\t{flat(rule['query'])}")
        count += 1
if count == 0:
    sys.exit("no rules loaded")

for path in sys.argv[2:]:
    name = os.path.basename(path)
    dash = json.load(open(path))
    for panel in dash.get("panels", []):
        if panel.get("datasource", {}).get("uid") != "zlh-prometheus":
            sys.exit(f"{name}: panel {panel.get('title')!r} does not use datasource uid zlh-prometheus")
        for t in panel.get("targets", []):
            print(f"{name} {panel.get('title')}/{t.get('refId')}\t{grafana(t['expr'])}")
    for var in dash.get("templating", {}).get("list", []):
        q = var.get("query")
        q = q.get("query") if isinstance(q, dict) else q
        m = re.fullmatch(r"\s*label_values\((.*),\s*\w+\s*\)\s*", q or "")
        if m:
            print(f"{name} ${var['name']}\t{grafana(m.group(1))}")
EOF

query_ok() { # expr -> 0 if the query API answers status=success
  local resp
  resp="$(curl -sS --max-time 10 --data-urlencode "query=$1" "$base/api/v1/query" 2>&1 || true)"
  case "$resp" in
    *'"status":"success"'*) return 0 ;;
    *) echo "$resp" >"$tmp/last-error"; return 1 ;;
  esac
}

# Self-test: a broken expression must be reported, or the harness proves nothing.
if query_ok 'sum(rate(up[5m])'; then
  echo "self-test failed: a broken expression was accepted" >&2; exit 1
fi

passed=0
failed=0
while IFS=$'\t' read -r src expr; do
  if query_ok "$expr"; then
    passed=$((passed + 1))
    echo "ok    $src"
  else
    failed=$((failed + 1))
    echo "FAIL  $src: $expr"
    echo "      $(cat "$tmp/last-error")"
  fi
done <"$tmp/exprs.tsv"

# --- 5. metric names a node exports -------------------------------------------
# A rule or dashboard that names a metric no node exports can never fire or show
# anything. Start a real node (embedded mode, temporary data), scrape /metrics,
# and compare. Metrics of Prometheus itself, of the containers' exporters and of
# `zlh sd sync` (a textfile for node_exporter) come from elsewhere.
jar="$here/../../verticles/target/zlh-platform.jar"
if [ ! -f "$jar" ]; then
  echo "FAIL  metric names: $jar not built (./mvnw -B -ntp -DskipTests package)"
  failed=$((failed + 1))
else
  node_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  node_base="http://127.0.0.1:$node_port"
  ZLH_PROXY_PORT=0 ZLH_HTTP_HOST=127.0.0.1 java -jar "$jar" run --http-port "$node_port" --data-dir "$tmp/node" \
    >"$tmp/node.log" 2>&1 &
  node_pid=$!
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "$node_base/health/ready" 2>/dev/null; then break; fi
    if ! kill -0 "$node_pid" 2>/dev/null; then echo "node exited early:" >&2; tail -n 30 "$tmp/node.log" >&2; exit 1; fi
    sleep 0.5
  done
  # routes appear in the HTTP metrics once requested
  curl -fsS -o /dev/null "$node_base/health/ready"
  curl -sS -o /dev/null "$node_base/sd/exporters" || true
  curl -fsS "$node_base/metrics" >"$tmp/node-metrics.txt"
  kill "$node_pid" 2>/dev/null || true
  wait "$node_pid" 2>/dev/null || true
  if python3 - "$tmp/exprs.tsv" "$tmp/node-metrics.txt" <<'EOF2'
import re, sys
exprs, scraped = sys.argv[1], sys.argv[2]
exported = {re.match(r"[a-zA-Z_:][a-zA-Z0-9_:]*", l).group(0) for l in open(scraped) if l.strip() and not l.startswith("#")}
elsewhere = ("prometheus_", "node_", "zlh_file_sd_")
keywords = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset"}
def names(expr):
    e = re.sub(r'"(?:[^"\\]|\\.)*"', "", expr)
    e = re.sub(r"\{[^}]*\}", " ", e)
    e = re.sub(r"\[[^\]]*\]", " ", e)
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", e)
    for m in re.finditer(r"(?<![\w:.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?", e):
        if m.group(2) or m.group(1) in keywords:
            continue
        yield m.group(1)
# label values of the node's series: {(name, label): {values}}
values = {}
for l in open(scraped):
    m = re.match(r"([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\}", l)
    if m:
        for k, v in re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(2)):
            values.setdefault((m.group(1), k), set()).add(v)
scrape_labels = {"job", "instance"}  # added by Prometheus, not by the node
bad = 0
for line in open(exprs):
    src, expr = line.rstrip("\n").split("\t", 1)
    for n in sorted(set(names(expr))):
        if n == "up" or n.startswith(elsewhere) or n in exported:
            continue
        print(f"FAIL  {src}: names {n}, which a running node does not export")
        bad += 1
    # name{label="v"} / name{label=~"a|b"}: each literal value must be one the node exports
    for sel in re.finditer(r"([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\}", expr):
        n = sel.group(1)
        if n == "up" or n.startswith(elsewhere) or n not in exported:
            continue
        for k, op, v in re.findall(r'(\w+)\s*(=~|=)\s*"([^"]*)"', sel.group(2)):
            if k in scrape_labels or (op == "=~" and not re.fullmatch(r"[\w|/-]+", v)):
                continue
            for want in v.split("|") if op == "=~" else [v]:
                if want not in values.get((n, k), set()):
                    print(f"FAIL  {src}: {n}{{{k}=\"{want}\"}} is not exported by a running node")
                    bad += 1
print(f"metric names: {len(exported)} exported by the node, {bad} missing")
sys.exit(1 if bad else 0)
EOF2
  then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
