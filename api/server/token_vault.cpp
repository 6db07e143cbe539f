// SPDX-License-Identifier: MIT
#include "api/server/token_vault.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace skolvag::api {

namespace {

constexpr const char* kSchemaVersion = "2";

// A key check value: proves at start-up that the key file is the vault's own.
constexpr const char* kKeyCheckLabel = "skolvag vault key check v1";

std::string aad(const std::string& token, const std::string& tenant, const std::string& purpose) {
    return purpose + '\x1f' + tenant + '\x1f' + token;
}

/// Creates the schema if needed and checks that the key is the vault's own.
Database& prepare_schema(Database& db, const Key256& master_key, const std::string& path) {
    // WAL for concurrent reads and crash safety; secure_delete so that erased rows are
    // overwritten, not just unlinked; NORMAL sync: a commit is in the WAL file before
    // it returns, so it survives the process being killed (not a power cut).
    db.exec("PRAGMA journal_mode=WAL; PRAGMA secure_delete=ON; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA wal_autocheckpoint=0;");
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
    )sql");
    AuditChain::create_schema(db);
    const std::string check = hmac_sha256_hex(master_key, kKeyCheckLabel);
    Statement get = db.prepare("SELECT value FROM meta WHERE key = 'key_check'");
    if (get.step()) {
        if (!constant_time_equal(get.text(0), check)) {
            throw VaultError(path + ": the key file is not the key this vault was created with");
        }
    } else {
        db.prepare("INSERT INTO meta (key, value) VALUES ('key_check', ?)").bind(1, check).run();
        db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?)").bind(1, kSchemaVersion).run();
    }
    return db;
}

std::string coordinate_text(const geodata::LonLat& p) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.9f,%.9f", p.lon_deg, p.lat_deg);
    return buf;
}

} // namespace

TokenVault::TokenVault(const std::string& path, const Key256& master_key)
    : m_db(path),
      m_coordinate_key(derive_key(master_key, "skolvag coordinate encryption v1")),
      m_result_key(derive_key(master_key, "skolvag result encryption v1")),
      m_case_ref_key(derive_key(master_key, "skolvag case reference hmac v1")),
      m_audit(prepare_schema(m_db, master_key, path), derive_key(master_key, "skolvag audit chain v1")) {
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
    m_checkpointer = std::thread([this, checkpoints] {
        std::unique_lock<std::mutex> lock(m_checkpoint_mutex);
        while (!m_stopping) {
            m_checkpoint_wake.wait_for(lock, std::chrono::milliseconds(500));
            try {
                if (m_truncate_pending) {
                    m_truncate_pending = !checkpoints->checkpoint_and_truncate_wal();
                } else {
                    checkpoints->exec("PRAGMA wal_checkpoint(PASSIVE);");
                }
            } catch (const VaultError&) {
                // busy now: the next round tries again
            }
        }
    });
}

