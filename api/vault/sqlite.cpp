// SPDX-License-Identifier: MIT
#include "api/vault/sqlite.hpp"

#include <sqlite3.h>

namespace skolvag::api {

namespace {
[[noreturn]] void fail(sqlite3* db, const std::string& what) {
    throw VaultError("vault: " + what + ": " + (db != nullptr ? sqlite3_errmsg(db) : "out of memory"));
}
} // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr) != SQLITE_OK) {
        fail(db, "cannot prepare a statement");
    }
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement& Statement::bind(int index, std::string_view text) {
    if (sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK) {
        fail(m_db, "cannot bind a value");
    }
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK) {
        fail(m_db, "cannot bind a value");
    }
    return *this;
}

Statement& Statement::bind_blob(int index, const std::vector<std::uint8_t>& blob) {
    if (sqlite3_bind_blob(m_stmt, index, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT) != SQLITE_OK) {
        fail(m_db, "cannot bind a value");
    }
    return *this;
}

Statement& Statement::bind_null(int index) {
    if (sqlite3_bind_null(m_stmt, index) != SQLITE_OK) {
        fail(m_db, "cannot bind a value");
    }
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    fail(m_db, "statement failed");
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::string Statement::text(int column) const {
    const auto* p = sqlite3_column_text(m_stmt, column);
    return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p),
                                                      static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
}

std::optional<std::string> Statement::optional_text(int column) const {
    if (sqlite3_column_type(m_stmt, column) == SQLITE_NULL) {
        return std::nullopt;
    }
    return text(column);
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(m_stmt, column); }

std::vector<std::uint8_t> Statement::blob(int column) const {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(m_stmt, column));
    const int n = sqlite3_column_bytes(m_stmt, column);
    return p == nullptr ? std::vector<std::uint8_t>() : std::vector<std::uint8_t>(p, p + n);
}

Database::Database(const std::string& path, Open mode) {
    const int flags = (mode == Open::read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                      (mode == Open::create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_FULLMUTEX;
    if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
        const std::string msg = m_db != nullptr ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        throw VaultError(path + ": cannot open the vault (" + msg + ")");
    }
    sqlite3_busy_timeout(m_db, 5000);
}

Database::~Database() {
    m_statements.clear(); // finalised before the connection closes
    // _v2: a statement still open elsewhere keeps the connection until it is finalised,
    // instead of the close failing and the connection leaking.
    sqlite3_close_v2(m_db);
}

CachedStatement Database::cached(const std::string& sql) {
    std::unique_ptr<Statement>& s = m_statements[sql];
    if (!s) {
        s = std::make_unique<Statement>(m_db, sql);
    }
    return CachedStatement(*s);
}

void Database::exec(std::string_view sql) {
    char* error = nullptr;
    if (sqlite3_exec(m_db, std::string(sql).c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string msg = error != nullptr ? error : "unknown error";
        sqlite3_free(error);
        throw VaultError("vault: " + msg);
    }
}

std::int64_t Database::changes() const { return sqlite3_changes(m_db); }

void Database::set_busy_timeout(int milliseconds) { sqlite3_busy_timeout(m_db, milliseconds); }

bool Database::checkpoint_and_truncate_wal() {
    int log_frames = 0;
    int checkpointed = 0;
    const int rc = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log_frames, &checkpointed);
    return rc == SQLITE_OK;
}

} // namespace skolvag::api
