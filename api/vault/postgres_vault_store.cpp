// SPDX-License-Identifier: MIT
// PostgresVaultStore's tokens, results and erasure (its audit rows are in
// postgres_audit_rows.cpp).
#include "api/vault/postgres_vault_store.hpp"

#include <chrono>

namespace skolvag::api {

namespace {

constexpr const char* kSchemaVersion = "1";
// Connections per process: requests use them a statement or a transaction at a time.
constexpr std::size_t kPoolSize = 8;
// Every server creating the schema at once takes this lock first (an arbitrary key).
constexpr const char* kSchemaLock = "SELECT pg_advisory_xact_lock(7320150001)";
// How long a purge waits for the tables' locks before it is left to the upkeep thread.
constexpr const char* kPurgeLockTimeout = "SET lock_timeout = '500ms'";
// How often the upkeep thread looks at its work, and recounts the tokens (seconds).
constexpr auto kUpkeepRound = std::chrono::milliseconds(500);
constexpr int kRecountRounds = 20;

constexpr const char* kSchema = R"sql(
    CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL);
    CREATE TABLE IF NOT EXISTS tokens (
        token text PRIMARY KEY,
        tenant text NOT NULL,
        created_by text NOT NULL,
        created_at text NOT NULL,
        coordinate bytea NOT NULL,
        case_ref_hmac text,
        protected boolean NOT NULL DEFAULT false
    );
    CREATE INDEX IF NOT EXISTS tokens_case_ref ON tokens (tenant, case_ref_hmac);
    CREATE TABLE IF NOT EXISTS results (
        token text NOT NULL REFERENCES tokens (token) ON DELETE CASCADE,
        kind text NOT NULL,
        key_mac text NOT NULL, -- what was asked (school, grade) is only inside the sealed bytes
        created_at text NOT NULL,
        sealed bytea NOT NULL,
        PRIMARY KEY (token, kind, key_mac)
    );
    CREATE TABLE IF NOT EXISTS asked_schools (
        token text NOT NULL REFERENCES tokens (token) ON DELETE CASCADE,
        school_mac text NOT NULL, -- which school is only an HMAC
        PRIMARY KEY (token, school_mac)
    );
    CREATE TABLE IF NOT EXISTS audit (
        id bigserial PRIMARY KEY, -- the order written
        seq bigint NOT NULL,      -- the entry's number in its tenant's chain
        at text NOT NULL,
        tenant text NOT NULL,
        client text NOT NULL,
        action text NOT NULL,
        token text,
        outcome text NOT NULL,
        count bigint NOT NULL DEFAULT 1,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        UNIQUE (tenant, seq)
    );
    CREATE INDEX IF NOT EXISTS audit_tenant_at ON audit (tenant, at);
    CREATE INDEX IF NOT EXISTS audit_token ON audit (token);
    -- The heads of several tenants' chains, each taken under its lock first (in the order
    -- given: sorted by every server). VOLATILE: the query after the locks sees what the
    -- transactions that held them committed.
    CREATE OR REPLACE FUNCTION skolvag_audit_heads(tenants text[]) RETURNS TABLE (tenant text, seq bigint, hash text)
        LANGUAGE plpgsql VOLATILE AS $$
        DECLARE t text;
        BEGIN
            FOREACH t IN ARRAY tenants LOOP
                PERFORM pg_advisory_xact_lock(hashtextextended(t, 7320150002));
            END LOOP;
            RETURN QUERY SELECT w.t, h.seq, h.hash FROM unnest(tenants) AS w(t)
                CROSS JOIN LATERAL (SELECT a.seq, a.hash FROM audit a WHERE a.tenant = w.t
                                    ORDER BY a.seq DESC LIMIT 1) h;
        END $$;
    CREATE OR REPLACE FUNCTION skolvag_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$;
    CREATE OR REPLACE TRIGGER audit_is_append_only BEFORE UPDATE OR DELETE ON audit
        FOR EACH ROW EXECUTE FUNCTION skolvag_audit_is_append_only();
    CREATE OR REPLACE TRIGGER audit_is_append_only_truncate BEFORE TRUNCATE ON audit
        FOR EACH STATEMENT EXECUTE FUNCTION skolvag_audit_is_append_only();
)sql";

constexpr const char* kTokenColumns =
    "SELECT token, tenant, created_by, created_at, coordinate, case_ref_hmac, protected FROM tokens ";

