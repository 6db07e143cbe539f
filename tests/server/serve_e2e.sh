#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End to end with curl: keys made by skolvag itself, `skolvag serve` on loopback with
# the shipped Exempelby town, then a case worker's day: register a home, ask for a
# distance, an assessment and a route, trace, export, erase, and read the audit.
# Usage: serve_e2e.sh SKOLVAG_EXECUTABLE SOURCE_DIR
set -euo pipefail
skolvag=$1
source_dir=$2
work=$(mktemp -d)
stop_server() { # and wait: it writes the audit anchor as it stops
  local pid
  pid=$(cat "$work/pid" 2>/dev/null || true)
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  fi
  rm -rf "$work"
}
trap stop_server EXIT
cd "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }

"$skolvag" vault-key --out vault.key
"$skolvag" hash-key > registrar.key
"$skolvag" hash-key > case.key
"$skolvag" hash-key > admin.key
"$skolvag" hash-key > auditor.key
cat > server.toml <<TOML
network = "$source_dir/scripts/demo/exempelby.osm"
vault = "vault.sqlite"
key_file = "vault.key"
listen = "127.0.0.1:0"
log_file = "skolvag.log"

[[tenant]]
name = "exempelby"
schools = "$source_dir/scripts/demo/exempelby-schools.csv"
rules = "$source_dir/scripts/demo/exempelby-rules.toml"

[[client]]
name = "registrar"
tenant = "exempelby"
roles = ["registrar"]
key_sha256 = "$(sed -n 2p registrar.key)"

[[client]]
name = "case-system"
tenant = "exempelby"
roles = ["case"]
key_sha256 = "$(sed -n 2p case.key)"

[[client]]
name = "dpo"
tenant = "exempelby"
roles = ["admin"]
key_sha256 = "$(sed -n 2p admin.key)"

[[client]]
name = "auditor"
tenant = "exempelby"
roles = ["auditor"]
key_sha256 = "$(sed -n 2p auditor.key)"
TOML

"$skolvag" serve --config server.toml 2> serve.err &
echo $! > pid
for _ in $(seq 1 200); do
  grep -q "listening on" serve.err 2>/dev/null && break
  sleep 0.05
done
port=$(grep -o "127.0.0.1:[0-9]*" serve.err | head -1 | cut -d: -f2)
[ -n "$port" ] || fail "the server did not start: $(cat serve.err)"
base="http://127.0.0.1:$port"
auth() { echo "Authorization: Bearer $(sed -n 1p "$1.key")"; }

code=$(curl -s -o /dev/null -w '%{http_code}' "$base/healthz")
[ "$code" = 200 ] || fail "healthz answered $code"
code=$(curl -s -o /dev/null -w '%{http_code}' "$base/v1/schools")
[ "$code" = 401 ] || fail "no key answered $code, not 401"

token=$(curl -s -X POST -H "$(auth registrar)" -H 'Content-Type: application/json' \
  -d '{"lon":14.5030805,"lat":58.3014388,"case_ref":"BOU-E2E-1"}' "$base/v1/tokens" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
[[ "$token" == svt_* ]] || fail "no token: $token"

distance=$(curl -s -H "$(auth case)" "$base/v1/tokens/$token/distance?school=S1&grade=2")
echo "$distance" | grep -q '"outcome":"not_eligible"' || fail "distance: $distance"
echo "$distance" | grep -q '58.30143' && fail "the distance answer holds the home"

assessment=$(curl -s -X POST -H "$(auth case)" -d "{\"token\":\"$token\",\"grade\":\"5\",\"school_id\":\"S3\"}" \
  "$base/v1/assessments")
echo "$assessment" | grep -q 'förvaltningsbesvär' || fail "assessment: $assessment"

route=$(curl -s -H "$(auth case)" "$base/v1/tokens/$token/route?school=S1&grade=2")
echo "$route" | grep -q 'OpenStreetMap contributors' || fail "route: $route"

trace=$(curl -s -H "$(auth admin)" "$base/v1/trace?case_ref=BOU-E2E-1")
echo "$trace" | grep -q "$token" || fail "trace: $trace"

export_json=$(curl -s -H "$(auth admin)" "$base/v1/tokens/$token/export")
echo "$export_json" | grep -q '58.3014388' || fail "export lacks the coordinate: $export_json"

code=$(curl -s -o receipt.json -w '%{http_code}' -X DELETE -H "$(auth admin)" "$base/v1/tokens/$token")
[ "$code" = 200 ] || fail "erase answered $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "$(auth case)" "$base/v1/tokens/$token/distance?school=S1&grade=2")
[ "$code" = 404 ] || fail "an erased token answered $code"

audit=$(curl -s -H "$(auth auditor)" "$base/v1/audit")
for action in register distance assessment route trace export erase; do
  echo "$audit" | grep -q "\"action\":\"$action\"" || fail "no $action in the audit trail"
done
"$skolvag" audit-verify --config server.toml | grep -q verified || fail "audit-verify"

grep -q '58.30143' skolvag.log && fail "the log holds the home"
grep -q 'BOU-E2E-1' skolvag.log && fail "the log holds the case reference"
echo "serve end to end: ok"
