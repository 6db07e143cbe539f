// SPDX-License-Identifier: MIT
// The audit trail's rows in PostgreSQL: PostgresVaultStore's append, head, listing and
// verification reads (its tokens and results are in postgres_vault_store.cpp).
#include "api/vault/postgres_vault_store.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace skolvag::api {

namespace {

constexpr const char* kAuditColumns =
    "SELECT seq, at, tenant, client, action, token, outcome, count, prev_hash, hash FROM audit ";

AuditEntry read_entry(const PgResult& r, int row) {
    // A NULL token is a call about no single token. PostgreSQL vaults have no legacy entries.
    return {r.integer(row, 0), r.text(row, 1),     r.text(row, 2),    r.text(row, 3),
            r.text(row, 4),    r.optional_text(row, 5).value_or(""),  r.text(row, 6),
            r.integer(row, 7), false,              r.text(row, 8),    r.text(row, 9)};
}

std::vector<AuditEntry> read_entries(const PgResult& r) {
    std::vector<AuditEntry> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back(read_entry(r, i));
    }
    return out;
}

} // namespace

AuditHead PostgresVaultStore::locked_audit_head(PgConnection& c, const std::string& tenant) {
    // Every server appending to this tenant's chain waits here until the transaction
    // before it committed: the head read next is the chain's last entry, whichever
    // server wrote it. The lock goes with the transaction.
    c.run("audit_lock", "SELECT pg_advisory_xact_lock(hashtextextended($1, 7320150002))", text_params({tenant}));
    const PgResult last =
        c.run("audit_head", "SELECT seq, hash FROM audit WHERE tenant = $1 ORDER BY seq DESC LIMIT 1", text_params({tenant}));
    AuditHead head;
    if (last.rows() == 1) {
        head = {last.integer(0, 0) + 1, last.text(0, 1)};
    }
    return head;
}

AuditEntry PostgresVaultStore::insert_audit(PgConnection& c, AuditHead& head, const AuditSealer& entry) {
    const AuditEntry e = entry(head);
    c.run("audit_insert",
          "INSERT INTO audit (seq, at, tenant, client, action, token, outcome, count, prev_hash, hash) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
          {e.id, std::optional<std::string>(e.at), std::optional<std::string>(e.tenant),
           std::optional<std::string>(e.client), std::optional<std::string>(e.action),
           e.token.empty() ? std::nullopt : std::optional<std::string>(e.token), std::optional<std::string>(e.outcome),
           e.count, std::optional<std::string>(e.prev_hash), std::optional<std::string>(e.hash)});
    head = {e.id + 1, e.hash};
    return e;
}

AuditEntry PostgresVaultStore::append_audit_in(PgConnection& c, const std::string& tenant, const AuditSealer& entry) {
    AuditHead head = locked_audit_head(c, tenant);
    return insert_audit(c, head, entry);
}

std::vector<AuditEntry> PostgresVaultStore::append_audit_group(const std::vector<AuditAppend>& entries) {
    // Two round trips for the whole group, whatever its size: the transaction begun and
    // every tenant's head taken under its lock (in name order, as every server takes
    // them: no two groups wait on each other in a circle), then every entry inserted and
    // the transaction committed. Values go as literals quoted by libpq.
    std::set<std::string> tenants;
    for (const AuditAppend& a : entries) {
        tenants.insert(*a.tenant);
    }
    auto c = m_pool.borrow();
    std::string begin = "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT tenant, seq, hash FROM skolvag_audit_heads(ARRAY[";
    for (const std::string& t : tenants) {
        begin += (t == *tenants.begin() ? "" : ",") + c->literal(t);
    }
    begin += "]::text[])";
    std::vector<AuditEntry> appended;
    appended.reserve(entries.size());
    try {
        std::map<std::string, AuditHead> heads;
        const PgResult found = c->exec(begin);
        for (int i = 0; i < found.rows(); ++i) {
            heads[found.text(i, 0)] = {found.integer(i, 1) + 1, found.text(i, 2)};
        }
        std::string insert =
            "INSERT INTO audit (seq, at, tenant, client, action, token, outcome, count, prev_hash, hash) VALUES ";
        for (const AuditAppend& a : entries) {
            AuditHead& head = heads[*a.tenant]; // a tenant without entries starts at its default head
            const AuditEntry e = (*a.sealer)(head);
            head = {e.id + 1, e.hash};
            insert += (appended.empty() ? "(" : ",(") + std::to_string(e.id) + "," + c->literal(e.at) + "," +
                      c->literal(e.tenant) + "," + c->literal(e.client) + "," + c->literal(e.action) + "," +
                      (e.token.empty() ? std::string("NULL") : c->literal(e.token)) + "," + c->literal(e.outcome) +
                      "," + std::to_string(e.count) + "," + c->literal(e.prev_hash) + "," + c->literal(e.hash) + ")";
            appended.push_back(e);
        }
        c->exec(insert + "; COMMIT");
    } catch (...) {
        try {
            c->exec("ROLLBACK");
        } catch (const VaultError&) {
            // a lost connection rolls back by itself
        }
        throw;
    }
    return appended;
}

