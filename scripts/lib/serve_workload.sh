# SPDX-License-Identifier: MIT
# Sourced by bench_serve.sh and soak.sh: a `skolvag serve` on a real extract with 40
# synthetic schools and 10,000 synthetic homes registered, for load runs. Synthetic
# homes only. Needs: root, build, shared, extract, work (a folder of its own).
# Sets: port, reg_key, case_key, and writes $work/pid, $work/tokens.txt, $work/homes.txt.
# VAULT=postgres keeps the vault in a throwaway PostgreSQL 15 cluster in $work/pg (with
# fsync and synchronous_commit on, as a production database runs), stopped by
# stop_workload_vault.
# shellcheck source=server_toml.sh
source "$root/scripts/lib/server_toml.sh"

# Seconds since a `date +%s%N` reading, to the millisecond (no bc on a fresh system).
seconds_since() { local ms=$(( ($(date +%s%N) - $1) / 1000000 )); printf '%d.%03d' $((ms / 1000)) $((ms % 1000)); }

start_workload_server() {
  if [ "${VAULT:-sqlite}" = postgres ]; then
    chmod 711 "$work" # the cluster's owner (postgres, when run as root) passes through
    "$root/scripts/lib/pg_cluster.sh" start "$work/pg"
    VAULT_URL="$(cat "$work/pg/url")/postgres"
    export VAULT_URL
  fi
  SKOLVAG_SHARED=$shared "$build/bench/serve_load_prep" workload --extract "$extract" --pupils 10000 --schools 40 \
    --out "$work"
  "$build/skolvag" vault-key --out "$work/vault.key" 2>/dev/null
  "$build/skolvag" hash-key > "$work/registrar.key"
  "$build/skolvag" hash-key > "$work/case.key"
  {
    server_toml "$shared/data/osm/$extract" "127.0.0.1:0" \
      "max_schools_per_token = 40  # the load asks each token about any of the 40 schools: no purpose limit here"
    tenant_toml bench schools.csv "$root/scripts/demo/exempelby-rules.toml"
    client_toml registrar bench registrar "$work/registrar.key" 100000000
    client_toml case-system bench case "$work/case.key" 100000000
  } > "$work/server.toml"

  local start
  start=$(date +%s%N)
  "$build/skolvag" serve --config "$work/server.toml" 2> "$work/serve.err" &
  echo $! > "$work/pid"
  for _ in $(seq 1 600); do grep -q "listening on" "$work/serve.err" && break; sleep 0.1; done
  port=$(grep -o "127.0.0.1:[0-9]*" "$work/serve.err" | head -1 | cut -d: -f2)
  [ -n "$port" ] || { cat "$work/serve.err"; exit 1; }
  echo "server ready in $(seconds_since "$start") s (network, hierarchy, 40 schools x bands precomputed)"

  reg_key=$(sed -n 1p "$work/registrar.key")
  case_key=$(sed -n 1p "$work/case.key")
  start=$(date +%s%N)
  "$build/bench/serve_load_prep" register --port "$port" --key "$reg_key" --homes "$work/homes.txt" \
    --out "$work/tokens.txt" --threads 8
  echo "registered 10,000 homes in $(seconds_since "$start") s (8 client threads)"
}

stop_workload_vault() {
  [ ! -d "$work/pg" ] || "$root/scripts/lib/pg_cluster.sh" stop "$work/pg"
}
