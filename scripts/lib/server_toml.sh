# SPDX-License-Identifier: MIT
# Sourced by the scripts that start `skolvag serve` of their own (load, crash loop,
# proxy test): the pieces of a server.toml, printed on stdout. Files are relative to
# the folder the config is written in: vault.sqlite, vault.key, skolvag.log.

# server_toml NETWORK LISTEN [LINE...]: the top-level keys, and any further lines.
# VAULT_URL, when set, is the vault (a postgresql:// address) instead of vault.sqlite.
server_toml() {
  printf 'network = "%s"\nvault = "%s"\nkey_file = "vault.key"\nlisten = "%s"\nlog_file = "skolvag.log"\n' \
    "$1" "${VAULT_URL:-vault.sqlite}" "$2"
  shift 2
  for line in "$@"; do printf '%s\n' "$line"; done
}

# tenant_toml NAME SCHOOLS RULES
tenant_toml() {
  printf '\n[[tenant]]\nname = "%s"\nschools = "%s"\nrules = "%s"\n' "$1" "$2" "$3"
}

# client_toml NAME TENANT ROLE KEY_FILE [RATE_PER_MINUTE]: KEY_FILE as `skolvag hash-key` wrote it.
client_toml() {
  printf '\n[[client]]\nname = "%s"\ntenant = "%s"\nroles = ["%s"]\nkey_sha256 = "%s"\n' "$1" "$2" "$3" "$(sed -n 2p "$4")"
  [ -z "${5:-}" ] || printf 'rate_per_minute = %s\n' "$5"
}
