// SPDX-License-Identifier: MIT
#include "api/vault/sqlite_vault_store.hpp"

#include <chrono>

namespace skolvag::api {

namespace {

constexpr const char* kSchemaVersion = "2";
constexpr const char* kTokenColumns = "token, tenant, created_by, created_at, coordinate, case_ref_hmac, protected";

bool exists(Database& db, const char* type, const char* name) {
    Statement s = db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = ? AND name = ?");
    s.bind(1, type).bind(2, name);
    s.step();
    return s.integer(0) > 0;
}

/// An existing vault must still have its audit trail and the triggers that keep it
/// append-only: someone who removed them could have rewritten history. Re-creating
/// them silently would hide that.
void require_audit_trail(Database& db, const std::string& path) {
    if (!exists(db, "table", "meta")) {
        return; // a new vault
    }
    for (const auto& [type, name] : {std::pair{"table", "audit"}, std::pair{"trigger", "audit_is_append_only_update"},
                                     std::pair{"trigger", "audit_is_append_only_delete"}}) {
        if (!exists(db, type, name)) {
            throw VaultError(path + ": the audit trail's " + std::string(type) + " " + name +
                             " is missing: the vault was altered outside skolvag; restore it from a backup");
        }
    }
}

/// Vaults from before 0.3 get the columns of per-tenant chains; their entries stay as written.
void add_tenant_chains(Database& db) {
    Statement columns = db.prepare("SELECT COUNT(*) FROM pragma_table_info('audit') WHERE name = 'seq'");
    columns.step();
    if (columns.integer(0) == 0) {
        db.exec("ALTER TABLE audit ADD COLUMN seq INTEGER; ALTER TABLE audit ADD COLUMN count INTEGER NOT NULL DEFAULT 1;");
    }
}

void create_schema(Database& db, const std::string& path) {
    require_audit_trail(db, path);
    // WAL for concurrent reads and crash safety; secure_delete so that erased rows are
    // overwritten, not just unlinked; NORMAL sync: a commit is in the WAL file before
    // it returns, so it survives the process being killed (not a power cut). The WAL is
    // checkpointed by the writing connection itself once it holds 100 pages (400 kB):
    // only a checkpoint by the writer, between its own writes, lets the next write
    // start the WAL over; one from another connection never catches up with steady
    // writes, and the WAL grew by gigabytes. Every call waits while the writer
    // checkpoints: at 1000 pages each checkpoint held calls for up to 10 ms, and p99 of
    // the distance endpoint at 1,700 req/s was 8.7 ms; at 100 pages it is 3.6 ms
    // (README, Benchmarks). journal_size_limit cuts the file back.
    db.exec("PRAGMA journal_mode=WAL; PRAGMA secure_delete=ON; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA wal_autocheckpoint=100; PRAGMA journal_size_limit=4194304;");
    db.exec(R"sql(
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS tokens (
            token TEXT PRIMARY KEY,
            tenant TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            coordinate BLOB NOT NULL,
            case_ref_hmac TEXT,
            protected INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS tokens_case_ref ON tokens(tenant, case_ref_hmac);
        CREATE TABLE IF NOT EXISTS results (
            token TEXT NOT NULL REFERENCES tokens(token) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            key_mac TEXT NOT NULL, -- what was asked (school, grade) is only inside the sealed blob
            created_at TEXT NOT NULL,
            sealed BLOB NOT NULL,
            PRIMARY KEY (token, kind, key_mac)
        );
        CREATE TABLE IF NOT EXISTS asked_schools (
            token TEXT NOT NULL REFERENCES tokens(token) ON DELETE CASCADE,
            school_mac TEXT NOT NULL, -- which school is only an HMAC
            PRIMARY KEY (token, school_mac)
        );
        CREATE TABLE IF NOT EXISTS audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT, -- the order written; shown only for legacy entries
            at TEXT NOT NULL,
            tenant TEXT NOT NULL,
            client TEXT NOT NULL,
            action TEXT NOT NULL,
            token TEXT,
            outcome TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
    )sql");
    add_tenant_chains(db);
    db.exec(R"sql(
        CREATE UNIQUE INDEX IF NOT EXISTS audit_tenant_seq ON audit(tenant, seq);
        CREATE INDEX IF NOT EXISTS audit_tenant_at ON audit(tenant, at);
        CREATE INDEX IF NOT EXISTS audit_token ON audit(token);
        CREATE TRIGGER IF NOT EXISTS audit_is_append_only_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_is_append_only_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    )sql");
}

StoredToken read_token(const Statement& s) {
    return {s.text(0), s.text(1), s.text(2), s.text(3), s.blob(4), s.optional_text(5), s.integer(6) != 0};
}


/// Runs body in a write transaction: committed when it returns, rolled back when it throws.
template <class Body>
void in_transaction(Database& db, const Body& body) {
    db.exec("BEGIN IMMEDIATE");
    try {
        body();
        db.exec("COMMIT");
    } catch (...) {
        db.exec("ROLLBACK");
        throw;
    }
}

} // namespace

SqliteVaultStore::SqliteVaultStore(const std::string& path) : m_db(path) {
    create_schema(m_db, path);
    m_reader = std::make_unique<Database>(path, Database::Open::read_only);
    Statement count = m_db.prepare("SELECT COUNT(*) FROM tokens");
    count.step();
    m_token_count = count.integer(0);
    // Opened here, not in the thread, so that a failure is the constructor's error.
    auto checkpoints = std::make_shared<Database>(path, Database::Open::existing);
    checkpoints->set_busy_timeout(0); // a busy checkpoint is tried again next round
    // A connection learns that the file is in WAL mode only when it first reads it;
    // until then a checkpoint "succeeds" doing nothing.
    checkpoints->exec("SELECT COUNT(*) FROM meta;");
    m_checkpointer = std::thread([this, checkpoints] { run_checkpoints(checkpoints); });
}

SqliteVaultStore::~SqliteVaultStore() {
    {
        const std::lock_guard<std::mutex> lock(m_checkpoint_mutex);
        m_stopping = true;
    }
    m_checkpoint_wake.notify_all();
    m_checkpointer.join();
    m_reader.reset();
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_db.checkpoint_and_truncate_wal(); // tidying for a clean shutdown; the WAL is replayed otherwise
}

void SqliteVaultStore::run_checkpoints(const std::shared_ptr<Database>& connection) {
    // Only an erasure whose purge was held up by another program waits here: tried
    // again every half second until the WAL is empty.
    std::unique_lock<std::mutex> lock(m_checkpoint_mutex);
    while (!m_stopping) {
        m_checkpoint_wake.wait_for(lock, std::chrono::milliseconds(500));
        try {
            if (m_truncate_pending) {
                m_truncate_pending = !connection->checkpoint_and_truncate_wal();
            }
        } catch (const VaultError&) {
            // busy now: the next round tries again
        }
    }
}

std::string SqliteVaultStore::adopt_key_check(const std::string& check) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    Statement get = m_db.prepare("SELECT value FROM meta WHERE key = 'key_check'");
    if (get.step()) {
        return get.text(0);
    }
    m_db.prepare("INSERT INTO meta (key, value) VALUES ('key_check', ?)").bind(1, check).run();
    m_db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?)").bind(1, kSchemaVersion).run();
    return check;
}

