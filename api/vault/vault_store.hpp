// SPDX-License-Identifier: MIT
// VaultStore: where the vault keeps its rows, and nothing else. The store sees only
// what is safe to store: sealed coordinates and results, HMACs of case references and
// result keys, and audit entries; the keys and every plaintext stay in TokenVault. Two
// backends implement it: SQLite (one file, one server) and PostgreSQL (one database
// shared by replicas); each method is atomic and safe to call from several threads.
#pragma once

#include "api/vault/audit_chain.hpp"
#include "api/vault/crypto.hpp"
#include "geodata/errors.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace skolvag::api {

/// The store failed: it cannot be opened, or a statement failed. The message names the
/// store's own error, never a stored value.
class VaultError : public geodata::Error {
public:
    using geodata::Error::Error;
};

/// A token as stored.
struct StoredToken {
    std::string token;
    std::string tenant;
    std::string created_by; ///< client name
    std::string created_at;
    Bytes sealed_coordinate;
    std::optional<std::string> case_ref_mac;
    bool is_protected = false;
};

/// A cached result as stored: what was asked is only inside the sealed bytes.
struct StoredResult {
    std::string kind;
    std::string key_mac;
    std::string created_at;
    Bytes sealed;
};

/// Seals the next audit entry on the head of its tenant's chain, which the store read
/// while holding its lock.
using AuditSealer = std::function<AuditEntry(const AuditHead&)>;

class VaultStore {
public:
    virtual ~VaultStore() = default;

    /**
     * The key check value the store was created with; a new store keeps `check` and
     * returns it. Proves at start-up that the key is the vault's own.
     */
    virtual std::string adopt_key_check(const std::string& check) = 0;

    /** Inserts a token and appends its audit entry (in the token's tenant's chain), both or neither. */
    virtual void insert_token(const StoredToken& token, const AuditSealer& audit_entry) = 0;
    virtual std::optional<StoredToken> find_token(const std::string& token, const std::string& tenant) = 0;
    virtual std::vector<StoredToken> tokens_by_case_mac(const std::string& tenant, const std::string& case_ref_mac) = 0;
    /** The tenant a token belongs to, whoever asks (for auditing calls without a valid key). */
    virtual std::optional<std::string> token_tenant(const std::string& token) = 0;
    virtual std::int64_t token_count() const noexcept = 0;

    /**
     * Records that a token was asked about a school (by the school's HMAC), unless that
     * would make more than `limit` distinct schools. The rows go with the token.
     * @returns false when the school is new and the token is at its limit.
     */
    virtual bool note_purpose(const std::string& token, const std::string& school_mac, std::size_t limit) = 0;

    /** Keeps a result for a token (replacing one of the same kind and key); none once the token is erased. */
    virtual void put_result(const std::string& token, const StoredResult& result) = 0;
    virtual std::optional<StoredResult> get_result(const std::string& token, const std::string& kind,
                                                   const std::string& key_mac) = 0;
    virtual std::vector<StoredResult> results(const std::string& token) = 0;

    struct Erased {
        bool token = false;         ///< the token's row was there and is gone
        std::size_t results = 0;    ///< cached results removed with it
    };
    /** Removes a token and its results in one step. */
    virtual Erased erase_token(const std::string& token, const std::string& tenant) = 0;

    /**
     * Removes the older copies of erased rows that the store keeps for recovery (for
     * SQLite, the write-ahead log), so that no readable copy is left in its files.
     * @returns false while someone else holds them (a backup); the store keeps trying.
     */
    virtual bool purge_history() = 0;

    /// One entry to append: its tenant and its sealer.
    struct AuditAppend {
        const std::string* tenant;
        const AuditSealer* sealer;
    };
    /**
     * Appends several entries in one transaction, in the order given, each on the head
     * its predecessors left (AuditGroup's group commit). All or none: when it throws,
     * no entry of the group was written (unless the database committed and then the
     * connection was lost before it said so: the entries are there, and the calls were
     * refused; a trail may hold a call more, never one less).
     */
    virtual std::vector<AuditEntry> append_audit_group(const std::vector<AuditAppend>& entries) = 0;
    /** A tenant's entries, oldest first, optionally from an RFC 3339 time on. */
    virtual std::vector<AuditEntry> audit_entries(const std::string& tenant,
                                                  const std::optional<std::string>& since) = 0;
    virtual std::vector<AuditEntry> audit_entries_for_token(const std::string& tenant, const std::string& token) = 0;
    /** Every entry in the order written, until visit returns false. */
    virtual void visit_audit(const std::function<bool(const AuditEntry&)>& visit) = 0;
    /** Each tenant's newest entry (number and hash). */
    virtual AuditHeads audit_heads() = 0;
    /** The hash of a tenant's entry with this number; nullopt when there is none. */
    virtual std::optional<std::string> audit_hash(const std::string& tenant, std::int64_t id) = 0;
};

/// A `postgresql://` (or `postgres://`) URL, not a file path.
bool is_postgres_location(const std::string& location);

/**
 * Checks a location before use: a URL must be readable and carry no password (the
 * standard PGPASSFILE or PGPASSWORD holds it). @throws VaultError, never quoting it.
 */
void check_vault_location(const std::string& location);

/**
 * Whether a vault was created at the location: its SQLite file, or its tables in the
 * database. For a check that must not create an empty vault (audit-verify).
 * @throws VaultError when the database cannot be reached.
 */
bool vault_exists(const std::string& location);

/// The location as messages may name it: a path as it is, a URL without its query.
std::string vault_location_name(const std::string& location);

/**
 * Opens the store at a location, creating it when needed: a `postgresql://` URL is a
 * PostgreSQL vault, anything else the path of a SQLite vault.
 * @throws VaultError naming the location when it cannot be used.
 */
std::unique_ptr<VaultStore> open_vault_store(const std::string& location);

} // namespace skolvag::api
