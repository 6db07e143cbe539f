#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Sets up (Debian packages), builds, and runs every test with ctest.
#   scripts/test.sh              the Release build in build/
#   scripts/test.sh --sanitize   the same suite built with AddressSanitizer and
#                                UndefinedBehaviorSanitizer (GCC) in build-sanitize/
# Tests on real extracts use ../shared (SKOLVAG_SHARED overrides) and skip with a
# message when it is absent.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
if [ "${1:-}" = "--sanitize" ]; then
  export BUILD_DIR=${BUILD_DIR:-$root/build-sanitize}
  # A sanitizer report ends the process with an error, so the test that ran it fails.
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  "$root/scripts/build.sh" -DSKOLVAG_SANITIZE=ON -DSKOLVAG_BUILD_BENCH=OFF
elif [ $# -gt 0 ]; then
  echo "usage: scripts/test.sh [--sanitize]" >&2
  exit 2
else
  "$root/scripts/build.sh"
fi
cd "${BUILD_DIR:-$root/build}"
ctest --output-on-failure -j "${JOBS:-2}" --timeout 900
