#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fuzzes every reader of outside input: builds the libFuzzer targets of tests/fuzz with
# clang (ASan and UBSan) in build-fuzz/, then runs each for SECONDS (default 60), two at
# a time. Seeds: tests/fuzz/seeds, scripts/demo and, where present, ../shared's cases
# (SKOLVAG_SHARED overrides); the corpus each target grows stays in build-fuzz/corpus
# for the next run. Prints each target's executions; exits 1 on a crash, leaving its
# input in build-fuzz/crashes/TARGET/: fix the crash, then keep the input in
# tests/fuzz/regressions/TARGET/, where every test run replays it.
#   scripts/fuzz.sh [SECONDS] [TARGET...]      targets: see tests/fuzz/CMakeLists.txt
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
"$root/scripts/setup.sh"
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
shared=${SKOLVAG_SHARED:-$root/../shared}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  read -r -a targets <<< "$(sed -n 's/^set(SKOLVAG_FUZZ_TARGETS \(.*\))$/\1/p' "$root/tests/fuzz/CMakeLists.txt")"
fi

if [ ${#targets[@]} -eq 0 ]; then
  echo "fuzz: no targets found in tests/fuzz/CMakeLists.txt (its set(SKOLVAG_FUZZ_TARGETS ...) must be one line)" >&2
  exit 1
fi
echo "fuzz: building ${#targets[@]} targets with clang in $build" >&2
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSKOLVAG_FUZZ=ON \
  -DSKOLVAG_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" --target fuzz_targets -j "${JOBS:-2}" >/dev/null

# Seeds from ../shared: the cases' pairs, rules and tables (never copied into the project).
shared_seeds() {
  [ -d "$shared/data" ] || return 0
  case $1 in
    pairs_table) find "$shared/data/cases" "$shared/data/cases_v2" -name 'pairs.csv' ;;
    rules_toml) find "$shared/data/cases" "$shared/data/cases_v2" -name 'rules*.toml' ;;
    register_table) find "$shared/data/cases" "$shared/data/cases_v2" -name 'expected_*.csv' | head -4 ;;
  esac
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
run_target() {
  local t=$1 corpus="$build/corpus/$1" seeds="$build/seeds/$1" crashes="$build/crashes/$1"
  mkdir -p "$corpus" "$seeds" "$crashes"
  cp -r "$root/tests/fuzz/seeds/$t/." "$seeds/" 2>/dev/null || true
  cp -r "$root/tests/fuzz/regressions/$t/." "$seeds/" 2>/dev/null || true
  case $t in
    osm_xml) cp "$root/scripts/demo/exempelby.osm" "$seeds/" ;;
    register_table) cp "$root/scripts/demo/exempelby-schools.csv" "$root/scripts/demo/exempelby-pupils.csv" "$seeds/" ;;
    rules_toml) cp "$root/scripts/demo/exempelby-rules.toml" "$seeds/" ;;
    pairs_table) cp "$root/scripts/demo/exempelby-pairs.csv" "$seeds/" ;;
  esac
  local n=0
  while read -r f; do [ -n "$f" ] && cp "$f" "$seeds/shared-$((n += 1))-$(basename "$f")"; done < <(shared_seeds "$t")
  (cd "$build" && "./tests/fuzz/${t}_fuzz" -max_total_time="$seconds" -print_final_stats=1 -timeout=20 \
     -rss_limit_mb=2048 -artifact_prefix="$crashes/" "$corpus" "$seeds" > "$build/$t.log" 2>&1)
}

status=0
total=0
pids=()
names=()
report() { # the target's executions, or its crash
  local t=$1 rc=$2 execs
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/$t.log" | tail -1)
  execs=${execs:-0}
  total=$((total + execs))
  if [ "$rc" -eq 0 ]; then
    printf 'fuzz: %-16s %12d executions in %s s, no crash\n' "$t" "$execs" "$seconds"
  else
    status=1
    printf 'fuzz: %-16s CRASH after %d executions; input in %s, log %s\n' "$t" "$execs" "$build/crashes/$t" "$build/$t.log"
    grep -m 5 -E "ERROR|SUMMARY|uncaught|Deadly" "$build/$t.log" || true
  fi
}
for t in "${targets[@]}"; do
  run_target "$t" & pids+=($!); names+=("$t")
  if [ ${#pids[@]} -ge "${JOBS:-2}" ]; then
    rc=0; wait "${pids[0]}" || rc=$?; report "${names[0]}" "$rc"; pids=("${pids[@]:1}"); names=("${names[@]:1}")
  fi
done
for i in "${!pids[@]}"; do
  rc=0; wait "${pids[$i]}" || rc=$?; report "${names[$i]}" "$rc"
done
echo "fuzz: $total executions in total"
exit $status
