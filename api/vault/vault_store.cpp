// SPDX-License-Identifier: MIT
#include "api/vault/vault_store.hpp"

#include "api/vault/sqlite_vault_store.hpp"

namespace skolvag::api {

// The one place that picks a backend by the vault's location.
std::unique_ptr<VaultStore> open_vault_store(const std::string& location) {
    return std::make_unique<SqliteVaultStore>(location);
}

} // namespace skolvag::api
