// SPDX-License-Identifier: MIT
// TokenVault: pseudonymous tokens for home coordinates in SQLite (WAL, secure_delete).
// A coordinate goes in once, encrypted with AES-256-GCM, and comes back as a random
// token; case references are kept only as HMACs; cached results are encrypted too and
// belong to their token. Erasing a token removes all of it and checkpoints the WAL, so
// no copy stays readable in the files. Plaintext coordinates never leave this class
// except through coordinate(). Every method is safe to call from several threads.
#pragma once

#include "api/server/audit_log.hpp"
#include "api/server/crypto.hpp"
#include "api/server/sqlite.hpp"
#include "geodata/lon_lat.hpp"

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
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
    std::vector<std::uint8_t> sealed_coordinate; ///< the ciphertext as stored; coordinate() opens it
};

struct CachedResult {
    std::string kind; ///< distance, assessment, route
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
    /// The write-ahead log was emptied, so no older copy of the rows is left in any
    /// file. False only while someone else (a backup, a sqlite3 shell) holds the vault
    /// open; the server then keeps trying in the background.
    bool wal_cleared = false;
};

class TokenVault {
public:
    /**
     * Opens (or creates) the vault.
     * @throws VaultError when the file cannot be used or was created with another key.
     */
    TokenVault(const std::string& path, const Key256& master_key);
    ~TokenVault();
    TokenVault(const TokenVault&) = delete;
    TokenVault& operator=(const TokenVault&) = delete;

    /**
     * Stores a coordinate for a tenant and returns its new token; the audit entry for
     * the registration is written in the same transaction. Durable on return.
     */
    std::string register_home(const std::string& tenant, const std::string& client, const geodata::LonLat& home,
                              const std::optional<std::string>& case_ref, bool is_protected);

    /** The token when it exists in this tenant; nullopt otherwise (also for other tenants). */
    std::optional<TokenRecord> find(const std::string& token, const std::string& tenant);

    /** Decrypts a token's coordinate. @throws VaultError when it cannot be decrypted. */
    geodata::LonLat coordinate(const TokenRecord& record);

    void store_result(const TokenRecord& record, const std::string& kind, const std::string& key,
                      const std::string& json);
    std::optional<std::string> cached_result(const TokenRecord& record, const std::string& kind,
                                             const std::string& key);
    std::vector<CachedResult> cached_results(const TokenRecord& record);

    /** Tokens of a tenant registered with this case reference. */
    std::vector<TokenRecord> tokens_for_case_ref(const std::string& tenant, const std::string& case_ref);

    /**
     * Removes the token, its coordinate, case reference HMAC and cached results, then
     * checkpoints and empties the write-ahead log.
     */
    ErasureReceipt erase(const TokenRecord& record);

    /** Appends to the audit trail. */
    AuditEntry audit(const std::string& tenant, const std::string& client, const std::string& action,
                     const std::string& token, const std::string& outcome);
    std::vector<AuditEntry> audit_entries(const std::string& tenant, const std::optional<std::string>& since);
    std::vector<AuditEntry> audit_entries_for_token(const std::string& tenant, const std::string& token);
    AuditVerification verify_audit();

    /** Number of tokens held (for metrics: a count, never a token). Never waits. */
    std::int64_t token_count() const noexcept { return m_token_count; }

private:
    TokenRecord read_record(const Statement& s) const;
    std::string case_ref_mac(const std::string& tenant, const std::string& case_ref) const;
    std::string result_key_mac(const std::string& kind, const std::string& key) const;
    /** Empties the WAL, waiting briefly for others; false when it could not. */
    bool clear_wal();

    std::mutex m_mutex;           ///< guards m_db, the writing connection
    Database m_db;
    std::mutex m_read_mutex;      ///< guards m_reader: long reads (audit listings) do not stall writes
    std::unique_ptr<Database> m_reader;
    std::atomic<std::int64_t> m_token_count{0};
    Key256 m_coordinate_key;
    Key256 m_result_key;
    Key256 m_case_ref_key;
    AuditChain m_audit;

    // Checkpoints of the write-ahead log run on their own connection and thread, so
    // that no request waits for one (erasure still checkpoints at once).
    std::mutex m_checkpoint_mutex;
    std::condition_variable m_checkpoint_wake;
    bool m_stopping = false;
    bool m_truncate_pending = false; ///< an erasure could not empty the WAL yet
    std::thread m_checkpointer;
};

} // namespace skolvag::api
