#!/usr/bin/env bash
# Checks every installation file in deploy/ with its own tool, in a temp dir (no /etc needed):
#   1. systemd units (the node's and the backup's): `systemd-analyze verify` (any warning fails) and
#      `systemd-analyze security --offline` (exposure at most 2.0);
#   2. the nginx front: `nginx -t` on a main config including deploy/nginx, its /etc paths
#      rewritten into the temp dir and dummy certificates made by openssl;
#   3. the example configuration: `zlh config check` through the jar, with the unit's
#      Environment= lines, dummy secrets for every variable of secrets.env.example and dummy
#      credential files, so unit, configuration and secrets file are checked together.
# The jar must be built (./mvnw package). Last line: "N passed, M failed"; exit 1 on any failure.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="${ZLH_JAR:-$here/../verticles/target/zlh-platform.jar}"

need=()
command -v nginx >/dev/null 2>&1 || need+=(nginx)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)
if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""; if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
    echo "installing Debian packages: ${need[*]}"
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "missing tools: ${need[*]}" >&2; exit 1
  fi
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
ok()   { passed=$((passed + 1)); echo "ok    $1"; }
fail() { failed=$((failed + 1)); echo "FAIL  $1"; [ -s "$tmp/out" ] && sed 's/^/      /' "$tmp/out"; }

# --- 1. systemd units ---------------------------------------------------------
# verify prints unknown keys, bad values and missing ExecStart binaries but exits 0 on some of
# them: any output is a failure. ExecStart is /usr/bin/java, present wherever the jar is built.
mkdir -p "$tmp/units"
for unit in "$here"/systemd/*.service "$here"/backup/*.service "$here"/backup/*.timer; do
  name="$(basename "$unit")"
  cp "$unit" "$tmp/units/$name"
  if (cd "$tmp/units" && systemd-analyze verify "./$name") >"$tmp/out" 2>&1 && [ ! -s "$tmp/out" ]; then
    ok "systemd-analyze verify $name"
  else
    fail "systemd-analyze verify $name"
  fi
  [ "${name%.service}" != "$name" ] || continue
  # A node's unit stops it with SIGTERM (the drain) and waits longer than the drain can take:
  # http.drainGraceMs (5 s by default) + the 8 s stop budget.
  if grep -q '^ExecStart=.*zlh-platform.jar run' "$unit"; then
    stop_s="$(sed -n 's/^TimeoutStopSec=\([0-9]*\)s\{0,1\}$/\1/p' "$unit")"
    if grep -qx 'KillSignal=SIGTERM' "$unit" && [ -n "$stop_s" ] && [ "$stop_s" -gt 13 ]; then
      ok "$name: KillSignal=SIGTERM, TimeoutStopSec=${stop_s} above the drain (5 s grace + 8 s)"
    else
      echo "KillSignal=SIGTERM and TimeoutStopSec > 13 wanted" >"$tmp/out"; fail "$name: stop settings"
    fi
  fi
  if (cd "$tmp/units" && systemd-analyze security --offline=true --threshold=20 "./$name") >"$tmp/security" 2>&1; then
    ok "systemd-analyze security $name: $(grep -o 'exposure level.*' "$tmp/security")"
  else
    cp "$tmp/security" "$tmp/out"; fail "systemd-analyze security $name (exposure above 2.0)"
  fi
done

# --- 2. nginx front -----------------------------------------------------------
front="$tmp/nginx"
mkdir -p "$front/snippets" "$front/certs"
cert() { # name, subject alt names
  mkdir -p "$front/certs/$1"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=$1" \
    -addext "subjectAltName=$2" -keyout "$front/certs/$1/privkey.pem" -out "$front/certs/$1/fullchain.pem" 2>/dev/null
}
cert portal.zerolaghub.com "DNS:portal.zerolaghub.com"
cert zlh-dev.net "DNS:*.zlh-dev.net"
for f in "$here"/nginx/*.conf; do
  sed -e "s#/etc/nginx/snippets/#$front/snippets/#g" -e "s#/etc/letsencrypt/live/#$front/certs/#g" "$f" \
    >"$front/$(basename "$f")"
done
mv "$front/zlh-proxy.conf" "$front/zlh-tls.conf" "$front/snippets/"
if grep -n '^[^#]*/etc/' "$front/zlh.conf" "$front/snippets/"*.conf >"$tmp/out"; then
  fail "nginx: a path under /etc was not rewritten"
fi
cat >"$front/nginx.conf" <<NGINX
pid $front/nginx.pid;
error_log $front/error.log;
events {}
http {
    access_log off;
    client_body_temp_path $front/body;
    proxy_temp_path $front/proxy;
    include $front/zlh.conf;
}
NGINX
if nginx -t -q -e "$front/error.log" -c "$front/nginx.conf" >"$tmp/out" 2>&1; then
  ok "nginx -t deploy/nginx (zlh.conf, zlh-proxy.conf, zlh-tls.conf)"
else
  fail "nginx -t deploy/nginx"
fi

# --- 3. example configuration through the jar -----------------------------------
if [ ! -f "$jar" ]; then
  echo "no jar at $jar (./mvnw -B -ntp -DskipTests package)" >"$tmp/out"; fail "zlh config check"
else
  creds="$tmp/credentials"
  mkdir -p "$creds"
  openssl rand -hex 32 >"$creds/sd-token"
  openssl genpkey -algorithm ed25519 -out "$creds/audit-key.pem" 2>/dev/null
  # Every empty variable of the secrets file gets a dummy value (filled ones keep theirs); the unit's Environment= lines apply as
  # systemd would set them, %d being the credentials directory.
  env_args=()
  while IFS= read -r line; do
    case "$line" in ''|'#'*) continue ;; esac
    value="${line#*=}"
    env_args+=("${line%%=*}=${value:-dummy-$(openssl rand -hex 20)}")
  done <"$here/config/secrets.env.example"
  for unit in "$here"/systemd/*.service; do
    unit_env=()
    while IFS= read -r line; do
      for assignment in ${line#Environment=}; do unit_env+=("${assignment//%d/$creds}"); done
    done < <(grep '^Environment=' "$unit")
    if env -i PATH="$PATH" HOME="$tmp" "${env_args[@]}" "${unit_env[@]}" \
        java -jar "$jar" config check --config "$here/config/zlh.example.yaml" >"$tmp/out" 2>&1; then
      ok "zlh config check deploy/config/zlh.example.yaml with secrets.env.example and $(basename "$unit")"
    else
      fail "zlh config check deploy/config/zlh.example.yaml with $(basename "$unit")"
    fi
  done
  # Without the secrets it must fail: the check is not vacuous.
  if env -i PATH="$PATH" HOME="$tmp" java -jar "$jar" config check --config "$here/config/zlh.example.yaml" >"$tmp/out" 2>&1; then
    : >"$tmp/out"; fail "zlh config check accepted the example without its secrets"
  else
    ok "zlh config check refuses the example without its secrets"
  fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
