#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# HTTP benchmark of `skolvag serve` with wrk on loopback: a real extract (default
# porto_portugal.osm.pbf from ../shared/data/osm), 40 synthetic schools, 10,000
# pre-registered synthetic homes; the distance endpoint at fixed rates (2,000 and 3,000
# requests/s asked) and flat out, and token registration flat out and at 500/s. Prints wrk's requests/s and latency
# percentiles. Synthetic homes only.
#   scripts/bench_serve.sh [EXTRACT]     DURATION=20 RATE=2000 to change the runs
#   VAULT=postgres scripts/bench_serve.sh    the vault in a throwaway PostgreSQL 15 cluster
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
cleanup() {
  if [ -f "$work/pid" ]; then kill "$(cat "$work/pid")" 2>/dev/null || true; wait 2>/dev/null || true; fi
  stop_workload_vault
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=lib/serve_workload.sh
source "$root/scripts/lib/serve_workload.sh"
start_workload_server

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