void SqliteVaultStore::insert_token(const StoredToken& t, const AuditSealer& audit_entry) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    try {
        in_transaction(m_db, [&] {
            CachedStatement s = m_db.cached(std::string("INSERT INTO tokens (") + kTokenColumns +
                                            ") VALUES (?, ?, ?, ?, ?, ?, ?)");
            s->bind(1, t.token).bind(2, t.tenant).bind(3, t.created_by).bind(4, t.created_at);
            s->bind_blob(5, t.sealed_coordinate);
            if (t.case_ref_mac) {
                s->bind(6, *t.case_ref_mac);
            } else {
                s->bind_null(6);
            }
            s->bind(7, std::int64_t{t.is_protected ? 1 : 0});
            s->run();
            append_audit_locked(t.tenant, audit_entry);
        });
    } catch (...) {
        m_heads.clear(); // the entry was rolled back with the token: read the heads again
        throw;
    }
    ++m_token_count;
}

std::optional<StoredToken> SqliteVaultStore::find_token(const std::string& token, const std::string& tenant) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    CachedStatement s = m_db.cached(std::string("SELECT ") + kTokenColumns + " FROM tokens WHERE token = ? AND tenant = ?");
    s->bind(1, token).bind(2, tenant);
    if (!s->step()) {
        return std::nullopt;
    }
    return read_token(*s);
}

