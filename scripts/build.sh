#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Configures and builds skolvag, its tests and benchmarks in build/ (Release, -Werror).
# Assumes scripts/setup.sh has run. BUILD_DIR overrides the folder; extra arguments go
# to cmake (e.g. -DSKOLVAG_SANITIZE=ON -DSKOLVAG_BUILD_BENCH=OFF).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DSKOLVAG_WERROR=ON "$@" >/dev/null
cmake --build "$build_dir" -j "${JOBS:-2}"