std::vector<AuditEntry> PostgresVaultStore::audit_entries(const std::string& tenant,
                                                          const std::optional<std::string>& since) {
    auto c = m_pool.borrow();
    return read_entries(c->run("audit_entries", (std::string(kAuditColumns) + "WHERE tenant = $1 AND at >= $2 ORDER BY seq").c_str(),
                               text_params({tenant, since.value_or("")})));
}

std::vector<AuditEntry> PostgresVaultStore::audit_entries_for_token(const std::string& tenant, const std::string& token) {
    auto c = m_pool.borrow();
    return read_entries(c->run("audit_entries_for_token",
                               (std::string(kAuditColumns) + "WHERE tenant = $1 AND token = $2 ORDER BY seq").c_str(),
                               text_params({tenant, token})));
}

AuditHeads PostgresVaultStore::audit_heads() {
    auto c = m_pool.borrow();
    const PgResult r = c->run("audit_heads", "SELECT DISTINCT ON (tenant) tenant, seq, hash FROM audit "
                                             "ORDER BY tenant, seq DESC");
    AuditHeads heads;
    for (int i = 0; i < r.rows(); ++i) {
        heads[r.text(i, 0)] = {r.integer(i, 1), r.text(i, 2)};
    }
    return heads;
}

std::optional<std::string> PostgresVaultStore::audit_hash(const std::string& tenant, std::int64_t id) {
    auto c = m_pool.borrow();
    const PgResult r = c->run("audit_hash", "SELECT hash FROM audit WHERE tenant = $1 AND seq = $2",
                              {std::optional<std::string>(tenant), id});
    if (r.rows() == 0) {
        return std::nullopt;
    }
    return r.text(0, 0);
}

void PostgresVaultStore::visit_audit(const std::function<bool(const AuditEntry&)>& visit) {
    // In pages, so that a long trail is never one result in memory. Within a tenant the
    // order written (id) is the chain's order: appends to it take its lock.
    auto c = m_pool.borrow();
    in_pg_transaction(*c, [&] {
        // One snapshot for every page: an entry committed meanwhile is either wholly in or out.
        c->exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        std::int64_t after = 0;
        for (;;) {
            const PgResult r = c->run("audit_page",
                                      "SELECT id, seq, at, tenant, client, action, token, outcome, count, prev_hash, "
                                      "hash FROM audit WHERE id > $1 ORDER BY id LIMIT 10000",
                                      {after});
            if (r.rows() == 0) {
                return;
            }
            for (int i = 0; i < r.rows(); ++i) {
                after = r.integer(i, 0);
                const AuditEntry e{r.integer(i, 1), r.text(i, 2),    r.text(i, 3),
                                   r.text(i, 4),    r.text(i, 5),    r.optional_text(i, 6).value_or(""),
                                   r.text(i, 7),    r.integer(i, 8), false,
                                   r.text(i, 9),    r.text(i, 10)};
                if (!visit(e)) {
                    return;
                }
            }
        }
    });
}

} // namespace skolvag::api
