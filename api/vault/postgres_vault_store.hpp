// SPDX-License-Identifier: MIT
// The vault's rows in PostgreSQL, shared by every server that names the same database
// (replicas behind a load balancer). The same rows as the SQLite store; what differs:
// - several processes write: each tenant's audit head is read under a transaction-level
//   advisory lock on the tenant, so concurrent appends from any replica make one chain;
//   a purpose limit is checked with the token's row locked;
// - erasure: PostgreSQL keeps a deleted row's bytes in the table's pages after VACUUM
//   (measured: the page's free space still held them), so purging rewrites the three
//   tables that hold a token's rows (VACUUM FULL) and the old files go. A rewrite
//   still copies a deleted row that a running transaction's snapshot could see, so it
//   waits until no snapshot older than the erasure is left; a rewrite still to do is
//   recorded in the database, so any server finishes it, after a restart too; the WAL
//   and backups are the operator's (api/PRIVACY.md);
// - a lost connection is VaultUnavailable (the server answers 503) and is replaced.
#pragma once

#include "api/vault/postgres.hpp"
#include "api/vault/vault_store.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace skolvag::api {

class PostgresVaultStore : public VaultStore {
public:
    /** Connects and creates the tables when needed. @throws VaultError naming the location. */
    explicit PostgresVaultStore(const std::string& location);
    ~PostgresVaultStore() override;

    std::string adopt_key_check(const std::string& check) override;
    void insert_token(const StoredToken& token, const AuditSealer& audit_entry) override;
    std::optional<StoredToken> find_token(const std::string& token, const std::string& tenant) override;
    std::vector<StoredToken> tokens_by_case_mac(const std::string& tenant, const std::string& case_ref_mac) override;
    std::optional<std::string> token_tenant(const std::string& token) override;
    std::int64_t token_count() const noexcept override { return m_token_count; }
    bool note_purpose(const std::string& token, const std::string& school_mac, std::size_t limit) override;
    void put_result(const std::string& token, const StoredResult& result) override;
    std::optional<StoredResult> get_result(const std::string& token, const std::string& kind,
                                           const std::string& key_mac) override;
    std::vector<StoredResult> results(const std::string& token) override;
    Erased erase_token(const std::string& token, const std::string& tenant) override;
    bool purge_history() override;
    std::vector<AuditEntry> append_audit_group(const std::vector<AuditAppend>& entries) override;
    std::vector<AuditEntry> audit_entries(const std::string& tenant, const std::optional<std::string>& since) override;
    std::vector<AuditEntry> audit_entries_for_token(const std::string& tenant, const std::string& token) override;
    void visit_audit(const std::function<bool(const AuditEntry&)>& visit) override;
    AuditHeads audit_heads() override;
    std::optional<std::string> audit_hash(const std::string& tenant, std::int64_t id) override;

private:
    /// Appends inside the connection's open transaction, taking the tenant's lock (held
    /// to the transaction's end) and reading its head.
    static AuditEntry append_audit_in(PgConnection& c, const std::string& tenant, const AuditSealer& entry);
    /// Takes the tenant's lock for the open transaction and reads the head of its chain.
    static AuditHead locked_audit_head(PgConnection& c, const std::string& tenant);
    /// Inserts the entry the sealer makes of `head`, and moves `head` past it.
    static AuditEntry insert_audit(PgConnection& c, AuditHead& head, const AuditSealer& entry);
    /// Rewrites the tables that held erased rows; false when a lock was not had in time,
    /// or a session that could still see the rows did not end in time.
    bool rewrite_erased_tables();
    /// Waits (briefly) until no snapshot that could see the erasure's rows is left.
    bool erasure_seen_by_no_session(PgConnection& c, const std::string& erased_xid);
    void run_upkeep();
    void count_tokens();

    std::string m_location; ///< for messages: no password, no query
    PgPool m_pool;
    std::atomic<std::int64_t> m_token_count{0};

    // Upkeep on its own thread: a purge that waits (recorded in the database as meta
    // 'purge_after', by whichever server erased) tried again, and the token count
    // refreshed (other replicas register and erase too).
    std::mutex m_upkeep_mutex;
    std::condition_variable m_upkeep_wake;
    bool m_stopping = false;
    std::mutex m_purge_mutex; ///< one rewrite at a time from this process
    std::thread m_upkeep;
};

} // namespace skolvag::api
