// SPDX-License-Identifier: MIT
// TokenVault: pseudonymous tokens for home coordinates. A coordinate goes in once,
// sealed with AES-256-GCM, and comes back as a random token; case references are kept
// only as HMACs; cached routes are sealed too and belong to their token. Erasing a token
// removes all of it and purges the store's history, so no copy stays readable in its
// files. This class holds the keys and the policy (what is sealed with which key and
// associated data, how the audit chain is hashed); a VaultStore keeps the rows.
// Plaintext coordinates never leave it except through coordinate(). Every method is
// safe to call from several threads.
#pragma once

#include "api/vault/audit_chain.hpp"
#include "api/vault/audit_group.hpp"
#include "api/vault/crypto.hpp"
#include "api/vault/vault_store.hpp"
#include "geodata/lon_lat.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace skolvag::api {

struct TokenRecord {
    std::string token;
    std::string tenant;
    std::string created_by; ///< client name
    std::string created_at;
    bool is_protected = false; ///< skyddad folkbokföring: no route geometry ever leaves
    bool has_case_ref = false;
    Bytes sealed_coordinate;   ///< the ciphertext as stored; coordinate() opens it
};

/// A cached route: what it was asked for, when, and its GeoJSON.
struct CachedRoute {
    std::string key;  ///< what it was asked for, e.g. "school=S1&grade=2"
    std::string created_at;
    std::string json;
};

struct ErasureReceipt {
    std::string token;
    std::string erased_at;
    bool coordinate = false;
    bool case_ref = false;
    std::size_t cached_results = 0;
    /// The store's history (SQLite: the write-ahead log) was purged, so no older copy
    /// of the rows is left in any file. False only while someone else (a backup, a
    /// sqlite3 shell) holds the vault open; the store keeps trying in the background.
    bool history_purged = false;
};

class TokenVault {
public:
    /**
     * Opens the vault on a store.
     * @throws VaultError when the store was created with another key.
     */
    TokenVault(std::unique_ptr<VaultStore> store, const Key256& master_key);

    /** Opens (or creates) the store at a location (a SQLite path), then the vault. */
    TokenVault(const std::string& location, const Key256& master_key);

    /**
     * Stores a coordinate for a tenant and returns its new token; the audit entry for
     * the registration is written with it, both or neither. Durable on return.
     */
    std::string register_home(const std::string& tenant, const std::string& client, const geodata::LonLat& home,
                              const std::optional<std::string>& case_ref, bool is_protected);

    /** The token when it exists in this tenant; nullopt otherwise (also for other tenants). */
    std::optional<TokenRecord> find(const std::string& token, const std::string& tenant);

    /** Decrypts a token's coordinate. @throws VaultError when it cannot be decrypted. */
    geodata::LonLat coordinate(const TokenRecord& record);

    /**
     * Records that a token is asked about a school; false when that would make more
     * than `limit` distinct schools for the token (the purpose limit).
     */
    bool note_school_asked(const TokenRecord& record, const std::string& school_id, std::size_t limit);

    /** Keeps a route's GeoJSON for a token, under what it was asked for. */
    void store_route(const TokenRecord& record, const std::string& key, const std::string& json);
    std::optional<std::string> cached_route(const TokenRecord& record, const std::string& key);
    std::vector<CachedRoute> cached_routes(const TokenRecord& record);

    /**
     * The tenant a token belongs to, for auditing a call that names it but has no
     * valid key; nullopt for tokens that do not exist. Never for answering a caller.
     */
    std::optional<std::string> tenant_of(const std::string& token);

    /** Tokens of a tenant registered with this case reference. */
    std::vector<TokenRecord> tokens_for_case_ref(const std::string& tenant, const std::string& case_ref);

    /** Removes the token, its coordinate, case reference HMAC and cached routes, then purges the history. */
    ErasureReceipt erase(const TokenRecord& record);

    /** Appends to the tenant's audit chain; `count` > 1 for refusals counted together. */
    AuditEntry audit(const std::string& tenant, const std::string& client, const std::string& action,
                     const std::string& token, const std::string& outcome, std::int64_t count = 1);
    std::vector<AuditEntry> audit_entries(const std::string& tenant, const std::optional<std::string>& since);
    std::vector<AuditEntry> audit_entries_for_token(const std::string& tenant, const std::string& token);
    /** Recomputes every tenant's chain. */
    AuditVerification verify_audit();
    /** Each tenant's newest entry: what an anchor records. */
    AuditHeads audit_heads();
    /**
     * What the trail lacks of an anchor: "" when every anchored entry is still there
     * with its hash; else which tenant's chain was cut or changed.
     */
    std::string audit_anchor_mismatch(const AuditHeads& anchor);

    /** Transactions the audit() entries took so far: fewer than the entries when calls came together. */
    std::size_t audit_groups_written() const noexcept { return m_audit_group.groups_written(); }

    /** Number of tokens held (for metrics: a count, never a token). Never waits. */
    std::int64_t token_count() const noexcept { return m_store->token_count(); }

private:
    TokenRecord record_of(const StoredToken& stored) const;
    std::string case_ref_mac(const std::string& tenant, const std::string& case_ref) const;
    std::string result_key_mac(const std::string& key) const;
    AuditSealer audit_sealer(const std::string& tenant, const std::string& client, const std::string& action,
                             const std::string& token, const std::string& outcome, std::int64_t count = 1) const;

    std::unique_ptr<VaultStore> m_store;
    AuditGroup m_audit_group{*m_store}; ///< audit() entries of concurrent calls share a transaction
    Key256 m_coordinate_key;
    Key256 m_result_key;
    Key256 m_case_ref_key;
    AuditChain m_audit;
};

} // namespace skolvag::api
