// SPDX-License-Identifier: MIT
#include "api/vault/vault_store.hpp"

#include "api/vault/postgres_vault_store.hpp"
#include "api/vault/sqlite_vault_store.hpp"

#include <filesystem>

namespace skolvag::api {

bool is_postgres_location(const std::string& location) {
    return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

void check_vault_location(const std::string& location) {
    if (is_postgres_location(location)) {
        pg_conninfo(location);
    }
}

std::string vault_location_name(const std::string& location) {
    return is_postgres_location(location) ? pg_location_name(location) : location;
}

bool vault_exists(const std::string& location) {
    if (!is_postgres_location(location)) {
        return std::filesystem::is_regular_file(location);
    }
    PgConnection c(pg_conninfo(location), pg_location_name(location));
    return c.exec("SELECT to_regclass('meta') IS NOT NULL").boolean(0, 0);
}

// The one place that picks a backend by the vault's location.
std::unique_ptr<VaultStore> open_vault_store(const std::string& location) {
    if (is_postgres_location(location)) {
        return std::make_unique<PostgresVaultStore>(location);
    }
    return std::make_unique<SqliteVaultStore>(location);
}

} // namespace skolvag::api
