#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# scripts/national.sh on a tiny synthetic country (country_gen: 3 municipalities):
# the union of the per-municipality decisions is one whole run's decisions, row for
# row and column for column; a job that fails makes the script fail and name it.
#   national_split_test.sh SKOLVAG COUNTRY_GEN SOURCE_DIR
set -euo pipefail
skolvag=$1 country_gen=$2 src=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rules=$src/scripts/demo/exempelby-rules.toml

"$country_gen" --out "$work/country" --nodes 4000 --pupils 400 --schools 12 --municipalities 3 --seed 7 2>/dev/null
c=$work/country
"$skolvag" batch --network "$c/country.osm.pbf" --schools "$c/schools.csv" --pupils "$c/pupils.csv" --rules "$rules" \
  --out "$work/whole.csv" --threads 1 2>/dev/null
# Twice: with the default cut (25 km: this small country is inside it, so no cut), and
# with a cut of 1 km around each municipality, each job on its part of the network.
for margin in 25 1; do
SKOLVAG=$skolvag BATCH_OPTIONS="--cut-margin-km $margin" "$src/scripts/national.sh" "$c/country.osm.pbf" \
  "$c/schools.csv" "$c/pupils.csv" "$rules" "$work/split-$margin" 2 2> "$work/national.err"
grep -q "national: all 3 municipalities decided" "$work/national.err" || { cat "$work/national.err"; exit 1; }
cmp "$work/split-$margin/municipalities.txt" "$c/municipalities.txt"
if [ "$margin" = 1 ]; then
  cut=$(grep -l "network cut to the municipality's area and 1 km around it" "$work/split-1/logs/"*.log | wc -l)
  [ "$cut" = 3 ] || { echo "national_split: $cut of 3 jobs ran on a cut network"; cat "$work/split-1/logs/"*.log; exit 1; }
fi
python3 - "$work/whole.csv" "$work/split-$margin" <<'PY'
import csv, glob, sys
whole = {(r["pupil_ref"], r["home_no"]): r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
union = {}
for path in sorted(glob.glob(sys.argv[2] + "/decisions-*.csv")):
    for r in csv.DictReader(open(path, encoding="utf-8")):
        key = (r["pupil_ref"], r["home_no"])
        assert key not in union, f"{key} decided in two municipalities"
        union[key] = r
assert len(whole) == 400, len(whole)
assert union.keys() == whole.keys(), "the municipalities' homes are not the register's"
outcomes = set()
for key, row in whole.items():
    differing = [c for c in row if row[c] != union[key][c]]
    assert not differing, f"{key}: {differing}"
    outcomes.add(row["outcome"])
# The country is not trivial: its homes get different outcomes.
assert {"eligible_distance", "eligible_traffic", "not_eligible"} <= outcomes, outcomes
print(f"{len(union)} homes in {len(glob.glob(sys.argv[2] + '/decisions-*.csv'))} municipalities: identical")
PY
done

# A job that fails (a code no home has) fails the whole run, named with its exit code.
printf '%s\n9999\n' "$(head -n 1 "$c/municipalities.txt")" > "$work/codes.txt"
if MUNICIPALITIES=$work/codes.txt SKOLVAG=$skolvag "$src/scripts/national.sh" "$c/country.osm.pbf" "$c/schools.csv" \
  "$c/pupils.csv" "$rules" "$work/failing" 2 2> "$work/failing.err"; then
  echo "national.sh succeeded although a job failed" >&2; exit 1
fi
grep -q "national: 1 of 2 municipalities failed: 9999 (exit 1)" "$work/failing.err" || { cat "$work/failing.err"; exit 1; }
grep -q "no home has municipality '9999'" "$work/failing/logs/9999.log"
echo "national.sh: a failing job is named"