TokenVault::~TokenVault() {
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

TokenRecord TokenVault::read_record(const Statement& s) const {
    TokenRecord r;
    r.token = s.text(0);
    r.tenant = s.text(1);
    r.created_by = s.text(2);
    r.created_at = s.text(3);
    r.has_case_ref = s.optional_text(4).has_value();
    r.is_protected = s.integer(5) != 0;
    r.sealed_coordinate = s.blob(6);
    return r;
}

std::string TokenVault::case_ref_mac(const std::string& tenant, const std::string& case_ref) const {
    return hmac_sha256_hex(m_case_ref_key, tenant + '\x1f' + case_ref);
}

std::string TokenVault::result_key_mac(const std::string& kind, const std::string& key) const {
    return hmac_sha256_hex(m_result_key, kind + '\x1f' + key);
}

std::string TokenVault::register_home(const std::string& tenant, const std::string& client,
                                      const geodata::LonLat& home, const std::optional<std::string>& case_ref,
                                      bool is_protected) {
    const std::string token = new_token();
    const Bytes sealed = seal(m_coordinate_key, coordinate_text(home), aad(token, tenant, "coordinate"));
    const std::lock_guard<std::mutex> lock(m_mutex);
    // The token and its audit entry commit together: no coordinate without its entry.
    m_db.exec("BEGIN IMMEDIATE");
    try {
        CachedStatement s = m_db.cached("INSERT INTO tokens (token, tenant, created_by, created_at, coordinate, "
                                        "case_ref_hmac, protected) VALUES (?, ?, ?, ?, ?, ?, ?)");
        s->bind(1, token).bind(2, tenant).bind(3, client).bind(4, utc_now_rfc3339()).bind_blob(5, sealed);
        if (case_ref) {
            s->bind(6, case_ref_mac(tenant, *case_ref));
        } else {
            s->bind_null(6);
        }
        s->bind(7, std::int64_t{is_protected ? 1 : 0});
        s->run();
        m_audit.append(tenant, client, "register", token, "ok");
        m_db.exec("COMMIT");
    } catch (...) {
        m_db.exec("ROLLBACK");
        m_audit.resume_after_rollback();
        throw;
    }
    ++m_token_count;
    return token;
}

std::optional<TokenRecord> TokenVault::find(const std::string& token, const std::string& tenant) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    CachedStatement s = m_db.cached("SELECT token, tenant, created_by, created_at, case_ref_hmac, protected, coordinate "
                                    "FROM tokens WHERE token = ? AND tenant = ?");
    s->bind(1, token).bind(2, tenant);
    if (!s->step()) {
        return std::nullopt;
    }
    return read_record(*s);
}

geodata::LonLat TokenVault::coordinate(const TokenRecord& record) {
    const std::optional<std::string> text =
        open(m_coordinate_key, record.sealed_coordinate, aad(record.token, record.tenant, "coordinate"));
    if (!text) {
        throw VaultError("vault: a coordinate failed its integrity check");
    }
    geodata::LonLat p;
    const auto comma = text->find(',');
    std::from_chars(text->data(), text->data() + comma, p.lon_deg);
    std::from_chars(text->data() + comma + 1, text->data() + text->size(), p.lat_deg);
    return p;
}

void TokenVault::store_result(const TokenRecord& record, const std::string& kind, const std::string& key,
                              const std::string& json) {
    // What was asked (the key) is sealed with the answer: the table shows neither.
    const std::string mac = result_key_mac(kind, key);
    const std::string plain = std::to_string(key.size()) + ':' + key + json;
    const Bytes sealed = seal(m_result_key, plain, aad(record.token, record.tenant, kind + '\x1f' + mac));
    const std::lock_guard<std::mutex> lock(m_mutex);
    CachedStatement s = m_db.cached("INSERT OR REPLACE INTO results (token, kind, key_mac, created_at, sealed) "
                                    "SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM tokens WHERE token = ?)");
    s->bind(1, record.token).bind(2, kind).bind(3, mac).bind(4, utc_now_rfc3339()).bind_blob(5, sealed);
    s->bind(6, record.token);
    s->run();
}

namespace {
/// Splits "LEN:KEYjson" as store_result sealed it.
std::optional<std::pair<std::string, std::string>> split_sealed(const std::string& plain) {
    const auto colon = plain.find(':');
    std::size_t n = 0;
    if (colon == std::string::npos || std::from_chars(plain.data(), plain.data() + colon, n).ec != std::errc{} ||
        colon + 1 + n > plain.size()) {
        return std::nullopt;
    }
    return std::make_pair(plain.substr(colon + 1, n), plain.substr(colon + 1 + n));
}
} // namespace

std::optional<std::string> TokenVault::cached_result(const TokenRecord& record, const std::string& kind,
                                                     const std::string& key) {
    const std::string mac = result_key_mac(kind, key);
    Bytes sealed;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        CachedStatement s = m_db.cached("SELECT sealed FROM results WHERE token = ? AND kind = ? AND key_mac = ?");
        s->bind(1, record.token).bind(2, kind).bind(3, mac);
        if (!s->step()) {
            return std::nullopt;
        }
        sealed = s->blob(0);
    }
    const auto plain = open(m_result_key, sealed, aad(record.token, record.tenant, kind + '\x1f' + mac));
    if (!plain) {
        return std::nullopt;
    }
    const auto parts = split_sealed(*plain);
    return parts && parts->first == key ? std::optional<std::string>(parts->second) : std::nullopt;
}

