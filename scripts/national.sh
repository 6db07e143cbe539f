#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A national batch run as independent per-municipality jobs, on this machine:
#
#   scripts/national.sh NETWORK SCHOOLS PUPILS RULES OUTDIR [JOBS]
#   scripts/national.sh --list PUPILS          # the municipality codes, one a line
#
# Lists the codes of the pupils file's `municipality` column (a CSV with commas or
# semicolons; MUNICIPALITIES=FILE gives the list instead, one code a line), writes them
# to OUTDIR/municipalities.txt, and runs `skolvag batch --municipality CODE` for each,
# at most JOBS (default 2) at a time, each with THREADS threads (default 1):
# OUTDIR/decisions-CODE.csv and its log OUTDIR/logs/CODE.log (counts only, no pupil).
# NETWORK is best a prepared network (skolvag prepare): every job reads it. Progress
# on stderr; exits 1 naming every municipality whose job failed (its exit code and log),
# 2 for a wrong command line. SKOLVAG=PATH picks the executable (default build/skolvag);
# extra batch options go in BATCH_OPTIONS (e.g. "--max-failed-share 0.3").
# The same jobs on a cluster: scripts/deploy/national/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

usage() {
  echo "usage: scripts/national.sh NETWORK SCHOOLS PUPILS RULES OUTDIR [JOBS]" >&2
  echo "       scripts/national.sh --list PUPILS" >&2
  exit 2
}

# The distinct codes of a CSV's municipality column (any case), in sorted order.
list_codes() {
  local file=$1
  [ -r "$file" ] || { echo "national: $file: cannot be read" >&2; exit 1; }
  local header
  header=$(head -n 1 "$file" | tr -d '\r' | sed 's/^\xEF\xBB\xBF//')
  local sep=,
  if [[ $header != *,* && $header == *\;* ]]; then sep=';'; fi
  local codes
  codes=$(awk -F"$sep" -v file="$file" '
    NR == 1 { gsub(/\r/, ""); sub(/^\xEF\xBB\xBF/, "")
              for (i = 1; i <= NF; i++) { h = tolower($i); gsub(/"/, "", h); if (h == "municipality") col = i }
              if (!col) { print "national: " file ": no municipality column" > "/dev/stderr"; exit 1 }
              next }
    { gsub(/\r/, ""); v = $col; gsub(/"/, "", v); if (v != "") print v }' "$file" | sort -u)
  [ -n "$codes" ] || { echo "national: $file: no municipality codes" >&2; exit 1; }
  printf '%s\n' "$codes"
}

if [ "${1:-}" = "--list" ]; then
  [ $# -eq 2 ] || usage
  list_codes "$2"
  exit 0
fi
[ $# -ge 5 ] && [ $# -le 6 ] || usage
network=$1 schools=$2 pupils=$3 rules=$4 outdir=$5 jobs=${6:-2}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "national: JOBS must be a whole number from 1, not '$jobs'" >&2; exit 2; }
threads=${THREADS:-1}
[[ $threads =~ ^[1-9][0-9]*$ ]] || { echo "national: THREADS must be a whole number from 1, not '$threads'" >&2; exit 2; }
skolvag=${SKOLVAG:-$root/build/skolvag}
[ -x "$skolvag" ] || { echo "national: $skolvag: no skolvag executable (build it, or set SKOLVAG)" >&2; exit 1; }
for f in "$network" "$schools" "$pupils" "$rules"; do
  [ -r "$f" ] || { echo "national: $f: cannot be read" >&2; exit 1; }
done

mkdir -p "$outdir/logs"
rm -rf "$outdir/status" && mkdir -p "$outdir/status"
if [ -n "${MUNICIPALITIES:-}" ]; then
  [ -r "$MUNICIPALITIES" ] || { echo "national: $MUNICIPALITIES: cannot be read" >&2; exit 1; }
  grep -v '^[[:space:]]*$' "$MUNICIPALITIES" | tr -d '\r' > "$outdir/municipalities.txt"
else
  list_codes "$pupils" > "$outdir/municipalities.txt"
fi
total=$(wc -l < "$outdir/municipalities.txt")
echo "national: $total municipalities, $jobs at a time, $threads thread(s) each; decisions in $outdir" >&2

# One municipality's job: its exit code goes to status/CODE, its stderr to logs/CODE.log.
run_one() {
  local code=$1 start=$SECONDS rc=0
  # shellcheck disable=SC2086 # BATCH_OPTIONS is a list of options
  "$NATIONAL_SKOLVAG" batch --network "$NATIONAL_NETWORK" --schools "$NATIONAL_SCHOOLS" --pupils "$NATIONAL_PUPILS" \
    --rules "$NATIONAL_RULES" --out "$NATIONAL_OUT/decisions-$code.csv" --threads "$NATIONAL_THREADS" \
    --municipality "$code" ${BATCH_OPTIONS:-} 2> "$NATIONAL_OUT/logs/$code.log" || rc=$?
  echo "$rc" > "$NATIONAL_OUT/status/$code"
  local done_count
  done_count=$(find "$NATIONAL_OUT/status" -type f | wc -l)
  if [ "$rc" -eq 0 ]; then
    echo "national: $code done in $((SECONDS - start)) s ($done_count of $NATIONAL_TOTAL)" >&2
  else
    echo "national: $code FAILED (exit $rc) after $((SECONDS - start)) s ($done_count of $NATIONAL_TOTAL); see $NATIONAL_OUT/logs/$code.log" >&2
  fi
}
export -f run_one
export NATIONAL_SKOLVAG=$skolvag NATIONAL_NETWORK=$network NATIONAL_SCHOOLS=$schools NATIONAL_PUPILS=$pupils \
  NATIONAL_RULES=$rules NATIONAL_OUT=$outdir NATIONAL_THREADS=$threads NATIONAL_TOTAL=$total BATCH_OPTIONS="${BATCH_OPTIONS:-}"

start=$SECONDS
# xargs runs each code in its own bash; its own exit status is ignored: status/ decides.
xargs -P "$jobs" -I{} bash -c 'run_one "$1"' _ {} < "$outdir/municipalities.txt" || true

failed=()
while read -r code; do
  rc=$(cat "$outdir/status/$code" 2>/dev/null || echo "not run")
  if [ "$rc" != 0 ]; then failed+=("$code (exit $rc)"); fi
done < "$outdir/municipalities.txt"
if [ ${#failed[@]} -gt 0 ]; then
  echo "national: ${#failed[@]} of $total municipalities failed: $(IFS=,; echo "${failed[*]}" | sed 's/,/, /g'); logs in $outdir/logs/" >&2
  exit 1
fi
echo "national: all $total municipalities decided in $((SECONDS - start)) s; decisions in $outdir/decisions-CODE.csv" >&2
