// SPDX-License-Identifier: MIT
// The vault's rows in one SQLite file: WAL mode for concurrent reads and crash safety,
// secure_delete so that erased rows are overwritten, an append-only audit table
// (triggers refuse UPDATE and DELETE), one writing connection, one for long reads,
// and checkpoints of the write-ahead log on a thread of their own.
#pragma once

#include "api/vault/sqlite.hpp"
#include "api/vault/vault_store.hpp"

#include <atomic>
#include <map>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace skolvag::api {

class SqliteVaultStore : public VaultStore {
public:
    /** Opens or creates the file. @throws VaultError naming the path. */
    explicit SqliteVaultStore(const std::string& path);
    ~SqliteVaultStore() override;

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
    /// Appends on the writing connection, inside its current transaction if any. @pre m_mutex held.
    AuditEntry append_audit_locked(const std::string& tenant, const AuditSealer& entry);
    /// The head of a tenant's chain, read from the table when not known. @pre m_mutex held.
    AuditHead& audit_head(const std::string& tenant);
    void run_checkpoints(const std::shared_ptr<Database>& connection);

    std::mutex m_mutex;          ///< guards m_db (the writing connection) and m_heads
    Database m_db;
    std::map<std::string, AuditHead> m_heads; ///< tenant -> its chain's head; forgotten after a rollback
    std::mutex m_read_mutex;     ///< guards m_reader: long reads (audit listings) do not stall writes
    std::unique_ptr<Database> m_reader;
    std::atomic<std::int64_t> m_token_count{0};

    // A purge of the write-ahead log that another program held up is retried on its
    // own connection and thread (the writer checkpoints as it goes, see create_schema).
    std::mutex m_checkpoint_mutex;
    std::condition_variable m_checkpoint_wake;
    bool m_stopping = false;
    bool m_truncate_pending = false; ///< an erasure could not empty the WAL yet
    std::thread m_checkpointer;
};

} // namespace skolvag::api