/// An existing vault must still have its audit trail and the triggers that keep it
/// append-only: re-creating them silently would hide that history could be rewritten.
void require_audit_trail(PgConnection& c, const std::string& location) {
    if (c.exec("SELECT to_regclass('meta') IS NOT NULL").boolean(0, 0) == false) {
        return; // a new vault
    }
    const PgResult found = c.exec(
        "SELECT to_regclass('audit') IS NOT NULL, "
        "(SELECT COUNT(*) FROM pg_trigger WHERE tgname IN ('audit_is_append_only', 'audit_is_append_only_truncate') "
        "AND tgrelid = to_regclass('audit') AND tgenabled <> 'D')");
    if (!found.boolean(0, 0)) {
        throw VaultError(location + ": the audit trail's table audit is missing: the vault was altered outside "
                                    "skolvag; restore it from a backup");
    }
    if (found.integer(0, 1) != 2) {
        throw VaultError(location + ": the audit trail's triggers audit_is_append_only are missing or disabled: the "
                                    "vault was altered outside skolvag; restore it from a backup");
    }
}

StoredToken read_token(const PgResult& r, int row) {
    return {r.text(row, 0),  r.text(row, 1),          r.text(row, 2),   r.text(row, 3),
            r.bytes(row, 4), r.optional_text(row, 5), r.boolean(row, 6)};
}

} // namespace

PostgresVaultStore::PostgresVaultStore(const std::string& location)
    : m_location(pg_location_name(location)), m_pool(pg_conninfo(location), m_location, kPoolSize) {
    {
        auto c = m_pool.borrow();
        in_pg_transaction(*c, [&] {
            c->exec(kSchemaLock);
            require_audit_trail(*c, m_location);
            c->exec(kSchema);
        });
    }
    count_tokens();
    m_upkeep = std::thread([this] { run_upkeep(); });
}

PostgresVaultStore::~PostgresVaultStore() {
    {
        const std::lock_guard<std::mutex> lock(m_upkeep_mutex);
        m_stopping = true;
    }
    m_upkeep_wake.notify_all();
    m_upkeep.join();
}

void PostgresVaultStore::count_tokens() {
    auto c = m_pool.borrow();
    m_token_count = c->run("count_tokens", "SELECT COUNT(*) FROM tokens").integer(0, 0);
}

void PostgresVaultStore::run_upkeep() {
    std::unique_lock<std::mutex> lock(m_upkeep_mutex);
    for (int round = 1; !m_stopping; ++round) {
        m_upkeep_wake.wait_for(lock, kUpkeepRound);
        if (m_stopping) {
            break;
        }
        lock.unlock();
        try {
            rewrite_erased_tables(); // an erasure's rewrite that waits, of any server's
            if (round % kRecountRounds == 0) {
                count_tokens();
            }
        } catch (const VaultError&) {
            // the database is away: the next round tries again
        }
        lock.lock();
    }
}

std::string PostgresVaultStore::adopt_key_check(const std::string& check) {
    auto c = m_pool.borrow();
    c->run("adopt_key_check",
           "INSERT INTO meta (key, value) VALUES ('key_check', $1), ('schema_version', $2) ON CONFLICT DO NOTHING",
           text_params({check, kSchemaVersion}));
    return c->run("key_check", "SELECT value FROM meta WHERE key = 'key_check'").text(0, 0);
}

void PostgresVaultStore::insert_token(const StoredToken& t, const AuditSealer& audit_entry) {
    auto c = m_pool.borrow();
    in_pg_transaction(*c, [&] {
        c->run("insert_token",
               "INSERT INTO tokens (token, tenant, created_by, created_at, coordinate, case_ref_hmac, protected) "
               "VALUES ($1, $2, $3, $4, $5, $6, $7)",
               {std::optional<std::string>(t.token), std::optional<std::string>(t.tenant),
                std::optional<std::string>(t.created_by), std::optional<std::string>(t.created_at),
                t.sealed_coordinate, t.case_ref_mac, std::optional<std::string>(t.is_protected ? "true" : "false")});
        append_audit_in(*c, t.tenant, audit_entry);
    });
    ++m_token_count;
}

std::optional<StoredToken> PostgresVaultStore::find_token(const std::string& token, const std::string& tenant) {
    auto c = m_pool.borrow();
    const PgResult r = c->run("find_token", (std::string(kTokenColumns) + "WHERE token = $1 AND tenant = $2").c_str(),
                              text_params({token, tenant}));
    if (r.rows() == 0) {
        return std::nullopt;
    }
    return read_token(r, 0);
}

