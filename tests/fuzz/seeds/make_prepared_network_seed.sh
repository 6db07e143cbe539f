#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Writes prepared_network/exempelby.body, the prepared_network fuzz target's seed:
# Exempelby prepared by SKOLVAG, without what the target adds itself (the 16-byte magic,
# the 4-byte version, the two length-prefixed strings of the id and the source's SHA-256
# (8 + 64 bytes each) and the 64-digit checksum). Run again when the format changes.
#   tests/fuzz/seeds/make_prepared_network_seed.sh build/skolvag
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$1" prepare --network "$here/../../../scripts/demo/exempelby.osm" --out "$work/e.skolvag" 2>/dev/null
size=$(stat -c %s "$work/e.skolvag")
head=$((16 + 4 + 8 + 64 + 8 + 64))
tail -c +$((head + 1)) "$work/e.skolvag" | head -c $((size - head - 64)) > "$here/prepared_network/exempelby.body"
