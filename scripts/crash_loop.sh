#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Durability under kill -9: ROUNDS times (default 100) a server on the Exempelby demo
# is started, a client registers homes as fast as it can, and the server is killed
# with SIGKILL at a random moment (0.2 to 0.7 s in). Every token the client had been
# answered 201 for must still be there afterwards (each is exported once), and the
# audit chain must still verify. Exits 1 on any token lost.
#   scripts/crash_loop.sh [ROUNDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh" >/dev/null
build="${BUILD_DIR:-$root/build}"
rounds=${1:-100}
demo="$root/scripts/demo"

work=$(mktemp -d)
cleanup() { [ -f "$work/pid" ] && kill -9 "$(cat "$work/pid")" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
"$build/skolvag" vault-key --out vault.key 2>/dev/null
"$build/skolvag" hash-key > registrar.key
"$build/skolvag" hash-key > admin.key
# shellcheck source=lib/server_toml.sh
source "$root/scripts/lib/server_toml.sh"
{
  server_toml "$demo/exempelby.osm" "127.0.0.1:0"
  tenant_toml exempelby "$demo/exempelby-schools.csv" "$demo/exempelby-rules.toml"
  client_toml registrar exempelby registrar registrar.key 100000000
  client_toml dpo exempelby admin admin.key 100000000
} > server.toml

start_server() {
  : > serve.err
  "$build/skolvag" serve --config server.toml 2> serve.err &
  echo $! > pid
  for _ in $(seq 1 200); do grep -q "listening on" serve.err && break; sleep 0.05; done
  port=$(grep -o "127.0.0.1:[0-9]*" serve.err | head -1 | cut -d: -f2)
  [ -n "$port" ] || { echo "crash_loop: the server did not start:" >&2; cat serve.err >&2; exit 1; }
}

# Registers until the connection breaks; a token goes to acked.txt only once its 201 is read whole.
register() {
  python3 - "$port" "$(sed -n 1p registrar.key)" <<'PY'
import http.client, json, random, sys
port, key = int(sys.argv[1]), sys.argv[2]
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
with open("acked.txt", "a") as acked:
    while True:
        body = json.dumps({"lon": 14.495 + random.random() * 0.02, "lat": 58.297 + random.random() * 0.01})
        try:
            conn.request("POST", "/v1/tokens", body, {"Authorization": "Bearer " + key, "Content-Type": "application/json"})
            answer = conn.getresponse()
            data = answer.read()
        except (OSError, http.client.HTTPException):
            break
        if answer.status == 201:
            acked.write(json.loads(data)["token"] + "\n")
            acked.flush()
PY
}

touch acked.txt
for round in $(seq 1 "$rounds"); do
  start_server
  register &
  client=$!
  sleep "0.$((RANDOM % 6 + 2))"
  kill -9 "$(cat pid)"
  wait "$(cat pid)" 2>/dev/null || true
  wait "$client" || true
  [ $((round % 10)) -eq 0 ] && echo "crash_loop: $round of $rounds kills, $(wc -l < acked.txt) tokens acknowledged" >&2
done

start_server
lost=$(python3 - "$port" "$(sed -n 1p admin.key)" <<'PY'
import http.client, sys
port, key = int(sys.argv[1]), sys.argv[2]
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
lost = 0
for token in open("acked.txt").read().split():
    conn.request("GET", "/v1/tokens/" + token + "/export", headers={"Authorization": "Bearer " + key})
    answer = conn.getresponse()
    answer.read()
    lost += answer.status != 200
print(lost)
PY
)
kill "$(cat pid)"; wait "$(cat pid)" 2>/dev/null || true
acked=$(wc -l < acked.txt)
verified=$("$build/skolvag" audit-verify --config server.toml || true)
echo "crash_loop: $rounds kill -9s, $acked tokens acknowledged, $lost lost; $verified"
[ "$lost" -eq 0 ] && [[ "$verified" == *verified* ]]
