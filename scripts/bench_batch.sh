#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The whole-municipality benchmark, one command: for each extract (default porto and
# heidelberg from ../shared/data/osm) and 10,000 and 100,000 synthetic pupils, the
# batch run's time, pupils/s, pupil x school pairs/s and peak memory, and the
# Boost.Graph baseline with its ratio. Each size runs in its own process so that peak
# memory is that run's. Synthetic pupils only; aggregates only.
#   scripts/bench_batch.sh [EXTRACT ...]     e.g. scripts/bench_batch.sh porto_portugal.osm.pbf
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh" >/dev/null
bench="${BUILD_DIR:-$root/build}/bench/batch_bench"
extracts=("$@")
if [ ${#extracts[@]} -eq 0 ]; then
  extracts=(porto_portugal.osm.pbf heidelberg.test.pbf)
fi
for extract in "${extracts[@]}"; do
  for pupils in 10000 100000; do
    echo "== $extract, $pupils pupils"
    "$bench" --extract "$extract" --pupils "$pupils" --threads "${THREADS:-2}"
  done
done
