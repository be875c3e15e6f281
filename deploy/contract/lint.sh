#!/usr/bin/env bash
# Lints the API contract with Redocly CLI's recommended rules (deploy/contract/redocly.yaml, which
# raises the rules client generators depend on to errors). Redocly is pinned and fetched from the
# npm registry by npx; needs node 20+. Operations that truly have no 4xx answer are listed, with
# the reason, in deploy/contract/.redocly.lint-ignore.yaml.
# Usage: deploy/contract/lint.sh   Exit 0 when the contract has no error and no warning.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REDOCLY_VERSION=2.77.0
command -v npx >/dev/null 2>&1 || { echo "missing required tool: npx (node 20+)" >&2; exit 2; }
cd "$here"   # the ignore file names the contract relative to this directory
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
out="$(npx -y "@redocly/cli@$REDOCLY_VERSION" lint --config redocly.yaml --max-problems 500 --format stylish \
  ../../verticles/src/main/resources/openapi.yaml 2>&1)" && rc=0 || rc=$?
grep -v -e '║' -e '╔' -e '╚' <<<"$out"
# a warning fails too: nothing the recommended rules flag is left unexplained
if [ "$rc" -ne 0 ] || grep -qE '^ +[0-9]+:[0-9]+ +warning ' <<<"$out"; then
  echo "contract lint: FAIL" >&2
  exit 1
fi
echo "contract lint: PASS"
