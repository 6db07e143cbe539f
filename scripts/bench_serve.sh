#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# HTTP benchmark of `skolvag serve` with wrk on loopback: a real extract (default
# porto_portugal.osm.pbf from ../shared/data/osm), 40 synthetic schools, 10,000
# pre-registered synthetic homes; the distance endpoint at fixed rates (2,000 and 3,000
# requests/s asked) and flat out, and token registration flat out and at 500/s. Prints wrk's requests/s and latency
# percentiles. Synthetic homes only.
#   scripts/bench_serve.sh [EXTRACT]     DURATION=20 RATE=2000 to change the runs
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh" >/dev/null
build="${BUILD_DIR:-$root/build}"
extract=${1:-porto_portugal.osm.pbf}
duration=${DURATION:-20}
rate=${RATE:-2000}
shared=${SKOLVAG_SHARED:-$root/../shared}
[ -f "$shared/data/osm/$extract" ] || { echo "bench_serve: $shared/data/osm/$extract not found" >&2; exit 1; }

work=$(mktemp -d)
cleanup() { [ -f "$work/pid" ] && kill "$(cat "$work/pid")" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

SKOLVAG_SHARED=$shared "$build/bench/serve_load_prep" workload --extract "$extract" --pupils 10000 --schools 40 --out "$work"
"$build/skolvag" vault-key --out "$work/vault.key" 2>/dev/null
"$build/skolvag" hash-key > "$work/registrar.key"
"$build/skolvag" hash-key > "$work/case.key"
cat > "$work/server.toml" <<TOML
network = "$shared/data/osm/$extract"
vault = "vault.sqlite"
key_file = "vault.key"
listen = "127.0.0.1:0"
log_file = "skolvag.log"
max_schools_per_token = 40  # wrk asks each token about any of the 40 schools: no purpose limit here

[[tenant]]
name = "bench"
schools = "schools.csv"
rules = "$root/scripts/demo/exempelby-rules.toml"

[[client]]
name = "registrar"
tenant = "bench"
roles = ["registrar"]
key_sha256 = "$(sed -n 2p "$work/registrar.key")"
rate_per_minute = 100000000

[[client]]
name = "case-system"
tenant = "bench"
roles = ["case"]
key_sha256 = "$(sed -n 2p "$work/case.key")"
rate_per_minute = 100000000
TOML

# Seconds since a `date +%s%N` reading, to the millisecond (no bc on a fresh system).
seconds_since() { local ms=$(( ($(date +%s%N) - $1) / 1000000 )); printf '%d.%03d' $((ms / 1000)) $((ms % 1000)); }

start=$(date +%s%N)
"$build/skolvag" serve --config "$work/server.toml" 2> "$work/serve.err" &
echo $! > "$work/pid"
for _ in $(seq 1 600); do grep -q "listening on" "$work/serve.err" && break; sleep 0.1; done
port=$(grep -o "127.0.0.1:[0-9]*" "$work/serve.err" | head -1 | cut -d: -f2)
[ -n "$port" ] || { cat "$work/serve.err"; exit 1; }
echo "server ready in $(seconds_since "$start") s (network, hierarchy, 40 schools x bands precomputed)"

reg_key=$(sed -n 1p "$work/registrar.key")
case_key=$(sed -n 1p "$work/case.key")
start=$(date +%s%N)
"$build/bench/serve_load_prep" register --port "$port" --key "$reg_key" --homes "$work/homes.txt" \
  --out "$work/tokens.txt" --threads 8
echo "registered 10,000 homes in $(seconds_since "$start") s (8 client threads)"

export TOKENS="$work/tokens.txt" HOMES="$work/homes.txt" SCHOOLS=40
for target in $rate $((rate * 3 / 2)); do
  echo "== GET distance at a fixed $target requests/s asked (16 connections, ${duration} s; wrk reports the rate it reached)"
  KEY=$case_key RATE=$target CONNECTIONS=16 wrk -t2 -c16 -d"${duration}s" --latency \
    -s "$root/bench/wrk_distance.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|Latency|50%|75%|90%|99%|requests in|Non-2xx"
done
echo "== GET distance flat out (16 connections, ${duration} s)"
KEY=$case_key RATE=0 CONNECTIONS=16 wrk -t2 -c16 -d"${duration}s" --latency \
  -s "$root/bench/wrk_distance.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|Latency|50%|75%|90%|99%|requests in|Non-2xx"
echo "== POST tokens flat out (16 connections, ${duration} s)"
KEY=$reg_key RATE=0 CONNECTIONS=16 wrk -t2 -c16 -d"${duration}s" --latency \
  -s "$root/bench/wrk_register.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|Latency|50%|75%|90%|99%|requests in|Non-2xx"
echo "== POST tokens at a fixed 500 requests/s (8 connections, ${duration} s)"
KEY=$reg_key RATE=500 CONNECTIONS=8 wrk -t2 -c8 -d"${duration}s" --latency \
  -s "$root/bench/wrk_register.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|Latency|50%|75%|90%|99%|requests in|Non-2xx"