std::vector<StoredToken> SqliteVaultStore::tokens_by_case_mac(const std::string& tenant,
                                                              const std::string& case_ref_mac) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    Statement s = m_db.prepare(std::string("SELECT ") + kTokenColumns +
                               " FROM tokens WHERE tenant = ? AND case_ref_hmac = ? ORDER BY created_at");
    s.bind(1, tenant).bind(2, case_ref_mac);
    std::vector<StoredToken> out;
    while (s.step()) {
        out.push_back(read_token(s));
    }
    return out;
}

std::optional<std::string> SqliteVaultStore::token_tenant(const std::string& token) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    CachedStatement s = m_db.cached("SELECT tenant FROM tokens WHERE token = ?");
    s->bind(1, token);
    if (!s->step()) {
        return std::nullopt;
    }
    return s->text(0);
}

bool SqliteVaultStore::note_purpose(const std::string& token, const std::string& school_mac, std::size_t limit) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    CachedStatement known = m_db.cached("SELECT COUNT(*), SUM(school_mac = ?) FROM asked_schools WHERE token = ?");
    known->bind(1, school_mac).bind(2, token);
    known->step();
    const std::int64_t asked = known->integer(0);
    const bool already = known->integer(1) > 0;
    if (already) {
        return true;
    }
    if (asked >= static_cast<std::int64_t>(limit)) {
        return false;
    }
    CachedStatement insert = m_db.cached("INSERT OR IGNORE INTO asked_schools (token, school_mac) VALUES (?, ?)");
    insert->bind(1, token).bind(2, school_mac);
    insert->run();
    return true;
}

void SqliteVaultStore::put_result(const std::string& token, const StoredResult& r) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    CachedStatement s = m_db.cached("INSERT OR REPLACE INTO results (token, kind, key_mac, created_at, sealed) "
                                    "SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM tokens WHERE token = ?)");
    s->bind(1, token).bind(2, r.kind).bind(3, r.key_mac).bind(4, r.created_at).bind_blob(5, r.sealed);
    s->bind(6, token);
    s->run();
}

std::optional<StoredResult> SqliteVaultStore::get_result(const std::string& token, const std::string& kind,
                                                         const std::string& key_mac) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    CachedStatement s =
        m_db.cached("SELECT created_at, sealed FROM results WHERE token = ? AND kind = ? AND key_mac = ?");
    s->bind(1, token).bind(2, kind).bind(3, key_mac);
    if (!s->step()) {
        return std::nullopt;
    }
    return StoredResult{kind, key_mac, s->text(0), s->blob(1)};
}

std::vector<StoredResult> SqliteVaultStore::results(const std::string& token) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    Statement s = m_db.prepare("SELECT kind, key_mac, created_at, sealed FROM results WHERE token = ? ORDER BY kind");
    s.bind(1, token);
    std::vector<StoredResult> out;
    while (s.step()) {
        out.push_back({s.text(0), s.text(1), s.text(2), s.blob(3)});
    }
    return out;
}

VaultStore::Erased SqliteVaultStore::erase_token(const std::string& token, const std::string& tenant) {
    Erased erased;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        in_transaction(m_db, [&] {
            Statement count = m_db.prepare("SELECT COUNT(*) FROM results WHERE token = ?");
            count.bind(1, token);
            count.step();
            erased.results = static_cast<std::size_t>(count.integer(0));
            m_db.prepare("DELETE FROM results WHERE token = ?").bind(1, token).run();
            m_db.prepare("DELETE FROM asked_schools WHERE token = ?").bind(1, token).run();
            m_db.prepare("DELETE FROM tokens WHERE token = ? AND tenant = ?").bind(1, token).bind(2, tenant).run();
            erased.token = m_db.changes() == 1;
        });
    }
    if (erased.token) {
        --m_token_count;
    }
    return erased;
}

bool SqliteVaultStore::purge_history() {
    // secure_delete zeroed the rows in the database pages; the write-ahead log still
    // holds older copies of those pages until a checkpoint copies it back and empties
    // it. Keep the background checkpointer out, then try for a short while: another
    // process reading the vault (a backup) can hold the log. Requests go on meanwhile.
    const std::lock_guard<std::mutex> checkpoint_lock(m_checkpoint_mutex);
    for (int attempt = 0; attempt < 20; ++attempt) {
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            const std::lock_guard<std::mutex> read_lock(m_read_mutex);
            m_db.set_busy_timeout(0);
            const bool done = m_db.checkpoint_and_truncate_wal();
            m_db.set_busy_timeout(5000);
            if (done) {
                return true;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    m_truncate_pending = true; // the checkpointer keeps trying
    return false;
}


} // namespace skolvag::api
