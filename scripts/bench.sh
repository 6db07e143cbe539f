#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs the Google Benchmark programs on the shared extracts: network build time and
# peak memory (one extract per process, so the peak is that extract's), snapping
# throughput, one-to-one distance latency and one-to-all trees on porto.
# Needs ../shared (or SKOLVAG_SHARED). Builds first if needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh" >/dev/null
bench="${BUILD_DIR:-$root/build}/bench"
for extract in heidelberg porto; do
  "$bench/network_build_bench" --benchmark_filter="BuildNetwork/$extract" 2>/dev/null | grep BM_
done
"$bench/query_bench" 2>/dev/null | grep BM_
"$bench/dijkstra_bench" 2>/dev/null | grep BM_
