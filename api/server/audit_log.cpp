// SPDX-License-Identifier: MIT
#include "api/server/audit_log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <regex>

namespace skolvag::api {

namespace {
constexpr const char* kGenesis = "genesis";

AuditEntry read_entry(const Statement& s) {
    AuditEntry e;
    e.id = s.integer(0);
    e.at = s.text(1);
    e.tenant = s.text(2);
    e.client = s.text(3);
    e.action = s.text(4);
    e.token = s.optional_text(5).value_or("");
    e.outcome = s.text(6);
    e.prev_hash = s.text(7);
    e.hash = s.text(8);
    return e;
}

constexpr const char* kColumns = "id, at, tenant, client, action, token, outcome, prev_hash, hash";
} // namespace

std::string utc_now_rfc3339() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    return buf;
}

std::optional<std::string> normalise_rfc3339(const std::string& text) {
    static const std::regex re(R"(^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$)");
    std::smatch m;
    if (!std::regex_match(text, m, re)) {
        return std::nullopt;
    }
    std::tm tm{};
    tm.tm_year = std::stoi(m[1]) - 1900;
    tm.tm_mon = std::stoi(m[2]) - 1;
    tm.tm_mday = std::stoi(m[3]);
    tm.tm_hour = std::stoi(m[4]);
    tm.tm_min = std::stoi(m[5]);
    tm.tm_sec = std::stoi(m[6]);
    if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60) {
        return std::nullopt;
    }
    std::time_t t = timegm(&tm);
    const std::string zone = m[8];
    if (zone != "Z" && zone != "z") {
        const int sign = zone[0] == '-' ? -1 : 1;
        t -= sign * (std::stoi(zone.substr(1, 2)) * 3600 + std::stoi(zone.substr(4, 2)) * 60);
    }
    int ms = 0;
    if (m[7].matched) {
        const std::string frac = std::string(m[7]).substr(1) + "000";
        ms = std::stoi(frac.substr(0, 3));
    }
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, ms);
    return std::string(buf);
}

void AuditChain::create_schema(Database& db) {
    db.exec(R"sql(
        CREATE TABLE IF NOT EXISTS audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            tenant TEXT NOT NULL,
            client TEXT NOT NULL,
            action TEXT NOT NULL,
            token TEXT,
            outcome TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS audit_tenant_at ON audit(tenant, at);
        CREATE INDEX IF NOT EXISTS audit_token ON audit(token);
        CREATE TRIGGER IF NOT EXISTS audit_is_append_only_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_is_append_only_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    )sql");
}

AuditChain::AuditChain(Database& db, const Key256& audit_key) : m_db(db), m_key(audit_key) {
    resume_after_rollback();
}

void AuditChain::resume_after_rollback() {
    m_last_hash = kGenesis;
    m_next_id = 1;
    Statement last = m_db.prepare("SELECT hash, id FROM audit ORDER BY id DESC LIMIT 1");
    if (last.step()) {
        m_last_hash = last.text(0);
        m_next_id = last.integer(1) + 1;
    }
}

std::string AuditChain::entry_hash(const AuditEntry& e) const {
    std::string data = e.prev_hash;
    for (const std::string* f : {&e.at, &e.tenant, &e.client, &e.action, &e.token, &e.outcome}) {
        data += '\x1f';
        data += *f;
    }
    data += '\x1f' + std::to_string(e.id);
    return hmac_sha256_hex(m_key, data);
}

AuditEntry AuditChain::append(const std::string& tenant, const std::string& client, const std::string& action,
                              const std::string& token, const std::string& outcome) {
    AuditEntry e;
    e.at = utc_now_rfc3339();
    e.tenant = tenant;
    e.client = client;
    e.action = action;
    e.token = token;
    e.outcome = outcome;
    e.prev_hash = m_last_hash;
    e.id = m_next_id; // part of the hash; one writer (this server) per vault
    e.hash = entry_hash(e);
    CachedStatement insert = m_db.cached(
        "INSERT INTO audit (id, at, tenant, client, action, token, outcome, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert->bind(1, e.id).bind(2, e.at).bind(3, e.tenant).bind(4, e.client).bind(5, e.action);
    if (e.token.empty()) {
        insert->bind_null(6);
    } else {
        insert->bind(6, e.token);
    }
    insert->bind(7, e.outcome).bind(8, e.prev_hash).bind(9, e.hash);
    insert->run();
    ++m_next_id;
    m_last_hash = e.hash;
    return e;
}

std::vector<AuditEntry> AuditChain::list(Database& reader, const std::string& tenant,
                                         const std::optional<std::string>& since) {
    Statement s = reader.prepare(std::string("SELECT ") + kColumns +
                               " FROM audit WHERE tenant = ? AND at >= ? ORDER BY id");
    s.bind(1, tenant).bind(2, since.value_or(""));
    std::vector<AuditEntry> out;
    while (s.step()) {
        out.push_back(read_entry(s));
    }
    return out;
}

std::vector<AuditEntry> AuditChain::for_token(Database& reader, const std::string& tenant, const std::string& token) {
    Statement s = reader.prepare(std::string("SELECT ") + kColumns + " FROM audit WHERE tenant = ? AND token = ? ORDER BY id");
    s.bind(1, tenant).bind(2, token);
    std::vector<AuditEntry> out;
    while (s.step()) {
        out.push_back(read_entry(s));
    }
    return out;
}

AuditVerification AuditChain::verify(Database& reader) const {
    AuditVerification v;
    Statement s = reader.prepare(std::string("SELECT ") + kColumns + " FROM audit ORDER BY id");
    std::string prev = kGenesis;
    std::int64_t expected_id = 0;
    while (s.step()) {
        const AuditEntry e = read_entry(s);
        ++v.entries;
        auto bad = [&](const std::string& reason) {
            v.ok = false;
            v.first_bad_id = e.id;
            v.reason = reason;
        };
        if (expected_id != 0 && e.id != expected_id) {
            bad("entry " + std::to_string(expected_id) + " is missing");
        } else if (e.prev_hash != prev) {
            bad("does not follow the entry before it");
        } else if (!constant_time_equal(e.hash, entry_hash(e))) {
            bad("its content does not match its hash");
        }
        if (!v.ok) {
            return v;
        }
        prev = e.hash;
        expected_id = e.id + 1;
    }
    return v;
}

} // namespace skolvag::api