std::vector<StoredToken> PostgresVaultStore::tokens_by_case_mac(const std::string& tenant,
                                                                const std::string& case_ref_mac) {
    auto c = m_pool.borrow();
    const PgResult r =
        c->run("tokens_by_case_mac",
               (std::string(kTokenColumns) + "WHERE tenant = $1 AND case_ref_hmac = $2 ORDER BY created_at").c_str(),
               text_params({tenant, case_ref_mac}));
    std::vector<StoredToken> out;
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back(read_token(r, i));
    }
    return out;
}

std::optional<std::string> PostgresVaultStore::token_tenant(const std::string& token) {
    auto c = m_pool.borrow();
    const PgResult r = c->run("token_tenant", "SELECT tenant FROM tokens WHERE token = $1", text_params({token}));
    if (r.rows() == 0) {
        return std::nullopt;
    }
    return r.text(0, 0);
}

bool PostgresVaultStore::note_purpose(const std::string& token, const std::string& school_mac, std::size_t limit) {
    auto c = m_pool.borrow();
    // Most calls ask a school already asked: one read, no lock.
    const char* kKnown = "SELECT COUNT(*), COALESCE(bool_or(school_mac = $2), false) FROM asked_schools WHERE token = $1";
    {
        const PgResult known = c->run("purpose_known", kKnown, text_params({token, school_mac}));
        if (known.boolean(0, 1)) {
            return true;
        }
        if (known.integer(0, 0) >= static_cast<std::int64_t>(limit)) {
            return false;
        }
    }
    // A new school: counted again with the token's row locked, so that two replicas
    // cannot both add the last school allowed.
    bool allowed = true;
    in_pg_transaction(*c, [&] {
        if (c->run("purpose_lock", "SELECT 1 FROM tokens WHERE token = $1 FOR UPDATE", text_params({token})).rows() == 0) {
            return; // erased meanwhile: nothing to note
        }
        const PgResult known = c->run("purpose_known", kKnown, text_params({token, school_mac}));
        if (known.boolean(0, 1)) {
            return;
        }
        if (known.integer(0, 0) >= static_cast<std::int64_t>(limit)) {
            allowed = false;
            return;
        }
        c->run("purpose_insert", "INSERT INTO asked_schools (token, school_mac) VALUES ($1, $2) ON CONFLICT DO NOTHING",
               text_params({token, school_mac}));
    });
    return allowed;
}

void PostgresVaultStore::put_result(const std::string& token, const StoredResult& r) {
    auto c = m_pool.borrow();
    try {
        c->run("put_result",
               "INSERT INTO results (token, kind, key_mac, created_at, sealed) "
               "SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM tokens WHERE token = $1) "
               "ON CONFLICT (token, kind, key_mac) DO UPDATE SET created_at = EXCLUDED.created_at, "
               "sealed = EXCLUDED.sealed",
               {std::optional<std::string>(token), std::optional<std::string>(r.kind),
                std::optional<std::string>(r.key_mac), std::optional<std::string>(r.created_at), r.sealed});
    } catch (const VaultUnavailable&) {
        throw;
    } catch (const VaultError&) {
        // The token was erased between the check and the insert (another replica): no result to keep.
        if (c->last_state() != "23503") {
            throw;
        }
    }
}

std::optional<StoredResult> PostgresVaultStore::get_result(const std::string& token, const std::string& kind,
                                                           const std::string& key_mac) {
    auto c = m_pool.borrow();
    const PgResult r =
        c->run("get_result", "SELECT created_at, sealed FROM results WHERE token = $1 AND kind = $2 AND key_mac = $3",
               text_params({token, kind, key_mac}));
    if (r.rows() == 0) {
        return std::nullopt;
    }
    return StoredResult{kind, key_mac, r.text(0, 0), r.bytes(0, 1)};
}

std::vector<StoredResult> PostgresVaultStore::results(const std::string& token) {
    auto c = m_pool.borrow();
    const PgResult r = c->run("results", "SELECT kind, key_mac, created_at, sealed FROM results WHERE token = $1 "
                                         "ORDER BY kind",
                              text_params({token}));
    std::vector<StoredResult> out;
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.bytes(i, 3)});
    }
    return out;
}

