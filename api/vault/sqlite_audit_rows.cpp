// SPDX-License-Identifier: MIT
// The audit trail's rows in SQLite: SqliteVaultStore's append, head, listing and
// verification reads (its tokens and results are in sqlite_vault_store.cpp).
#include "api/vault/sqlite_vault_store.hpp"

namespace skolvag::api {

namespace {

// An entry's number is its tenant's sequence; entries from before 0.3 have none (a
// legacy entry) and keep their number in the one chain they were written in.
constexpr const char* kAuditColumns =
    "COALESCE(seq, id), seq IS NULL, at, tenant, client, action, token, outcome, count, prev_hash, hash";

AuditEntry read_entry(const Statement& s) {
    // Columns as kAuditColumns lists them; a NULL token is a call about no single token.
    return {s.integer(0), s.text(2), s.text(3), s.text(4), s.text(5), s.optional_text(6).value_or(""), s.text(7),
            s.integer(8), s.integer(1) != 0, s.text(9), s.text(10)};
}

std::vector<AuditEntry> read_entries(Statement& s) {
    std::vector<AuditEntry> out;
    while (s.step()) {
        out.push_back(read_entry(s));
    }
    return out;
}

} // namespace

AuditHead& SqliteVaultStore::audit_head(const std::string& tenant) {
    const auto known = m_heads.find(tenant);
    if (known != m_heads.end()) {
        return known->second;
    }
    AuditHead head;
    Statement last = m_db.prepare("SELECT seq, hash FROM audit WHERE tenant = ? AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1");
    last.bind(1, tenant);
    if (last.step()) {
        head = {last.integer(0) + 1, last.text(1)};
    } else {
        // A tenant's first entry continues the chain written before 0.3, if any: its
        // number and hash (so no number appears twice in a tenant's trail).
        Statement legacy = m_db.prepare("SELECT id, hash FROM audit WHERE seq IS NULL ORDER BY id DESC LIMIT 1");
        if (legacy.step()) {
            head = {legacy.integer(0) + 1, legacy.text(1)};
        }
    }
    return m_heads.emplace(tenant, head).first->second;
}

AuditEntry SqliteVaultStore::append_audit_locked(const std::string& tenant, const AuditSealer& entry) {
    // One writer per vault: the heads kept in memory are the table's last entries.
    AuditHead& head = audit_head(tenant);
    const AuditEntry e = entry(head);
    CachedStatement insert = m_db.cached(
        "INSERT INTO audit (seq, at, tenant, client, action, token, outcome, count, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert->bind(1, e.id).bind(2, e.at).bind(3, e.tenant).bind(4, e.client).bind(5, e.action);
    if (e.token.empty()) {
        insert->bind_null(6);
    } else {
        insert->bind(6, e.token);
    }
    insert->bind(7, e.outcome).bind(8, e.count).bind(9, e.prev_hash).bind(10, e.hash);
    insert->run();
    head = {e.id + 1, e.hash};
    return e;
}

std::vector<AuditEntry> SqliteVaultStore::append_audit_group(const std::vector<AuditAppend>& entries) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    std::vector<AuditEntry> appended;
    appended.reserve(entries.size());
    m_db.exec("BEGIN IMMEDIATE");
    try {
        for (const AuditAppend& a : entries) {
            appended.push_back(append_audit_locked(*a.tenant, *a.sealer));
        }
        m_db.exec("COMMIT");
    } catch (...) {
        m_heads.clear(); // the heads moved with rows that were rolled back: read them again
        try {
            m_db.exec("ROLLBACK");
        } catch (const VaultError&) {
            // nothing was begun or it is rolled back already
        }
        throw;
    }
    return appended;
}

std::vector<AuditEntry> SqliteVaultStore::audit_entries(const std::string& tenant,
                                                        const std::optional<std::string>& since) {
    const std::lock_guard<std::mutex> lock(m_read_mutex);
    Statement s = m_reader->prepare(std::string("SELECT ") + kAuditColumns +
                                    " FROM audit WHERE tenant = ? AND at >= ? ORDER BY id");
    s.bind(1, tenant).bind(2, since.value_or(""));
    return read_entries(s);
}

std::vector<AuditEntry> SqliteVaultStore::audit_entries_for_token(const std::string& tenant, const std::string& token) {
    const std::lock_guard<std::mutex> lock(m_read_mutex);
    Statement s = m_reader->prepare(std::string("SELECT ") + kAuditColumns +
                                    " FROM audit WHERE tenant = ? AND token = ? ORDER BY id");
    s.bind(1, tenant).bind(2, token);
    return read_entries(s);
}

AuditHeads SqliteVaultStore::audit_heads() {
    const std::lock_guard<std::mutex> lock(m_read_mutex);
    Statement s = m_reader->prepare("SELECT tenant, seq, hash FROM audit WHERE (tenant, seq) IN "
                                    "(SELECT tenant, MAX(seq) FROM audit WHERE seq IS NOT NULL GROUP BY tenant)");
    AuditHeads heads;
    while (s.step()) {
        heads[s.text(0)] = {s.integer(1), s.text(2)};
    }
    return heads;
}

std::optional<std::string> SqliteVaultStore::audit_hash(const std::string& tenant, std::int64_t id) {
    const std::lock_guard<std::mutex> lock(m_read_mutex);
    Statement s = m_reader->prepare("SELECT hash FROM audit WHERE tenant = ? AND seq = ?");
    s.bind(1, tenant).bind(2, id);
    if (!s.step()) {
        return std::nullopt;
    }
    return s.text(0);
}

void SqliteVaultStore::visit_audit(const std::function<bool(const AuditEntry&)>& visit) {
    const std::lock_guard<std::mutex> lock(m_read_mutex);
    Statement s = m_reader->prepare(std::string("SELECT ") + kAuditColumns + " FROM audit ORDER BY id");
    while (s.step()) {
        if (!visit(read_entry(s))) {
            return;
        }
    }
}

} // namespace skolvag::api
