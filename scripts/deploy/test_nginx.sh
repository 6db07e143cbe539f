#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs nginx-skolvag.conf for real, as an unprivileged user on loopback: skolvag on the
# Exempelby demo behind nginx with a throwaway certificate, then attacks.py's attacks
# through the proxy (slow connections, a 1 GiB chunked body, large and compressed
# bodies, a header flood), with the memory of skolvag and of nginx's worker watched.
# Then one registration through the proxy, to show it still passes the API on.
#   scripts/deploy/test_nginx.sh          SLOW_SECONDS=15 to change the slow attack
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh" >/dev/null
build="${BUILD_DIR:-$root/build}"
nginx=$(command -v nginx || echo /usr/sbin/nginx)
demo="$root/scripts/demo"

work=$(mktemp -d)
cleanup() {
  for f in "$work/skolvag.pid" "$work/nginx.pid"; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done
  sleep 0.3
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
skolvag_port=$(free_port)
proxy_port=$(free_port)

"$build/skolvag" vault-key --out vault.key 2>/dev/null
"$build/skolvag" hash-key > registrar.key
# shellcheck source=../lib/server_toml.sh
source "$root/scripts/lib/server_toml.sh"
{
  server_toml "$demo/exempelby.osm" "127.0.0.1:$skolvag_port" \
    "max_connections_per_address = 512  # behind the proxy every connection is from 127.0.0.1"
  tenant_toml exempelby "$demo/exempelby-schools.csv" "$demo/exempelby-rules.toml"
  client_toml registrar exempelby registrar registrar.key
} > server.toml
"$build/skolvag" serve --config server.toml 2> serve.err &
echo $! > skolvag.pid
for _ in $(seq 1 200); do grep -q "listening on" serve.err && break; sleep 0.05; done

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout server.key -out server.crt \
  >/dev/null 2>&1
chmod 600 server.key
mkdir -p logs temp
# The shipped site, with this run's ports, certificate and log; nothing else changed.
sed -e "s|server 127.0.0.1:8080;|server 127.0.0.1:$skolvag_port;|" \
    -e "s|listen 443 ssl;|listen 127.0.0.1:$proxy_port ssl;|" -e '/listen \[::\]:443 ssl;/d' \
    -e "s|/etc/ssl/skolvag/server.crt|$work/server.crt|" -e "s|/etc/ssl/skolvag/server.key|$work/server.key|" \
    -e "s|/var/log/nginx/skolvag-error.log|$work/logs/error.log|" \
    "$root/scripts/deploy/nginx-skolvag.conf" > site.conf
cat > nginx.conf <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log crit;
events { worker_connections 1024; }
http {
    client_body_temp_path $work/temp/body;
    proxy_temp_path $work/temp/proxy;
    fastcgi_temp_path $work/temp/fastcgi;
    uwsgi_temp_path $work/temp/uwsgi;
    scgi_temp_path $work/temp/scgi;
    include $work/site.conf;
}
CONF
"$nginx" -p "$work" -c "$work/nginx.conf" -t 2>&1 | grep -v "^nginx: \[warn\]" >&2 || true
"$nginx" -p "$work" -c "$work/nginx.conf"
for _ in $(seq 1 100); do [ -s nginx.pid ] && break; sleep 0.05; done
sleep 0.3
worker=$(pgrep -P "$(cat nginx.pid)" | head -1)

python3 "$root/scripts/deploy/attacks.py" --port "$proxy_port" --tls --pid "$(cat skolvag.pid)" --pid "$worker" \
  --slow-seconds "${SLOW_SECONDS:-15}"
status=$(curl -sk -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $(sed -n 1p registrar.key)" \
  -H 'Content-Type: application/json' -d '{"lon":14.5030805,"lat":58.3014388}' "https://127.0.0.1:$proxy_port/v1/tokens")
[ "$status" = 201 ] || { echo "FAIL a registration through the proxy answered $status" >&2; exit 1; }
echo "ok   a registration through the proxy: 201"
