#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Sets up (Debian packages), builds, and runs every test with ctest.
# Tests on real extracts use ../shared (SKOLVAG_SHARED overrides) and skip with a
# message when it is absent.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
cd "${BUILD_DIR:-$root/build}"
ctest --output-on-failure -j "${JOBS:-2}" --timeout 600