VaultStore::Erased PostgresVaultStore::erase_token(const std::string& token, const std::string& tenant) {
    Erased erased;
    auto c = m_pool.borrow();
    in_pg_transaction(*c, [&] {
        // The token's row first, as note_purpose takes it: no two sessions wait on each other.
        if (c->run("erase_lock", "SELECT 1 FROM tokens WHERE token = $1 AND tenant = $2 FOR UPDATE",
                   text_params({token, tenant}))
                .rows() == 0) {
            return;
        }
        erased.results = static_cast<std::size_t>(
            c->run("erase_results", "DELETE FROM results WHERE token = $1", text_params({token})).changed());
        c->run("erase_purposes", "DELETE FROM asked_schools WHERE token = $1", text_params({token}));
        erased.token = c->run("erase_token", "DELETE FROM tokens WHERE token = $1 AND tenant = $2",
                              text_params({token, tenant}))
                           .changed() == 1;
        // The purge this erasure needs, kept in the database with it: any server (this
        // one after a restart, too) rewrites the tables until it is done. Only the
        // newest erasure's transaction is kept: a rewrite after it covers the older ones.
        c->run("erase_purge_after",
               "INSERT INTO meta (key, value) VALUES ('purge_after', pg_current_xact_id()::text) "
               "ON CONFLICT (key) DO UPDATE SET value = GREATEST(meta.value::xid8, EXCLUDED.value::xid8)::text");
    });
    if (erased.token) {
        --m_token_count;
    }
    return erased;
}

bool PostgresVaultStore::erasure_seen_by_no_session(PgConnection& c, const std::string& erased_xid) {
    // The rewrite keeps a deleted row that some snapshot may still see: one of a
    // session of this database begun before the erasure committed; the rewrite's own,
    // whose horizon is the oldest transaction still running in the whole cluster (other
    // databases too); or a standby's, held through a replication slot
    // (hot_standby_feedback). Sessions of other roles show their xmin only to roles
    // with pg_read_all_stats.
    const char* kOlder =
        "SELECT pg_snapshot_xmin(pg_current_snapshot()) <= $1::xid8 OR EXISTS (SELECT 1 FROM pg_stat_activity "
        "WHERE (datname = current_database() OR datname IS NULL) AND pid <> pg_backend_pid() "
        "AND (age(backend_xmin) >= age($1::xid8::xid) OR age(backend_xid) >= age($1::xid8::xid))) "
        "OR EXISTS (SELECT 1 FROM pg_replication_slots WHERE xmin IS NOT NULL AND age(xmin) >= age($1::xid8::xid))";
    for (int attempt = 0; attempt < 40; ++attempt) {
        if (!c.run("erasure_horizon", kOlder, text_params({erased_xid})).boolean(0, 0)) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

bool PostgresVaultStore::rewrite_erased_tables() {
    const std::lock_guard<std::mutex> one_at_a_time(m_purge_mutex);
    auto c = m_pool.borrow();
    const PgResult pending = c->run("purge_after", "SELECT value FROM meta WHERE key = 'purge_after'");
    if (pending.rows() == 0) {
        return true; // no erasure waits for its rewrite
    }
    const std::string erased_xid = pending.text(0, 0);
    if (!erasure_seen_by_no_session(*c, erased_xid)) {
        return false;
    }
    try {
        // Each statement once: a connection lost and made again would have lost the
        // lock timeout, and a VACUUM FULL queued behind a backup would stall every
        // server's calls on the table. The next round tries again on a new connection.
        c->exec_once(kPurgeLockTimeout);
        // VACUUM FULL writes each table anew with its live rows only and removes the
        // old files; a plain VACUUM leaves the deleted rows' bytes in the pages.
        c->exec_once("VACUUM FULL results");
        c->exec_once("VACUUM FULL asked_schools");
        c->exec_once("VACUUM FULL tokens");
        c->exec_once("RESET lock_timeout");
    } catch (const VaultUnavailable&) {
        throw;
    } catch (const VaultError&) {
        const std::string state = c->last_state();
        c->exec_once("RESET lock_timeout");
        if (state == "55P03") { // lock_not_available: a long reader (a backup) holds a table
            return false;
        }
        throw;
    }
    // Done, unless an erasure came meanwhile: then its own xid is there, and kept.
    c->run("purge_done", "DELETE FROM meta WHERE key = 'purge_after' AND value = $1", text_params({erased_xid}));
    return true;
}

bool PostgresVaultStore::purge_history() {
    try {
        return rewrite_erased_tables();
    } catch (const VaultError&) {
        return false; // the purge stays recorded: the upkeep (of any server) does it
    }
}

} // namespace skolvag::api
