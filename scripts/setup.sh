#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs every Debian 12 package that skolvag's build, tests and benchmarks need.
# Idempotent: packages already present are left alone, so a second run is fast and
# needs no network. Run as root (or with sudo available).
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake pkg-config
  # geodata: OSM reading, projections, vector files
  libosmium2-dev libprotozero-dev libproj-dev proj-data libgdal-dev gdal-bin
  # routing and geometry
  libboost-dev libboost-graph-dev libmetis-dev
  # rules files, JSON, HTTP, crypto, vault
  libtomlplusplus-dev nlohmann-json3-dev libcpp-httplib-dev libssl-dev libsqlite3-dev sqlite3
  # the PostgreSQL vault: libpq, and the server for the tests' throwaway cluster (scripts/lib/pg_cluster.sh)
  libpq-dev postgresql-15
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev python3 curl openssl wrk
  # the case officer's map (GET /map): Leaflet, served from the package, never a copy
  libjs-leaflet
  # the map page's browser tests (tests/browser/): headless Chromium driven by Selenium, Firefox ESR
  chromium chromium-driver python3-selenium firefox-esr
  # fuzzing (scripts/fuzz.sh: clang's libFuzzer) and the proxy's test (scripts/deploy/)
  clang libclang-rt-14-dev nginx
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed" >&2
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done" >&2