std::vector<CachedResult> TokenVault::cached_results(const TokenRecord& record) {
    struct Row {
        std::string kind;
        std::string mac;
        std::string created_at;
        Bytes sealed;
    };
    std::vector<Row> rows;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        Statement s = m_db.prepare("SELECT kind, key_mac, created_at, sealed FROM results WHERE token = ? ORDER BY kind");
        s.bind(1, record.token);
        while (s.step()) {
            rows.push_back({s.text(0), s.text(1), s.text(2), s.blob(3)});
        }
    }
    std::vector<CachedResult> out;
    for (const Row& r : rows) {
        const auto plain = open(m_result_key, r.sealed, aad(record.token, record.tenant, r.kind + '\x1f' + r.mac));
        const auto parts = plain ? split_sealed(*plain) : std::nullopt;
        out.push_back({r.kind, parts ? parts->first : "", r.created_at, parts ? parts->second : "null"});
    }
    return out;
}

std::vector<TokenRecord> TokenVault::tokens_for_case_ref(const std::string& tenant, const std::string& case_ref) {
    const std::string mac = case_ref_mac(tenant, case_ref);
    const std::lock_guard<std::mutex> lock(m_mutex);
    Statement s = m_db.prepare("SELECT token, tenant, created_by, created_at, case_ref_hmac, protected, coordinate "
                               "FROM tokens WHERE tenant = ? AND case_ref_hmac = ? ORDER BY created_at");
    s.bind(1, tenant).bind(2, mac);
    std::vector<TokenRecord> out;
    while (s.step()) {
        out.push_back(read_record(s));
    }
    return out;
}

ErasureReceipt TokenVault::erase(const TokenRecord& record) {
    ErasureReceipt receipt;
    receipt.token = record.token;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_db.exec("BEGIN IMMEDIATE");
        try {
            Statement count = m_db.prepare("SELECT COUNT(*) FROM results WHERE token = ?");
            count.bind(1, record.token);
            count.step();
            receipt.cached_results = static_cast<std::size_t>(count.integer(0));
            m_db.prepare("DELETE FROM results WHERE token = ?").bind(1, record.token).run();
            Statement del = m_db.prepare("DELETE FROM tokens WHERE token = ? AND tenant = ?");
            del.bind(1, record.token).bind(2, record.tenant).run();
            receipt.coordinate = m_db.changes() == 1;
            receipt.case_ref = receipt.coordinate && record.has_case_ref;
            m_db.exec("COMMIT");
        } catch (...) {
            m_db.exec("ROLLBACK");
            throw;
        }
    }
    if (receipt.coordinate) {
        --m_token_count;
    }
    // secure_delete zeroed the rows in the database pages; the write-ahead log still
    // holds older copies of those pages until a checkpoint copies it back and empties it.
    receipt.wal_cleared = clear_wal();
    receipt.erased_at = utc_now_rfc3339();
    return receipt;
}

bool TokenVault::clear_wal() {
    // Keep the background checkpointer out, then try for a short while: another
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

AuditEntry TokenVault::audit(const std::string& tenant, const std::string& client, const std::string& action,
                             const std::string& token, const std::string& outcome) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_audit.append(tenant, client, action, token, outcome);
}

std::vector<AuditEntry> TokenVault::audit_entries(const std::string& tenant, const std::optional<std::string>& since) {
    const std::lock_guard<std::mutex> lock(m_read_mutex);
    return AuditChain::list(*m_reader, tenant, since);
}

std::vector<AuditEntry> TokenVault::audit_entries_for_token(const std::string& tenant, const std::string& token) {
    const std::lock_guard<std::mutex> lock(m_read_mutex);
    return AuditChain::for_token(*m_reader, tenant, token);
}

AuditVerification TokenVault::verify_audit() {
    const std::lock_guard<std::mutex> lock(m_read_mutex);
    return m_audit.verify(*m_reader);
}

} // namespace skolvag::api
